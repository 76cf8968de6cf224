package dev.pristine.cucumber;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.testglue.Recorder;
import dev.pristine.testkit.CountingMigratorProvider;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios run in parallel (dynamic strategy) and each one has a database of its own: every scenario
 * registers the same customer, which only passes when no other scenario's writes are visible.
 */
class ParallelIsolationIT {

    @TempDir
    Path stateDir;

    @Test
    void everyScenarioGetsItsOwnDatabaseWhileScenariosRunInParallel() {
        Map<String, String> parameters = Runs.parallel(stateDir);
        parameters.put("pristine.migrator", "counting");
        CountingMigratorProvider.MIGRATIONS.set(0);

        Runs.Results results = Runs.run(parameters, "features/isolation");

        assertThat(results.failed()).as("failures: %s", results).isZero();
        assertThat(results.succeeded()).isEqualTo(12);
        assertThat(Recorder.DATABASES).hasSize(12);
        assertThat(new HashSet<>(Recorder.DATABASES.values())).hasSize(12)
                .allSatisfy(id -> assertThat(id).startsWith("pristine_"));
        assertThat(Recorder.DATABASES.get("partner 1")).startsWith("pristine_rendezvous_the_first_partner_l");
        // the partners waited for each other, so they ran at once, on two threads
        assertThat(Recorder.THREADS.get("partner 1")).isNotEqualTo(Recorder.THREADS.get("partner 2"));
        assertThat(CountingMigratorProvider.MIGRATIONS).as("migrations in the run").hasValue(1);
        assertThat(Runs.clonesIn(stateDir)).as("clones after the run").isEmpty();
    }
}
