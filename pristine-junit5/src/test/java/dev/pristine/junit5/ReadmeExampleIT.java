package dev.pristine.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example, compiled and run with the README's {@code junit-platform.properties}
 * ({@code src/test/resources/readme/}); only the migrations path and the state dir differ.
 */
class ReadmeExampleIT {

    @TempDir
    Path stateDir;

    @Test
    void theReadmeExamplePassesWithTheReadmeProperties() throws Exception {
        Properties readme = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/readme/junit-platform.properties")) {
            readme.load(in);
        }
        Map<String, String> parameters = Runs.parameters(stateDir);
        readme.stringPropertyNames().forEach(k -> parameters.putIfAbsent(k, readme.getProperty(k)));

        Runs.run(parameters, OrderRepositoryTest.class).testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(parameters).containsEntry("junit.jupiter.execution.parallel.enabled", "true")
                .containsEntry("pristine.cleanup", "on_success");
        assertThat(Runs.clonesIn(stateDir)).isEmpty();
    }

    // --- README example: start ---
    static class OrderRepositoryTest {

        @PristineDatabase
        DataSource db; // a fresh, fully-migrated database for each test

        @Test
        void placesAnOrder() throws SQLException {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO customer (id, name) VALUES (1, 'Ada')");
                s.executeUpdate("INSERT INTO orders (id, customer_id) VALUES (10, 1)");
            }
        }

        @Test
        void startsWithNoOrders(@PristineDatabase Connection connection) throws SQLException {
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM orders")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
    // --- README example: end ---
}
