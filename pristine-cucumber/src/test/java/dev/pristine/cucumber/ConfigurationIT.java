package dev.pristine.cucumber;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.testkit.CountingMigratorProvider;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that cannot start says why in every scenario, once built, never once per scenario. */
class ConfigurationIT {

    @TempDir
    Path stateDir;

    @Test
    void withoutMigrationsEveryScenarioFailsWithTheFix() {
        Map<String, String> parameters = Runs.parallel(stateDir);
        parameters.remove("pristine.migrations");

        Runs.Results results = Runs.run(parameters, "features/config");

        assertThat(results.failed()).as("results: %s", results).isEqualTo(2);
        assertThat(results.failure("the first plain scenario")).isEqualTo(
                "no migrations configured for the Cucumber glue dev.pristine.cucumber, pristine.migrations is unset, "
                        + "set pristine.migrations=src/main/resources/db/migration in src/test/resources/junit-platform.properties"
                        + " (or cucumber.properties, a system property, or PRISTINE_MIGRATIONS)");
    }

    @Test
    void aFailingMigrationRunsOnceAndEveryScenarioReportsIt() {
        Map<String, String> parameters = Runs.parallel(stateDir);
        parameters.put("pristine.migrations", "src/test/resources/db/broken");
        parameters.put("pristine.migrator", "counting");
        CountingMigratorProvider.MIGRATIONS.set(0);

        Runs.Results results = Runs.run(parameters, "features/config");

        assertThat(results.failed()).as("results: %s", results).isEqualTo(2);
        assertThat(results.failure("the second plain scenario")).contains("V1__broken.sql").contains("no_such_table");
        assertThat(CountingMigratorProvider.MIGRATIONS).hasValue(1);
        assertThat(Runs.clonesIn(stateDir)).isEmpty();
    }

    @Test
    void aWrongIsolationValueFailsEveryScenarioWithTheFix() {
        Map<String, String> parameters = Runs.sequential(stateDir);
        parameters.put("pristine.isolation", "none");

        Runs.Results results = Runs.run(parameters, "features/config");

        assertThat(results.failure("the first plain scenario")).isEqualTo("pristine.isolation must be scenario, feature "
                + "or run, none, e.g. pristine.isolation=scenario (the default: one database per scenario)");
        assertThat(results.failed()).isEqualTo(2);
    }
}
