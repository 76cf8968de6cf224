package dev.pristine.flyway;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.Setting;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a Flyway configuration for a migrations directory: {@code flyway.conf} and {@code flyway.toml} in
 * the directory (if present), then {@code pristine.flyway.*} settings on top. The directory is the one
 * location unless a {@code locations} setting names others.
 *
 * <p>Thread-safe (stateless).
 */
final class FlywaySettings {

    private static final Logger LOG = LoggerFactory.getLogger(FlywaySettings.class);

    /** Flyway settings accepted as {@code pristine.flyway.<name>} (any case, {@code -}/{@code _}/{@code .} between words). */
    static final List<String> SUPPORTED = List.of(
            "locations", "schemas", "defaultSchema", "createSchemas", "table", "tablespace",
            "baselineVersion", "baselineDescription", "baselineOnMigrate", "target",
            "sqlMigrationPrefix", "repeatableSqlMigrationPrefix", "sqlMigrationSeparator", "sqlMigrationSuffixes",
            "encoding", "detectEncoding", "initSql", "validateMigrationNaming", "validateOnMigrate",
            "ignoreMigrationPatterns", "mixed", "outOfOrder", "group", "executeInTransaction", "installedBy",
            "placeholderReplacement", "placeholderPrefix", "placeholderSuffix", "placeholderSeparator",
            "scriptPlaceholderPrefix", "scriptPlaceholderSuffix", "callbacks", "callbackLocations",
            "skipDefaultCallbacks", "skipDefaultResolvers", "failOnMissingLocations");

    /**
     * The {@code pristine.flyway.*} settings: each of {@link #SUPPORTED} by its documented name
     * ({@code flyway.baseline-on-migrate}), the placeholders, and the whole {@code flyway.*} namespace, which this
     * module checks itself: any spelling of a supported name is accepted ({@code baselineOnMigrate}), anything else
     * is refused listing the supported ones.
     */
    static final List<Setting<?>> SETTINGS = settings();

    /** Connection settings in flyway.conf / flyway.toml that Pristine ignores: it supplies the database. */
    private static final Set<String> CONNECTION = Set.of("url", "user", "password", "driver", "environment",
            "connectretries", "connectretriesinterval", "kerberosconfigfile");

    private FlywaySettings() {}

    private static List<Setting<?>> settings() {
        List<Setting<?>> out = new ArrayList<>();
        for (String name : SUPPORTED) {
            out.add(Setting.text("flyway." + name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT), null,
                    "Flyway's " + name + " (overrides flyway.conf / flyway.toml)"));
        }
        out.add(Setting.family("flyway.placeholders", "a Flyway placeholder value, one setting per placeholder"));
        out.add(Setting.family("flyway", "any other spelling of a Flyway setting (baselineOnMigrate), checked by pristine-flyway"));
        return List.copyOf(out);
    }

    /**
     * The configuration for {@code location} (a directory, or a {@code flyway.conf}/{@code flyway.toml} in one).
     *
     * @param properties {@code pristine.*} settings by normalised name ({@code flyway-schemas}), not null
     * @throws PristineException with {@code CONFIGURATION} for a missing directory, an unreadable configuration
     *     file, an unknown or invalid {@code flyway.*} setting
     */
    static FluentConfiguration forDirectory(Path location, Map<String, String> properties) {
        Path path = location.toAbsolutePath().normalize();
        Path dir = path;
        if (Files.isRegularFile(path) && isConfigFile(path)) {
            dir = path.getParent();
        } else if (!Files.isDirectory(path)) {
            throw new PristineException(ErrorCode.CONFIGURATION,
                    Files.exists(path) ? "Flyway migrations location is not a directory"
                            : "Flyway migrations location does not exist", path,
                    "point --migrations / pristine.migrations at the directory that holds V1__*.sql (and flyway.conf)");
        }
        Map<String, String> flyway = new LinkedHashMap<>();
        Path conf = dir.resolve("flyway.conf");
        if (Files.isRegularFile(conf)) {
            fromFile(conf, readProperties(conf), dir, flyway);
        }
        Path toml = dir.resolve("flyway.toml");
        if (Files.isRegularFile(toml)) {
            fromFile(toml, FlywayToml.parse(readText(toml), toml), dir, flyway);
        }
        fromProperties(properties, flyway);
        flyway.putIfAbsent("flyway.locations", "filesystem:" + dir);
        FluentConfiguration c = Flyway.configure(classLoader());
        try {
            return c.configuration(flyway);
        } catch (FlywayException e) {
            throw new PristineException(ErrorCode.CONFIGURATION, "invalid Flyway setting: "
                    + FlywayErrors.oneLine(e.getMessage()), dir,
                    "fix it in flyway.conf / flyway.toml or in the pristine.flyway.* settings", e);
        }
    }

    /** Whether {@code dir} holds a Flyway configuration file. */
    static boolean hasConfigFile(Path dir) {
        return Files.isRegularFile(dir.resolve("flyway.conf")) || Files.isRegularFile(dir.resolve("flyway.toml"));
    }

    static boolean isConfigFile(Path file) {
        String name = file.getFileName().toString();
        return name.equals("flyway.conf") || name.equals("flyway.toml");
    }

    private static void fromFile(Path file, Map<String, String> values, Path dir, Map<String, String> out) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("flyway.")) {
                continue;
            }
            String name = key.substring("flyway.".length());
            String lower = name.toLowerCase(Locale.ROOT);
            if (CONNECTION.contains(lower) || lower.startsWith("jdbcproperties.") || lower.startsWith("environments.")) {
                LOG.debug("Ignoring {} in {}: Pristine supplies the database", key, file);
                continue;
            }
            String value = e.getValue();
            if (lower.equals("locations") || lower.equals("callbacklocations")) {
                value = resolveLocations(value, dir);
            }
            out.put(key, value);
        }
    }

    private static void fromProperties(Map<String, String> properties, Map<String, String> out) {
        Map<String, String> sorted = new TreeMap<>(properties);
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("flyway-") || e.getValue() == null) {
                continue;
            }
            String rest = key.substring("flyway-".length());
            if (rest.startsWith("placeholders-") && rest.length() > "placeholders-".length()) {
                for (String name : placeholderNames(rest.substring("placeholders-".length()))) {
                    out.put("flyway.placeholders." + name, e.getValue());
                }
                continue;
            }
            String flat = rest.replace("-", "");
            String name = SUPPORTED.stream().filter(s -> s.toLowerCase(Locale.ROOT).equals(flat)).findFirst()
                    .orElseThrow(() -> unknown(key, flat));
            String value = e.getValue().trim();
            if (name.equals("locations") || name.equals("callbackLocations")) {
                value = resolveLocations(value, Path.of("").toAbsolutePath());
            }
            out.put("flyway." + name, value);
        }
    }

    /**
     * The names a placeholder given as a {@code pristine.*} property may have had before its name was normalised
     * ({@code table_name} and {@code table.name} both arrive as {@code table-name}): all three spellings are set.
     * Flyway matches placeholder names regardless of case.
     */
    static List<String> placeholderNames(String normalised) {
        List<String> names = new ArrayList<>();
        names.add(normalised);
        if (normalised.contains("-")) {
            names.add(normalised.replace('-', '_'));
            names.add(normalised.replace('-', '.'));
        }
        return names;
    }

    private static PristineException unknown(String key, String flat) {
        if (CONNECTION.contains(flat) || flat.startsWith("jdbcproperties")) {
            return new PristineException(ErrorCode.CONFIGURATION, "Flyway connection settings are not used by Pristine",
                    "pristine." + key.replaceFirst("-", "."),
                    "remove it: Pristine creates each database and hands Flyway its connection");
        }
        return new PristineException(ErrorCode.CONFIGURATION, "unknown Flyway setting",
                "pristine." + key.replaceFirst("-", "."),
                "use one of pristine.flyway." + String.join(", ", SUPPORTED)
                        + ", placeholders.<name>; put others in flyway.conf or use FlywayMigrations.of(...)");
    }

    /** Resolves relative {@code filesystem:} locations against {@code base}; other locations stay as they are. */
    static String resolveLocations(String value, Path base) {
        List<String> out = new ArrayList<>();
        for (String raw : value.split(",")) {
            String l = raw.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("filesystem:")) {
                String p = l.substring("filesystem:".length());
                if (!p.contains("*") && !p.contains("?") && !Path.of(p).isAbsolute()) {
                    l = "filesystem:" + base.resolve(p).normalize();
                }
            }
            out.add(l);
        }
        return String.join(",", out);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        new TreeMap<>(p).forEach((k, v) -> out.put(k.toString(), v.toString()));
        return out;
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static PristineException unreadable(Path file, IOException e) {
        return new PristineException(ErrorCode.CONFIGURATION, "cannot read Flyway configuration file", file,
                "check the file and its permissions", e);
    }

    private static ClassLoader classLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : FlywaySettings.class.getClassLoader();
    }
}
