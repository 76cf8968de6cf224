package dev.pristine.junit5;

import dev.pristine.Cleanup;
import dev.pristine.CoreSettings;
import dev.pristine.ErrorCode;
import dev.pristine.Migrations;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Works out the effective configuration of an injection point: annotation attributes &gt; JUnit
 * configuration parameters {@code pristine.*} &gt; {@link PristineSettings#standard()} &gt; defaults.
 */
final class Configuration {

    private static final String RUN_SETTINGS = "run-settings";

    private Configuration() {}

    /**
     * The effective configuration for {@code annotation} in {@code context}.
     *
     * @throws PristineException with {@code CONFIGURATION} when no migrations are set or a value is malformed
     */
    static Request resolve(PristineDatabase annotation, ExtensionContext context) {
        PristineSettings run = context.getRoot().getStore(PristineExtension.NAMESPACE)
                .getOrComputeIfAbsent(RUN_SETTINGS, k -> runSettings(context), PristineSettings.class);
        PristineSettings settings = run.withOverrides(attributes(annotation));
        String migrations = settings.get(CoreSettings.MIGRATIONS.name()).orElseThrow(() -> new PristineException(
                ErrorCode.CONFIGURATION, "no migrations configured for @PristineDatabase", "pristine.migrations is unset",
                "set pristine.migrations=src/main/resources/db/migration in src/test/resources/junit-platform.properties,"
                        + " or use @PristineDatabase(migrations = \"...\")"));
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put(CoreSettings.MIGRATIONS.name(), Migrations.location(migrations).toString());
        settings.get(CoreSettings.STATE_DIR.name()).ifPresent(d -> paths.put(CoreSettings.STATE_DIR.name(), Path.of(d).toAbsolutePath().normalize().toString()));
        settings = settings.withOverrides(paths);

        Cleanup cleanup = annotation.cleanup() != CleanupMode.DEFAULT ? annotation.cleanup().cleanup()
                : CoreSettings.CLEANUP.get(settings);
        Duration keepFor = annotation.keepFor().isBlank() ? CoreSettings.KEEP_FOR.get(settings) : keepFor(annotation.keepFor());

        // the extension's own settings do not change which Pristine serves a test
        Set<String> own = Set.of(PristineSettings.normalize(CoreSettings.CLEANUP.name()),
                PristineSettings.normalize(CoreSettings.KEEP_FOR.name()));
        Map<String, String> identity = new TreeMap<>();
        for (String name : settings.asMap().keySet()) {
            if (!own.contains(name)) {
                settings.get(name).ifPresent(v -> identity.put(name, v));
            }
        }
        return new Request(settings, Collections.unmodifiableMap(identity), cleanup, keepFor);
    }

    /**
     * The standard settings with this run's JUnit configuration parameters on top. JUnit cannot list its parameters,
     * so every known setting is looked up by name, and any other {@code pristine.*} key is taken from
     * {@code junit-platform.properties} on the class path.
     */
    static PristineSettings runSettings(ExtensionContext context) {
        Set<String> keys = new LinkedHashSet<>();
        PristineSettings.known().stream().filter(s -> !s.isFamily()).forEach(s -> keys.add("pristine." + s.name()));
        keys.addAll(keysOfJunitPlatformProperties());
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String key : keys) {
            context.getConfigurationParameter(key).filter(v -> !v.isBlank()).ifPresent(v -> parameters.put(key, v));
        }
        return PristineSettings.standard().withOverrides(parameters);
    }

    private static Map<String, String> attributes(PristineDatabase a) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String property : a.properties()) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw new PristineException(ErrorCode.CONFIGURATION, "@PristineDatabase(properties) entries must be name=value",
                        property, "e.g. properties = \"sqlite.busy-timeout=10000\"");
            }
            m.put(property.substring(0, eq).trim(), property.substring(eq + 1).trim());
        }
        put(m, CoreSettings.MIGRATIONS.name(), a.migrations());
        put(m, CoreSettings.MIGRATOR.name(), a.migrator());
        put(m, CoreSettings.ENGINE.name(), a.engine());
        put(m, CoreSettings.URL.name(), a.url());
        put(m, CoreSettings.USER.name(), a.user());
        put(m, CoreSettings.STATE_DIR.name(), a.stateDir());
        if (a.poolSize() >= 0) {
            m.put(CoreSettings.POOL_SIZE.name(), String.valueOf(a.poolSize()));
        }
        return m;
    }

    private static void put(Map<String, String> m, String name, String value) {
        if (!value.isBlank()) {
            m.put(name, value.trim());
        }
    }

    /** Parses {@code always}, {@code on_success} / {@code on-success}, {@code never} in any case. */
    static Cleanup cleanupMode(String value) {
        return CoreSettings.CLEANUP.parse(value);
    }

    /**
     * Parses {@code 500ms}, {@code 30s}, {@code 10m}, {@code 24h}, {@code 7d}, milliseconds, or ISO-8601 ({@code PT24H}),
     * more than 0 (a database kept for no time is not kept) and at most 365 days.
     */
    static Duration keepFor(String value) {
        return CoreSettings.KEEP_FOR.parse(value);
    }

    private static List<String> keysOfJunitPlatformProperties() {
        List<String> keys = new ArrayList<>();
        try {
            for (URL url : Collections.list(classLoader().getResources("junit-platform.properties"))) {
                Properties p = new Properties();
                try (InputStream in = url.openStream()) {
                    p.load(in);
                }
                p.stringPropertyNames().stream().filter(k -> k.startsWith("pristine.")).forEach(keys::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read junit-platform.properties from the class path", e);
        }
        return keys;
    }

    private static ClassLoader classLoader() {
        return Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(Configuration.class.getClassLoader());
    }
}
