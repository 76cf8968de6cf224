package dev.pristine;

import dev.pristine.spi.EngineProvider;
import dev.pristine.spi.MigratorProvider;
import dev.pristine.spi.Setting;
import dev.pristine.spi.SettingsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pristine.*} settings from every source, in precedence order: overrides given in code or
 * by a test framework (JUnit and Cucumber configuration parameters) &gt; system properties &gt;
 * {@code pristine.properties} on the class path &gt; {@code PRISTINE_*} environment variables.
 *
 * <p>Names are used without the {@code pristine.} prefix and match regardless of {@code .}, {@code -},
 * {@code _} and case: {@code state-dir}, {@code pristine.state-dir} and {@code PRISTINE_STATE_DIR} are one setting.
 *
 * <p>Immutable and thread-safe.
 */
public final class PristineSettings {

    /**
     * The longest duration any setting or option takes: a year. Nothing Pristine waits for or keeps needs more
     * (the longest defaults are 7 days), and the bound keeps every deadline computed from one
     * ({@code Instant.now().plus}, {@code System.nanoTime() + toNanos()}) far from overflowing.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(365);

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private static final Logger LOG = LoggerFactory.getLogger(PristineSettings.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final List<Source> sources;
    private final Map<String, String> all;

    /**
     * One source: values by normalised name, how each name was written, and whether the source is ambient (the
     * environment and system properties: process-wide, inherited, also set by tools for others).
     */
    private record Source(Map<String, String> values, Map<String, String> written, boolean ambient) {}

    private PristineSettings(List<Source> sources, Map<String, String> all) {
        this.sources = List.copyOf(sources);
        this.all = Collections.unmodifiableMap(all);
    }

    /** No settings at all. */
    public static PristineSettings empty() {
        return new PristineSettings(List.of(), new LinkedHashMap<>());
    }

    /** System properties, {@code pristine.properties} from the context class loader, and the environment. */
    public static PristineSettings standard() {
        return standard(System.getenv(), System.getProperties(), classpathProperties());
    }

    /** The standard sources given explicitly (for tests and tools). */
    public static PristineSettings standard(Map<String, String> env, Properties system, Properties file) {
        Map<String, String> envMap = new LinkedHashMap<>();
        Map<String, String> envNames = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("PRISTINE_")) {
                String key = normalize(k.substring("PRISTINE_".length()));
                envMap.put(key, v);
                envNames.put(key, k);
            }
        });
        PristineSettings s = empty().withSource(envMap, envNames, true);
        s = s.withSource(file, false, false);
        return s.withSystemProperties(system);
    }

    /**
     * These settings with the {@code pristine.*} entries of {@code system} on top. Like the environment, system
     * properties are process-wide and set by tools for others too, so an unknown one is only warned about.
     *
     * @param system not null
     */
    public PristineSettings withSystemProperties(Properties system) {
        return withSource(system, true, true);
    }

    /**
     * These settings with a source of higher precedence on top.
     *
     * @param values {@code pristine.*} or unprefixed names to values, not null
     */
    public PristineSettings withOverrides(Map<String, String> values) {
        Map<String, String> m = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                m.put(unprefixed(k), v);
                names.put(unprefixed(k), k);
            }
        });
        return withSource(m, names, false);
    }

    /** A setting by name (with or without the prefix). */
    public Optional<String> get(String name) {
        String key = unprefixed(name);
        for (int i = sources.size() - 1; i >= 0; i--) {
            String v = sources.get(i).values().get(key);
            if (v != null && !v.isBlank()) {
                return Optional.of(v.trim());
            }
        }
        return Optional.empty();
    }

    /**
     * Every setting declared on the class path: {@link CoreSettings#ALL}, the plain SQL migrator's, and those each
     * {@link EngineProvider}, {@link MigratorProvider} and {@link SettingsProvider} found by {@link java.util.ServiceLoader}
     * declares.
     */
    public static List<Setting<?>> known() {
        List<Setting<?>> known = new ArrayList<>(CoreSettings.ALL);
        Services.load(EngineProvider.class).forEach(p -> known.addAll(p.settings()));
        Services.load(MigratorProvider.class).forEach(p -> known.addAll(p.settings()));
        Services.load(SettingsProvider.class).forEach(p -> known.addAll(p.settings()));
        return List.copyOf(known);
    }

    /**
     * Refuses a setting that no module on the class path declares ({@link #known()}), naming the nearest known one
     * (a typo) or the module it needs ({@code pristine.postgres.*} without {@code pristine-postgres}). An unknown
     * {@code PRISTINE_*} environment variable or {@code pristine.*} system property is only warned about, once per
     * JVM: they are process-wide and inherited, and other tools set them for themselves.
     *
     * @return these settings
     * @throws PristineException with {@code CONFIGURATION} for an unknown setting from any other source
     */
    public PristineSettings requireKnown() {
        return requireKnown(known());
    }

    PristineSettings requireKnown(List<Setting<?>> known) {
        for (String key : all.keySet()) {
            if (get(key).isEmpty() || known.stream().anyMatch(s -> s.matches(key))) {
                continue;
            }
            Source checked = null;
            Source ambient = null;
            for (Source source : sources) {
                if (source.values().containsKey(key)) {
                    if (source.ambient()) {
                        ambient = source;
                    } else {
                        checked = source;
                    }
                }
            }
            Setting<?> near = nearest(key, known);
            String nearest = "pristine." + near.name();
            if (checked != null) {
                String written = checked.written().getOrDefault(key, key);
                String shown = unprefixed(written).equals(normalize(written)) ? "pristine." + written : written;
                boolean typo = distance(key, normalize(near.name())) <= Math.max(2, key.length() / 4);
                throw new PristineException(ErrorCode.CONFIGURATION, "unknown setting", shown,
                        typo ? "did you mean " + nearest + "?" : fix(shown, nearest, known));
            }
            String written = ambient.written().getOrDefault(key, key);
            if (WARNED.add(written)) {
                LOG.warn("{} is not a Pristine setting and is ignored; the nearest is {}. Unset it if it was meant for "
                        + "Pristine, or add the module that reads it", written, nearest);
            }
        }
        return this;
    }

    /** The fix for a name far from every known one: the module it needs when its prefix is no module's, else the nearest. */
    private static String fix(String shown, String nearest, List<Setting<?>> known) {
        String name = shown.regionMatches(true, 0, "pristine.", 0, "pristine.".length())
                ? shown.substring("pristine.".length()) : shown;
        int dot = name.indexOf('.');
        if (dot > 0) {
            String module = name.substring(0, dot).toLowerCase(Locale.ROOT);
            if (known.stream().noneMatch(s -> s.name().startsWith(module + "."))) {
                return "add the dependency dev.pristine:pristine-" + module + " that reads it, or use a known setting"
                        + " (the nearest is " + nearest + ")";
            }
        }
        return "did you mean " + nearest + "?";
    }

    /** The known setting whose normalised name is the fewest single-character edits from {@code key}. */
    private static Setting<?> nearest(String key, List<Setting<?>> known) {
        Setting<?> best = known.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (Setting<?> s : known) {
            int d = distance(key, normalize(s.name()));
            if (d < bestDistance) {
                best = s;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance; names are short, so the quadratic table is fine. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /** Every setting, by normalised name ({@code state-dir}, {@code flyway-schemas}). */
    public Map<String, String> asMap() {
        return all;
    }

    private static String unprefixed(String name) {
        String n = normalize(name);
        return n.startsWith("pristine-") ? n.substring("pristine-".length()) : n;
    }

    /**
     * Parses a duration as users write one: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 24h},
     * {@code 7d}, a plain number of milliseconds, or ISO-8601 ({@code PT1H30M}), from 0 to
     * {@link #MAX_DURATION}. Used for every duration setting and option, so all of them read alike.
     *
     * @param label how the user wrote the setting's name, for the error ({@code pristine.lease-ttl}, {@code --ttl})
     * @throws PristineException with {@code CONFIGURATION} for anything else, a negative duration or one longer
     *     than {@link #MAX_DURATION}, naming the label, the value and how to write one
     */
    public static Duration parseDuration(String label, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(v);
        Duration d;
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2) == null ? "ms" : m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofMillis(n);
                };
            } else {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            d = null; // digits beyond a long, or a duration beyond Duration: far too long either way
        } catch (DateTimeParseException e) {
            if (!(e.getCause() instanceof NumberFormatException || e.getCause() instanceof ArithmeticException)) {
                throw new PristineException(ErrorCode.CONFIGURATION, label + " is not a duration", value,
                        "write it like 500ms, 30s, 10m, 24h, 7d or PT1H30M");
            }
            d = null;
        }
        if (d != null && d.isNegative()) {
            throw new PristineException(ErrorCode.CONFIGURATION, label + " must not be negative", value,
                    "give a duration like 30s, 10m or 24h");
        }
        if (d == null || d.compareTo(MAX_DURATION) > 0) {
            throw new PristineException(ErrorCode.CONFIGURATION, label + " must be at most 365d", value,
                    "give a shorter duration like 1h or 7d");
        }
        return d;
    }

    /**
     * {@link #parseDuration(String, String)} for a setting where zero makes no sense (a lease or a kept database
     * that has expired before anyone could use it).
     *
     * @throws PristineException with {@code CONFIGURATION} as {@link #parseDuration(String, String)} does, and for zero
     */
    public static Duration parsePositiveDuration(String label, String value) {
        Duration d = parseDuration(label, value);
        if (d.isZero()) {
            throw new PristineException(ErrorCode.CONFIGURATION, label + " must be more than 0", value,
                    "give a duration like 30s, 10m or 24h");
        }
        return d;
    }

    /** Turns a setting name into its normalised form: lower case, {@code -} between words. */
    public static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace('.', '-').replace('_', '-');
    }

    private PristineSettings withSource(Map<String, String> values, Map<String, String> written, boolean ambient) {
        List<Source> s = new ArrayList<>(sources);
        Map<String, String> copy = Map.copyOf(values);
        s.add(new Source(copy, Map.copyOf(written), ambient));
        Map<String, String> merged = new LinkedHashMap<>(all);
        merged.putAll(copy);
        return new PristineSettings(s, merged);
    }

    private PristineSettings withSource(Properties p, boolean prefixRequired, boolean ambient) {
        Map<String, String> m = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            String key = null;
            if (name.startsWith("pristine.")) {
                key = normalize(name.substring("pristine.".length()));
            } else if (!prefixRequired) {
                key = normalize(name);
            }
            if (key != null) {
                m.put(key, p.getProperty(name));
                names.put(key, name);
            }
        }
        return withSource(m, names, ambient);
    }

    private static Properties classpathProperties() {
        Properties p = new Properties();
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl == null) {
            cl = PristineSettings.class.getClassLoader();
        }
        try (InputStream in = cl.getResourceAsStream("pristine.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pristine.properties from the class path", e);
        }
        return p;
    }

    @Override
    public String toString() {
        Map<String, String> masked = new LinkedHashMap<>(all);
        masked.replaceAll((k, v) -> k.contains("password") ? Redact.MASK : v);
        return "PristineSettings" + masked;
    }
}
