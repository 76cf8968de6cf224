package dev.pristine.cucumber;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.testkit.CountingMigratorProvider;
import dev.pristine.testkit.FailureReports;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One typo in a migration under thirty parallel scenarios: the first failure carries the whole message,
 * every other scenario says in one line that the build failed, and nothing prints a stack trace.
 */
class FailedTemplateIT {

    @TempDir
    Path stateDir;

    @Test
    void aMigrationTypoUnderThirtyParallelScenariosIsReportedOnceInUnderAHundredLines() {
        Map<String, String> parameters = Runs.parallel(stateDir);
        parameters.put("pristine.migrations", "src/test/resources/db/broken");
        parameters.put("pristine.migrator", "counting");
        CountingMigratorProvider.MIGRATIONS.set(0);

        Runs.Results results = Runs.run(parameters, "features/thirty");

        assertThat(results.failed()).as("results: %s", results).isEqualTo(30);
        List<Throwable> failures = results.byScenario.values().stream().map(r -> r.getThrowable().orElseThrow()).toList();
        String full = "migration V1__broken.sql failed at line 3: [SQLITE_ERROR] SQL error or missing database "
                + "(no such table: no_such_table), statement `ALTER TABLE no_such_table ADD COLUMN note VARCHAR(10)`, "
                + "fix the migration and run again; no template was published for it";
        FailureReports.assertReportedOnce(failures, "dev.pristine.PristineException", full,
                "the template build failed (see the first failure above): "
                        + "migration V1__broken.sql failed at line 3: [SQLITE_ERROR] SQL error or missing database "
                        + "(no such table: no_such_table), statement `ALTER TABLE no_such_table AD…");
        assertThat(CountingMigratorProvider.MIGRATIONS).hasValue(1);
    }
}
