package dev.pristine.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.Pristine;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's usage sample, compiled and run (only the state directory and the location differ). */
class ReadmeExampleIT {

    @TempDir
    Path stateDir;

    @Test
    void readmeSample() {
        // README: begin
        try (Pristine pristine = Pristine.builder()
                        .settings(PristineSettings.empty()).stateDir(stateDir) // README: omit
                        .migrator(FlywayMigrations.of(Flyway.configure()
                                .locations("classpath:db/flyway-classpath") // README: classpath:db/migration
                                .placeholders(Map.of("owner", "alice"))))
                        .build();
                TestDatabase db = pristine.acquire("OrderTest.placesOrder")) {
            DataSource ds = db.dataSource();
            // README: end
            assertThat(Fixtures.column(ds, "select count(*) from people")).containsExactly("2");
        }
    }
}
