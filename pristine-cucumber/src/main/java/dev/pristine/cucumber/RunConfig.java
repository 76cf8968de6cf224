package dev.pristine.cucumber;

import dev.pristine.Cleanup;
import dev.pristine.CoreSettings;
import dev.pristine.ErrorCode;
import dev.pristine.Migrations;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The effective configuration of one Cucumber run. First match wins: JUnit Platform configuration
 * parameters (launcher, {@code -D}, {@code junit-platform.properties}) &gt; system properties &gt;
 * {@code junit-platform.properties} &gt; {@code cucumber.properties} &gt; {@code pristine.properties} &gt;
 * {@code PRISTINE_*} environment &gt; defaults. Immutable.
 *
 * @param settings the settings a {@code Pristine} is built from (paths made absolute)
 * @param identity every setting but the glue's own, to tell whether two runs can share a {@code Pristine}
 * @param isolation which scenarios share a database
 * @param cleanup what happens to a database when its scenario is done
 * @param keepFor how long a kept database lives
 */
record RunConfig(PristineSettings settings, Map<String, String> identity, Isolation isolation, Cleanup cleanup,
        Duration keepFor) {

    /** The configuration without a JUnit Platform launcher (Cucumber's CLI, JUnit 4, TestNG). */
    static RunConfig fromEnvironment() {
        return resolve(k -> Optional.empty(), List.of());
    }

    /**
     * The configuration with the launcher's parameters on top.
     *
     * @param launcher the launcher's configuration parameters by full name ({@code pristine.engine})
     * @param launcherKeys the names the launcher can list
     * @throws PristineException with {@code CONFIGURATION} when a value is malformed
     */
    static RunConfig resolve(Function<String, Optional<String>> launcher, Collection<String> launcherKeys) {
        Map<String, String> files = new LinkedHashMap<>();
        putPristine(files, classpathProperties("cucumber.properties"));
        putPristine(files, classpathProperties("junit-platform.properties"));
        // settings looked up by name in the launcher's parameters, which cannot always list their keys
        Set<String> keys = new LinkedHashSet<>();
        PristineSettings.known().stream().filter(s -> !s.isFamily()).forEach(s -> keys.add("pristine." + s.name()));
        // the launcher lists system properties among its keys: those stay in their own (ambient) layer below
        launcherKeys.stream().filter(k -> k.startsWith("pristine.") && System.getProperty(k) == null).forEach(keys::add);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String key : keys) {
            launcher.apply(key).filter(v -> !v.isBlank()).ifPresent(v -> parameters.put(key, v));
        }
        PristineSettings settings = PristineSettings.standard().withOverrides(files)
                .withSystemProperties(System.getProperties()).withOverrides(parameters);

        Map<String, String> paths = new LinkedHashMap<>();
        settings.get(CoreSettings.MIGRATIONS.name()).ifPresent(m -> paths.put(CoreSettings.MIGRATIONS.name(), Migrations.location(m).toString()));
        settings.get(CoreSettings.STATE_DIR.name()).ifPresent(d -> paths.put(CoreSettings.STATE_DIR.name(), Path.of(d).toAbsolutePath().normalize().toString()));
        settings = settings.withOverrides(paths);

        Isolation isolation = CucumberSettings.ISOLATION.get(settings);
        Cleanup cleanup = CoreSettings.CLEANUP.get(settings);
        Duration keepFor = CoreSettings.KEEP_FOR.get(settings);
        // the glue's own settings do not change which Pristine serves the run
        Set<String> own = Set.of(PristineSettings.normalize(CucumberSettings.ISOLATION.name()),
                PristineSettings.normalize(CoreSettings.CLEANUP.name()), PristineSettings.normalize(CoreSettings.KEEP_FOR.name()));
        Map<String, String> identity = new TreeMap<>();
        for (String name : settings.asMap().keySet()) {
            if (!own.contains(name)) {
                settings.get(name).ifPresent(v -> identity.put(name, v));
            }
        }
        return new RunConfig(settings, Map.copyOf(identity), isolation, cleanup, keepFor);
    }

    /** Whether migrations are configured at all (without them no run can start). */
    boolean configured() {
        return settings.get(CoreSettings.MIGRATIONS.name()).isPresent();
    }

    /** Whether a run with {@code other} can use the same {@code Pristine} as this one. */
    boolean samePristine(RunConfig other) {
        return identity.equals(other.identity);
    }

    /** The migrations, or the error every scenario reports when there are none. */
    String requireMigrations() {
        return settings.get(CoreSettings.MIGRATIONS.name()).orElseThrow(() -> new PristineException(ErrorCode.CONFIGURATION,
                "no migrations configured for the Cucumber glue dev.pristine.cucumber", "pristine.migrations is unset",
                "set pristine.migrations=src/main/resources/db/migration in src/test/resources/junit-platform.properties"
                        + " (or cucumber.properties, a system property, or PRISTINE_MIGRATIONS)"));
    }

    private static void putPristine(Map<String, String> into, Properties p) {
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("pristine.") && !p.getProperty(name).isBlank()) {
                into.put(name, p.getProperty(name));
            }
        }
    }

    /**
     * Parses {@code 500ms}, {@code 30s}, {@code 10m}, {@code 24h}, {@code 7d}, milliseconds, or ISO-8601 ({@code PT24H}),
     * more than 0 (a database kept for no time is not kept) and at most 365 days.
     */
    static Duration duration(String value) {
        return CoreSettings.KEEP_FOR.parse(value);
    }

    private static Properties classpathProperties(String name) {
        Properties p = new Properties();
        try (InputStream in = classLoader().getResourceAsStream(name)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the class path", e);
        }
        return p;
    }

    private static ClassLoader classLoader() {
        return Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(RunConfig.class.getClassLoader());
    }

    @Override
    public String toString() {
        return "RunConfig[" + identity.keySet() + ", isolation " + isolation + ", cleanup " + cleanup + "]";
    }
}
