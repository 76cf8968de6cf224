package dev.pristine.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.junit5.PristineDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The JUnit 5 extension with a Liquibase changelog from the class path, laid out as in a Spring Boot project:
 * the paths Liquibase records are the class-path ones, so an application's own Liquibase finds them applied.
 */
class LiquibaseJUnit5IT {

    @PristineDatabase(migrator = "liquibase", migrations = "classpath:db/changelog/db.changelog-master.yaml",
            stateDir = "target/pristine-state/junit5", poolSize = 0,
            properties = "liquibase.parameters.firstAuthor=Ursula")
    DataSource db;

    @Test
    void aLiquibaseDatabaseIsInjected() throws SQLException {
        assertThat(strings("SELECT name FROM author")).containsExactly("Ursula");
        assertThat(strings("SELECT filename FROM DATABASECHANGELOG ORDER BY orderexecuted")).containsExactly(
                "db/changelog/changes/001-authors.xml", "db/changelog/changes/sql/002-seed.sql");
    }

    @Test
    void everyTestGetsItsOwnDatabase() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO author (id, name) VALUES (2, 'only here')");
        }
        assertThat(strings("SELECT name FROM author ORDER BY id")).containsExactly("Ursula", "only here");
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
