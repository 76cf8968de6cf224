package dev.pristine.cucumber;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.CloneStatus;
import dev.pristine.testglue.Recorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios that fail (an assertion, an exception, a broken hook of the user's) release their databases;
 * {@code pristine.cleanup=on_success} keeps the failed ones for inspection, {@code never} keeps all.
 */
class CleanupIT {

    @TempDir
    Path stateDir;

    @Test
    void failingScenariosLeaveNoDatabaseBehind() {
        Runs.Results results = Runs.run(Runs.parallel(stateDir), "features/failing");

        assertThat(results.succeeded()).as("results: %s", results).isEqualTo(1);
        assertThat(results.failed()).isEqualTo(3);
        assertThat(results.failure("a step that fails an assertion")).contains("fails on purpose");
        assertThat(results.failure("a step that throws")).isEqualTo("throws on purpose");
        assertThat(results.failure("a hook of the user that throws after the lease"))
                .isEqualTo("the user's setup hook breaks on purpose");
        assertThat(Recorder.DATABASES).containsOnlyKeys("passes", "assertion", "throws");
        assertThat(Runs.clonesIn(stateDir)).as("clones after the run").isEmpty();
    }

    @Test
    void onSuccessKeepsTheDatabasesOfFailedScenarios() {
        Map<String, String> parameters = Runs.parallel(stateDir);
        parameters.put("pristine.cleanup", "on_success");
        parameters.put("pristine.keep-for", "1h");

        Runs.run(parameters, "features/failing");

        assertThat(Runs.clonesIn(stateDir)).hasSize(3).allSatisfy(c -> {
            assertThat(c.orphan()).isFalse();
            assertThat(c.owner()).contains("until");
        }).extracting(CloneStatus::id).contains(Recorder.DATABASES.get("assertion"), Recorder.DATABASES.get("throws"))
                .doesNotContain(Recorder.DATABASES.get("passes"));
    }

    @Test
    void aKeptDatabaseIsAnnouncedInTheScenarioLogWithTheCommandThatDropsIt() throws IOException {
        Path messages = stateDir.resolve("messages.ndjson");
        Map<String, String> parameters = Runs.sequential(stateDir);
        parameters.put("pristine.cleanup", "on_success");
        parameters.put("cucumber.plugin", "message:" + messages);

        Runs.run(parameters, "features/failing");

        String id = Recorder.DATABASES.get("assertion");
        assertThat(Files.readString(messages)).contains("\"body\":\"Kept database " + id
                + " of scenario 'a step that fails an assertion' (failed, cleanup on_success) until ")
                .contains(": jdbc:sqlite:" + stateDir.resolve("sqlite/clones/" + id + ".db")
                        + "?foreign_keys=true&busy_timeout=5000&synchronous=OFF; `./pristine release " + id
                        + "` drops it sooner\"");
    }

    @Test
    void neverKeepsEveryDatabase() {
        Map<String, String> parameters = Runs.sequential(stateDir);
        parameters.put("pristine.cleanup", "never");

        Runs.run(parameters, "features/failing");

        assertThat(Runs.clonesIn(stateDir)).hasSize(4).extracting(CloneStatus::id)
                .contains(Recorder.DATABASES.get("passes"), Recorder.DATABASES.get("assertion"));
    }
}
