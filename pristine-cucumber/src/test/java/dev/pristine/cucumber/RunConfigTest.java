package dev.pristine.cucumber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.Cleanup;
import dev.pristine.ErrorCode;
import dev.pristine.Migrations;
import dev.pristine.PristineException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the glue's settings come from, first match wins: launcher parameters &gt; system properties &gt;
 * junit-platform.properties &gt; cucumber.properties; and what users read when a value is wrong.
 */
class RunConfigTest {

    @TempDir
    Path classpath;

    @Test
    void launcherParametersBeatSystemPropertiesWhichBeatJunitPlatformPropertiesWhichBeatCucumberProperties()
            throws Exception {
        Files.writeString(classpath.resolve("cucumber.properties"),
                "pristine.pool-size=1\npristine.cleanup=never\npristine.migrations=from-cucumber\n");
        Files.writeString(classpath.resolve("junit-platform.properties"),
                "pristine.pool-size=2\npristine.migrations=from-junit\npristine.isolation=feature\n");
        Map<String, String> launcher = Map.of("pristine.pool-size", "4");

        RunConfig withAll = withSystemProperty("pristine.pool-size", "3",
                () -> inClasspath(() -> RunConfig.resolve(k -> Optional.ofNullable(launcher.get(k)), List.of())));
        RunConfig withoutLauncher = withSystemProperty("pristine.pool-size", "3", () -> inClasspath(RunConfig::fromEnvironment));
        RunConfig filesOnly = inClasspath(RunConfig::fromEnvironment);
        Files.delete(classpath.resolve("junit-platform.properties"));
        RunConfig cucumberOnly = inClasspath(RunConfig::fromEnvironment);

        assertThat(withAll.settings().get("pool-size")).hasValue("4");
        assertThat(withoutLauncher.settings().get("pool-size")).hasValue("3");
        assertThat(filesOnly.settings().get("pool-size")).hasValue("2");
        assertThat(filesOnly.settings().get("migrations")).hasValue(Path.of("from-junit").toAbsolutePath().toString());
        assertThat(filesOnly.isolation()).isEqualTo(Isolation.FEATURE);
        assertThat(filesOnly.cleanup()).isEqualTo(Cleanup.NEVER);
        assertThat(cucumberOnly.settings().get("pool-size")).hasValue("1");
        assertThat(cucumberOnly.isolation()).isEqualTo(Isolation.SCENARIO);
        assertThat(cucumberOnly.keepFor()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void launcherKeysThatAreNotKnownSettingsAreTakenToo() {
        Map<String, String> launcher = Map.of("pristine.sqlite.journal-mode", "wal", "pristine.migrations", "db");

        RunConfig config = RunConfig.resolve(k -> Optional.ofNullable(launcher.get(k)), launcher.keySet());

        assertThat(config.settings().get("sqlite.journal-mode")).hasValue("wal");
        assertThat(config.identity()).containsEntry("sqlite-journal-mode", "wal");
    }

    @Test
    void everyDeclaredSettingIsLookedUpByNameEvenWhenTheLauncherCannotListIt() {
        Map<String, String> launcher = Map.of("pristine.sqlite.synchronous", "full", "pristine.migrations", "db");

        RunConfig config = RunConfig.resolve(k -> Optional.ofNullable(launcher.get(k)), List.of());

        assertThat(config.settings().get("sqlite.synchronous")).hasValue("full");
    }

    @Test
    void theGluesOwnSettingsDoNotChangeWhichPristineServesTheRun() {
        RunConfig a = RunConfig.resolve(k -> Optional.ofNullable(Map.of("pristine.migrations", "db").get(k)), List.of());
        RunConfig b = RunConfig.resolve(k -> Optional.ofNullable(Map.of("pristine.migrations", "db",
                "pristine.cleanup", "never", "pristine.isolation", "run", "pristine.keep-for", "1h").get(k)), List.of());
        RunConfig c = RunConfig.resolve(k -> Optional.ofNullable(Map.of("pristine.migrations", "db",
                "pristine.pool-size", "7").get(k)), List.of());

        assertThat(a.samePristine(b)).isTrue();
        assertThat(a.samePristine(c)).isFalse();
        assertThat(b.keepFor()).isEqualTo(Duration.ofHours(1));
        assertThat(b.isolation()).isEqualTo(Isolation.RUN);
    }

    @Test
    void wrongValuesAreReportedWithTheFix() {
        assertThatThrownBy(() -> Isolation.parse("per-scenario")).isInstanceOf(PristineException.class)
                .hasMessage("pristine.isolation must be scenario, feature or run, per-scenario, "
                        + "e.g. pristine.isolation=scenario (the default: one database per scenario)");
        assertThatThrownBy(() -> Cleanup.parse("sometimes"))
                .hasMessage("pristine.cleanup must be always, on_success or never, sometimes, e.g. pristine.cleanup=on_success");
        assertThatThrownBy(() -> RunConfig.duration("a while"))
                .hasMessage("pristine.keep-for is not a duration, a while, write it like 500ms, 30s, 10m, 24h, 7d or PT1H30M");
        assertThatThrownBy(() -> RunConfig.duration("0s"))
                .hasMessage("pristine.keep-for must be more than 0, 0s, give a duration like 30s, 10m or 24h");
        assertThatThrownBy(() -> Migrations.location("classpath:no/such/dir"))
                .hasMessage("migrations not found on the class path, classpath:no/such/dir, "
                        + "put the directory under src/test/resources or src/main/resources, or give a file path");
        assertThat(Cleanup.parse("On-Success")).isEqualTo(Cleanup.ON_SUCCESS);
    }

    @Test
    void withoutMigrationsTheRunSaysWhereToSetThem() {
        RunConfig config = RunConfig.resolve(k -> Optional.empty(), List.of());

        assertThat(config.configured()).isFalse();
        assertThatThrownBy(config::requireMigrations).isInstanceOfSatisfying(PristineException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION)).hasMessage(
                "no migrations configured for the Cucumber glue dev.pristine.cucumber, pristine.migrations is unset, "
                        + "set pristine.migrations=src/main/resources/db/migration in src/test/resources/junit-platform.properties"
                        + " (or cucumber.properties, a system property, or PRISTINE_MIGRATIONS)");
    }

    @Test
    void classpathMigrationsResolveToTheirDirectory() {
        assertThat(Migrations.location("classpath:db/shop")).isDirectory().endsWith(Path.of("db", "shop"));
    }

    private <T> T inClasspath(Callable<T> action) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null)) {
            t.setContextClassLoader(loader);
            return action.call();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    private static <T> T withSystemProperty(String name, String value, Callable<T> action) throws Exception {
        System.setProperty(name, value);
        try {
            return action.call();
        } finally {
            System.clearProperty(name);
        }
    }
}
