package dev.pristine.flyway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resolver.MigrationResolver;

/**
 * The fingerprint of a Flyway configuration: SHA-256 over
 * <ol>
 *   <li>every resource in the locations, in relative-path order: its relative path (Flyway's script
 *       name), Flyway's reading of the name (type, version, description), Flyway's checksum and the
 *       SHA-256 of its text (of its bytes, for a binary file) — SQL migrations, callbacks ({@code afterMigrate.sql}), script configuration
 *       ({@code V1__x.sql.conf}) and any other file alike, since Flyway may read them;</li>
 *   <li>the settings that change what a migration produces (see {@link #settings});</li>
 *   <li>the bytes of Java code that runs: {@code JavaMigration} classes found in the locations or given
 *       with {@code javaMigrations(...)}, callbacks and resolvers (with their nested and anonymous classes);</li>
 *   <li>the Flyway version.</li>
 * </ol>
 * Location paths themselves are not part of it: a {@code filesystem:} location is identified by what it
 * holds, so two checkouts of the same project share a template. Connection settings (URL, user,
 * password, JDBC properties) are never read.
 *
 * <p>Thread-safe (stateless).
 */
final class FlywayFingerprint {

    private static final String FORMAT = "pristine-flyway/1";

    private FlywayFingerprint() {}

    static String compute(Configuration config, FlywaySnapshot snapshot) {
        Digest d = Digest.sha256().add(FORMAT).add(flywayVersion());
        d.add("resources");
        addEntries(d, snapshot.entries());
        d.add("callback-locations");
        addEntries(d, snapshot.callbackEntries());
        d.add("settings");
        for (Map.Entry<String, List<String>> s : settings(config).entrySet()) {
            d.add(s.getKey()).addAll(s.getValue());
        }
        d.add("java-migrations").add(Integer.toString(snapshot.javaClasses().size()));
        for (Class<?> c : snapshot.javaClasses()) {
            ClassBytes.add(d, "scanned", c);
        }
        JavaMigration[] fixed = orEmpty(config.getJavaMigrations(), JavaMigration[]::new);
        d.add("fixed-java-migrations").add(Integer.toString(fixed.length));
        for (JavaMigration m : sortedByClass(fixed)) {
            ClassBytes.add(d, "fixed", m.getClass());
            d.add(m.getVersion() == null ? null : m.getVersion().getVersion()).add(m.getDescription())
                    .add(String.valueOf(m.getChecksum())).add(String.valueOf(m.canExecuteInTransaction()));
        }
        Callback[] callbacks = orEmpty(config.getCallbacks(), Callback[]::new);
        d.add("callbacks").add(Integer.toString(callbacks.length));
        for (Callback c : callbacks) { // in configured order: Flyway calls them in this order
            ClassBytes.add(d, "callback", c.getClass());
        }
        MigrationResolver[] resolvers = orEmpty(config.getResolvers(), MigrationResolver[]::new);
        d.add("resolvers").add(Integer.toString(resolvers.length));
        for (MigrationResolver r : resolvers) {
            ClassBytes.add(d, "resolver", r.getClass());
        }
        d.add("providers")
                .add(config.getResourceProvider() == null ? null : config.getResourceProvider().getClass().getName())
                .add(config.getJavaMigrationClassProvider() == null ? null
                        : config.getJavaMigrationClassProvider().getClass().getName());
        return d.hex();
    }

    private static void addEntries(Digest d, List<FlywaySnapshot.Entry> entries) {
        d.add(Integer.toString(entries.size()));
        for (FlywaySnapshot.Entry e : entries) {
            d.add(e.resource().getRelativePath()).add(e.kind()).add(e.version()).add(e.description())
                    .add(e.checksum() == null ? null : e.checksum().toString())
                    .add(e.resource().contentHash());
        }
    }

    /**
     * The settings that change what a migration produces, by Flyway property name. Lists keep their
     * order where Flyway gives order a meaning (schemas: the first is the default).
     */
    static Map<String, List<String>> settings(Configuration c) {
        Map<String, List<String>> s = new TreeMap<>();
        put(s, "placeholderReplacement", c.isPlaceholderReplacement());
        put(s, "placeholderPrefix", c.getPlaceholderPrefix());
        put(s, "placeholderSuffix", c.getPlaceholderSuffix());
        put(s, "placeholderSeparator", c.getPlaceholderSeparator());
        put(s, "scriptPlaceholderPrefix", c.getScriptPlaceholderPrefix());
        put(s, "scriptPlaceholderSuffix", c.getScriptPlaceholderSuffix());
        List<String> placeholders = new ArrayList<>();
        new TreeMap<>(c.getPlaceholders() == null ? Map.<String, String>of() : c.getPlaceholders())
                .forEach((k, v) -> {
                    placeholders.add(k);
                    placeholders.add(v);
                });
        s.put("placeholders", placeholders);
        s.put("schemas", list(c.getSchemas()));
        put(s, "defaultSchema", c.getDefaultSchema());
        put(s, "createSchemas", c.isCreateSchemas());
        put(s, "table", c.getTable());
        put(s, "tablespace", c.getTablespace());
        put(s, "baselineVersion", c.getBaselineVersion());
        put(s, "baselineDescription", c.getBaselineDescription());
        put(s, "baselineOnMigrate", c.isBaselineOnMigrate());
        put(s, "target", c.getTarget());
        s.put("cherryPick", list(c.getCherryPick()));
        put(s, "sqlMigrationPrefix", c.getSqlMigrationPrefix());
        put(s, "repeatableSqlMigrationPrefix", c.getRepeatableSqlMigrationPrefix());
        put(s, "sqlMigrationSeparator", c.getSqlMigrationSeparator());
        s.put("sqlMigrationSuffixes", list(c.getSqlMigrationSuffixes()));
        put(s, "encoding", c.getEncoding());
        put(s, "detectEncoding", c.isDetectEncoding());
        put(s, "initSql", c.getInitSql());
        put(s, "validateMigrationNaming", c.isValidateMigrationNaming());
        put(s, "validateOnMigrate", c.isValidateOnMigrate());
        s.put("ignoreMigrationPatterns", list(c.getIgnoreMigrationPatterns()));
        put(s, "mixed", c.isMixed());
        put(s, "outOfOrder", c.isOutOfOrder());
        put(s, "group", c.isGroup());
        put(s, "executeInTransaction", c.isExecuteInTransaction());
        put(s, "skipExecutingMigrations", c.isSkipExecutingMigrations());
        put(s, "skipDefaultCallbacks", c.isSkipDefaultCallbacks());
        put(s, "skipDefaultResolvers", c.isSkipDefaultResolvers());
        put(s, "installedBy", c.getInstalledBy());
        s.put("errorOverrides", list(c.getErrorOverrides()));
        return s;
    }

    /** Flyway's version, from the jar. */
    static String flywayVersion() {
        try (InputStream in = Flyway.class.getResourceAsStream("/org/flywaydb/core/internal/version.txt")) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String v = Flyway.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    private static void put(Map<String, List<String>> s, String name, Object value) {
        List<String> v = new ArrayList<>(1);
        v.add(value == null ? null : value.toString());
        s.put(name, v);
    }

    private static List<String> list(Object[] values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (Object v : values) {
                out.add(v == null ? null : v.toString());
            }
        }
        return out;
    }

    private static <T> T[] orEmpty(T[] values, java.util.function.IntFunction<T[]> make) {
        return values == null ? make.apply(0) : values;
    }

    private static <T> List<T> sortedByClass(T[] values) {
        List<T> out = new ArrayList<>(Arrays.asList(values));
        out.sort(Comparator.comparing(v -> v.getClass().getName()));
        return out;
    }
}
