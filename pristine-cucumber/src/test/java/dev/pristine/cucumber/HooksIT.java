package dev.pristine.cucumber;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.testglue.Recorder;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The glue's hooks run around the user's: the database is there in the user's hooks, and cleaned up after. */
class HooksIT {

    @TempDir
    Path stateDir;

    @Test
    void theUsersHooksSeeTheScenariosDatabaseAndItsConnectionIsClosedAfterwards() throws Exception {
        Runs.Results results = Runs.run(Runs.sequential(stateDir), "features/hooks/order.feature");

        assertThat(results.failed()).as("results: %s", results).isZero();
        String id = Recorder.DATABASES.get("steps");
        assertThat(Recorder.EVENTS).contains(
                "user @Before saw " + id + " with 1 customer(s)",
                "user @After saw " + id + " with 1 customer(s)");
        assertThat(((Connection) Recorder.OBJECTS.get("connection")).isClosed()).isTrue();
    }

    @Test
    void aHookOrderedBeforeTheGluesFindsNoDatabaseAndIsToldWhy() {
        Runs.run(Runs.sequential(stateDir), "features/hooks/order.feature");

        assertThat(Recorder.EVENTS).anySatisfy(e -> assertThat(e).startsWith("too early: ")
                .endsWith(", add dev.pristine.cucumber to the glue (e.g. cucumber.glue=dev.pristine.cucumber,"
                        + "com.example.steps), and use the database from steps and from hooks with an order above -1000000")
                .contains("no scenario database on this thread, "));
        assertThat(Recorder.DATABASES).containsKey("after the early hook");
    }
}
