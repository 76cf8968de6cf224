package dev.pristine.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Where the configuration comes from: annotation attributes beat JUnit configuration parameters, which
 * beat Pristine settings (here a system property); and what a test says when the migrations are missing.
 * Each layer points {@code migrations} at a directory that creates a table named after the layer.
 */
class ConfigurationIT {

    private static final String SETTING = "pristine.migrations";

    @TempDir
    Path stateDir;

    @BeforeEach
    void reset() {
        Tables.seen.clear();
    }

    @AfterEach
    void clearSystemProperty() {
        System.clearProperty(SETTING);
    }

    @Test
    void annotationBeatsConfigurationParameterBeatsSettings() {
        System.setProperty(SETTING, "src/test/resources/db/precedence/settings");
        Map<String, String> parameters = Runs.parameters(stateDir);
        parameters.put(SETTING, "classpath:db/precedence/parameter");

        EngineExecutionResults withParameter = Runs.run(parameters, FromAnnotation.class, Bare.class);
        parameters.remove(SETTING);
        EngineExecutionResults withoutParameter = Runs.run(parameters, Bare.class);

        withParameter.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        withoutParameter.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(Tables.seen).containsExactlyInAnyOrderEntriesOf(Map.of(
                "FromAnnotation", List.of("from_annotation"),
                "Bare", List.of("from_settings")));
    }

    @Test
    void configurationParameterBeatsSettings() {
        System.setProperty(SETTING, "src/test/resources/db/precedence/settings");
        Map<String, String> parameters = Runs.parameters(stateDir);
        parameters.put(SETTING, "classpath:db/precedence/parameter");

        Runs.run(parameters, Bare.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));

        assertThat(Tables.seen).containsExactlyEntriesOf(Map.of("Bare", List.of("from_parameter")));
    }

    @Test
    void noMigrationsConfiguredFailsTheTestWithWhatAndTheFix() {
        Map<String, String> parameters = Runs.parameters(stateDir);
        parameters.remove(SETTING);

        EngineExecutionResults results = Runs.run(parameters, Bare.class);

        assertThat(InjectionIT.failure(results)).isInstanceOf(PristineException.class)
                .hasMessage("no migrations configured for @PristineDatabase, pristine.migrations is unset, set "
                        + "pristine.migrations=src/main/resources/db/migration in "
                        + "src/test/resources/junit-platform.properties, or use @PristineDatabase(migrations = \"...\")")
                .satisfies(e -> assertThat(((PristineException) e).code()).isEqualTo(ErrorCode.CONFIGURATION));
    }

    @Test
    void missingMigrationsDirectoryFailsEveryTestWithThePathAndTheFix() {
        Path missing = stateDir.resolve("no-such-migrations");
        Map<String, String> parameters = Runs.parameters(stateDir);
        parameters.put(SETTING, missing.toString());

        EngineExecutionResults results = Runs.run(parameters, TwoTests.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));
        List<Throwable> failures = results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).toList();
        assertThat(failures).allSatisfy(t -> assertThat(t).isInstanceOf(PristineException.class).hasMessage(
                "migrations location does not exist, " + missing
                        + ", point pristine.migrations / --migrations at your migrations directory or changelog"));
    }

    @Test
    void migrationsNotOnTheClassPathFailWithTheNameAndTheFix() {
        Map<String, String> parameters = Runs.parameters(stateDir);
        parameters.put(SETTING, "classpath:db/nowhere");

        EngineExecutionResults results = Runs.run(parameters, Bare.class);

        assertThat(InjectionIT.failure(results)).isInstanceOf(PristineException.class).hasMessage(
                "migrations not found on the class path, classpath:db/nowhere, put the directory under "
                        + "src/test/resources or src/main/resources, or give a file path");
    }

    @Test
    void aMalformedCleanupModeSaysWhichValuesAreAllowed() {
        Map<String, String> parameters = Runs.parameters(stateDir);
        parameters.put("pristine.cleanup", "sometimes");

        EngineExecutionResults results = Runs.run(parameters, Bare.class);

        assertThat(InjectionIT.failure(results)).isInstanceOf(PristineException.class).hasMessage(
                "pristine.cleanup must be always, on_success or never, sometimes, e.g. pristine.cleanup=on_success");
    }

    @Test
    void anEngineSettingIsReadAsAConfigurationParameterToo() {
        // JUnit cannot list its parameters: every declared setting is looked up by name, engines' included
        Map<String, String> parameters = Runs.parameters(stateDir);
        parameters.put("pristine.sqlite.synchronous", "sometimes");

        assertThat(InjectionIT.failure(Runs.run(parameters, Bare.class)))
                .isInstanceOfSatisfying(PristineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessage("pristine.sqlite.synchronous must be off, normal, full or extra, sometimes, e.g. pristine.sqlite.synchronous=OFF");
    }

    /** The tables each inner class saw, by class. */
    static final class Tables {
        static final Map<String, List<String>> seen = new ConcurrentHashMap<>();
    }

    static class FromAnnotation {
        @PristineDatabase(migrations = "classpath:db/precedence/annotation")
        DataSource db;

        @Test
        void test() throws Exception {
            Tables.seen.put(getClass().getSimpleName(), Runs.tables(db));
        }
    }

    static class Bare {
        @PristineDatabase
        DataSource db;

        @Test
        void test() throws Exception {
            Tables.seen.put(getClass().getSimpleName(), Runs.tables(db));
        }
    }

    static class TwoTests {
        @PristineDatabase
        DataSource db;

        @Test
        void one() throws Exception {
            assertThat(Runs.tables(db)).isNotEmpty();
        }

        @Test
        void two() throws Exception {
            assertThat(Runs.tables(db)).isNotEmpty();
        }
    }
}
