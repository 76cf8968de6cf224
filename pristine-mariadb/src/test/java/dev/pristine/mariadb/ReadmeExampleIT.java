package dev.pristine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.TestDatabase;
import dev.pristine.testkit.Schemas;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module README's example, as it is printed there (plus a state directory of the test's own), on the
 * test server ({@code PRISTINE_MARIADB_URL}; the README shows the default, the local server).
 */
class ReadmeExampleIT {

    @TempDir
    Path stateDir;

    @Test
    void theReadmeExampleGivesATestItsOwnMigratedDatabase() throws Exception {
        Path migrations = Schemas.portable(stateDir);
        PreparedTemplate built;
        // README:begin
        try (Pristine pristine = Pristine.builder()
                .url(MariadbTestServer.URL).user("root")
                .migrations(migrations)
                .stateDir(stateDir)
                .build();
             TestDatabase db = pristine.acquire("OrderTest.placesOrder")) {
            DataSource ds = db.dataSource();   // jdbc:mariadb://127.0.0.1:3306/pristine_ordertest_placesorder_k3v9x0qa
            // README:end
            built = pristine.prepare();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT name FROM item")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("seed");
            }
            assertThat(db.jdbcUrl()).startsWith(MariadbTestServer.URL.replaceFirst("/[^/]*$", "/") + "pristine_");
        }
        MariadbTestServer.dropTemplate(built);
    }
}
