package dev.pristine.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.pristine.CloneStatus;
import dev.pristine.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Cleanup modes, as {@code @TempDir} has them: ALWAYS drops every database, ON_SUCCESS keeps the
 * database of a failed test (owned by its expiry, so not an orphan) and drops the others, NEVER keeps all.
 */
class CleanupIT {

    @TempDir
    Path stateDir;

    @BeforeEach
    void reset() {
        Ids.byTest.clear();
    }

    @Test
    void onSuccessKeepsTheFailedTestsDatabaseAndDropsThePassingOnes() {
        EngineExecutionResults results = Runs.run(Runs.parameters(stateDir), OnSuccess.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        List<CloneStatus> clones = Runs.clonesIn(stateDir);
        assertThat(clones).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(Ids.byTest.get("OnSuccess.fails")).startsWith("pristine_onsuccess_fails_");
            assertThat(c.orphan()).isFalse();
            assertThat(c.owner()).contains("until");
        });
    }

    @Test
    void aKeptDatabaseIsAnnouncedInAReportEntryWithItsUrlAndTheCommandThatDropsIt() {
        EngineExecutionResults results = Runs.run(Runs.parameters(stateDir), OnSuccess.class);

        String id = Ids.byTest.get("OnSuccess.fails");
        List<Map<String, String>> entries = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs()).toList();
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry).containsOnlyKeys("pristine.kept", "pristine.kept.url", "pristine.kept.until",
                    "pristine.kept.drop");
            assertThat(entry).containsEntry("pristine.kept", id)
                    .containsEntry("pristine.kept.url", "jdbc:sqlite:" + stateDir.resolve("sqlite/clones/" + id + ".db")
                            + "?foreign_keys=true&busy_timeout=5000&synchronous=OFF")
                    .containsEntry("pristine.kept.drop", "./pristine release " + id);
        });
    }

    @Test
    void onSuccessFromTheConfigurationParameterKeepsTheFailedTestsDatabase() {
        Map<String, String> parameters = Runs.parameters(stateDir);
        parameters.put("pristine.cleanup", "on_success");

        Runs.run(parameters, Configured.class).testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));

        assertThat(Runs.clonesIn(stateDir)).extracting(CloneStatus::id)
                .containsExactly(Ids.byTest.get("Configured.fails"));
    }

    @Test
    void alwaysDropsTheDatabasesOfPassingAndFailingTests() {
        Runs.run(Runs.parameters(stateDir), Configured.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));

        assertThat(Ids.byTest).hasSize(2);
        assertThat(Runs.clonesIn(stateDir)).isEmpty();
    }

    @Test
    void theAnnotationBeatsTheConfigurationParameter() {
        Map<String, String> parameters = Runs.parameters(stateDir);
        parameters.put("pristine.cleanup", "never");

        Runs.run(parameters, Always.class).testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));

        assertThat(Ids.byTest).hasSize(2);
        assertThat(Runs.clonesIn(stateDir)).isEmpty();
    }

    @Test
    void neverKeepsEveryDatabase() {
        Map<String, String> parameters = Runs.parameters(stateDir);
        parameters.put("pristine.cleanup", "never");

        Runs.run(parameters, Configured.class).testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));

        assertThat(Runs.clonesIn(stateDir)).extracting(CloneStatus::id).containsExactlyInAnyOrderElementsOf(
                Ids.byTest.values()).allSatisfy(id -> assertThat(id).startsWith("pristine_configured_"));
    }

    @Test
    void aPerClassDatabaseIsKeptWhenOneOfItsTestsFailed() {
        Runs.run(Runs.parameters(stateDir), PerClassOnSuccess.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));

        assertThat(Runs.clonesIn(stateDir)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(Ids.byTest.get("PerClassOnSuccess")).startsWith("pristine_perclassonsuccess_");
            assertThat(c.orphan()).isFalse();
        });
    }

    /** The lease id each inner test had, by test. */
    static final class Ids {
        static final Map<String, String> byTest = new ConcurrentHashMap<>();
    }

    static class OnSuccess {
        @PristineDatabase(cleanup = CleanupMode.ON_SUCCESS, keepFor = "1h")
        TestDatabase db;

        @Test
        void passes() {
            Ids.byTest.put("OnSuccess.passes", db.id());
        }

        @Test
        void fails() {
            Ids.byTest.put("OnSuccess.fails", db.id());
            fail("fails on purpose, to keep its database");
        }
    }

    static class Configured {
        @PristineDatabase
        TestDatabase db;

        @Test
        void passes() {
            Ids.byTest.put("Configured.passes", db.id());
        }

        @Test
        void fails() {
            Ids.byTest.put("Configured.fails", db.id());
            fail("fails on purpose, to keep its database");
        }
    }

    static class Always {
        @PristineDatabase(cleanup = CleanupMode.ALWAYS)
        TestDatabase db;

        @Test
        void passes() {
            Ids.byTest.put("Always.passes", db.id());
        }

        @Test
        void fails() {
            Ids.byTest.put("Always.fails", db.id());
            fail("fails on purpose; its database is dropped all the same");
        }
    }

    static class PerClassOnSuccess {
        @PristineDatabase(cleanup = CleanupMode.ON_SUCCESS)
        static TestDatabase db;

        @Test
        void passes() {
            Ids.byTest.put("PerClassOnSuccess", db.id());
        }

        @Test
        void fails() {
            Ids.byTest.put("PerClassOnSuccess", db.id());
            fail("fails on purpose, to keep the class's database");
        }
    }
}
