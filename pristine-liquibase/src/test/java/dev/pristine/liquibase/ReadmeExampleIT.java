package dev.pristine.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.Pristine;
import dev.pristine.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's code sample, compiled and run: keep the two in step. */
class ReadmeExampleIT {

    @TempDir
    Path stateDir;

    @Test
    void theReadmeExampleRuns() throws Exception {
        // README: start
        Path changelog = Path.of("src/test/resources/db/changelog/db.changelog-master.yaml");
        try (Pristine pristine = Pristine.builder()
                .engine("h2")
                .property("h2.clones", "memory")
                .stateDir(stateDir)
                .migrator(LiquibaseMigrations.changelog(changelog)
                        .contexts("test")
                        .parameter("firstAuthor", "Ursula")
                        .build())
                .build();
                TestDatabase db = pristine.acquire("AuthorRepositoryTest.findsUrsula")) {
            DataSource dataSource = db.dataSource();
            // README: end
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT name FROM author")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Ursula");
            }
        }
    }
}
