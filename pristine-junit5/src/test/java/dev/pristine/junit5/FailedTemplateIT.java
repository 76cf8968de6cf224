package dev.pristine.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.testkit.CountingMigratorProvider;
import dev.pristine.testkit.FailureReports;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * One typo in a migration under thirty parallel tests: the first failure carries the whole message,
 * every other test says in one line that the build failed, and nothing prints a stack trace.
 */
class FailedTemplateIT {

    @TempDir
    Path stateDir;

    @Test
    void aMigrationTypoUnderThirtyParallelTestsIsReportedOnceInUnderAHundredLines() {
        Map<String, String> parameters = Runs.parallel(stateDir);
        parameters.put("pristine.migrations", "src/test/resources/db/broken");
        parameters.put("pristine.migrator", "counting");
        CountingMigratorProvider.MIGRATIONS.set(0);

        EngineExecutionResults results = Runs.run(parameters, ThirtyTests.class);

        results.testEvents().assertStatistics(stats -> stats.started(30).failed(30));
        List<Throwable> failures = results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).toList();
        String full = "migration V1__broken.sql failed at line 3: [SQLITE_ERROR] SQL error or missing database "
                + "(no such table: custommer), statement `ALTER TABLE custommer ADD COLUMN note VARCHAR(10)`, "
                + "fix the migration and run again; no template was published for it";
        FailureReports.assertReportedOnce(failures, "dev.pristine.junit5.UnresolvedParameter", full,
                "the template build failed (see the first failure above): "
                        + "migration V1__broken.sql failed at line 3: [SQLITE_ERROR] SQL error or missing database "
                        + "(no such table: custommer), statement `ALTER TABLE custommer ADD COLUMN…");
        assertThat(CountingMigratorProvider.MIGRATIONS).hasValue(1);
    }


    static class ThirtyTests {
        @RepeatedTest(30)
        void usesTheDatabase(@PristineDatabase DataSource db) {
            assertThat(db).isNotNull();
        }
    }
}
