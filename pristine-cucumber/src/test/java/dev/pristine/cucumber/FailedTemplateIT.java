package dev.pristine.cucumber;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.testkit.CountingMigratorProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
        List<String> reports = results.byScenario.values().stream()
                .map(r -> asPrinted(r.getThrowable().orElseThrow())).toList();
        String all = String.join("", reports);
        String full = "migration V1__broken.sql failed at line 3: [SQLITE_ERROR] SQL error or missing database "
                + "(no such table: no_such_table), statement `ALTER TABLE no_such_table ADD COLUMN note VARCHAR(10)`, "
                + "fix the migration and run again; no template was published for it";
        assertThat(all.split(Pattern.quote(full), -1)).as("reports:%n%s", all).hasSize(2);
        assertThat(reports).containsOnlyOnce("dev.pristine.PristineException: " + full + "\n");
        assertThat(reports).filteredOn(r -> !r.contains(full)).hasSize(29).containsOnly(
                "dev.pristine.PristineException: the template build failed (see the first failure above): "
                        + "migration V1__broken.sql failed at line 3: [SQLITE_ERROR] SQL error or missing database "
                        + "(no such table: no_such_table), statement `ALTER TABLE no_such_table AD…\n");
        assertThat(all.lines().count()).as("lines of failure output:%n%s", all).isLessThan(100);
        assertThat(CountingMigratorProvider.MIGRATIONS).hasValue(1);
    }

    /** What a build tool prints for a failed scenario: the exception with its stack trace and causes. */
    private static String asPrinted(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out, true));
        return out.toString().replace(System.lineSeparator(), "\n");
    }
}
