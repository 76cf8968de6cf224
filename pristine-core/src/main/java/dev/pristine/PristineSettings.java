package dev.pristine;

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
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private final List<Function<String, Optional<String>>> sources;
    private final Map<String, String> all;

    private PristineSettings(List<Function<String, Optional<String>>> sources, Map<String, String> all) {
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
        PristineSettings s = empty();
        Map<String, String> envMap = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("PRISTINE_")) {
                envMap.put(normalize(k.substring("PRISTINE_".length())), v);
            }
        });
        s = s.withSource(envMap);
        s = s.withSource(prefixed(file, false));
        return s.withSource(prefixed(system, true));
    }

    /**
     * These settings with a source of higher precedence on top.
     *
     * @param values {@code pristine.*} or unprefixed names to values, not null
     */
    public PristineSettings withOverrides(Map<String, String> values) {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                m.put(unprefixed(k), v);
            }
        });
        return withSource(m);
    }

    /** A setting by name (with or without the prefix). */
    public Optional<String> get(String name) {
        String key = unprefixed(name);
        for (int i = sources.size() - 1; i >= 0; i--) {
            Optional<String> v = sources.get(i).apply(key);
            if (v.isPresent() && !v.get().isBlank()) {
                return Optional.of(v.get().trim());
            }
        }
        return Optional.empty();
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

    private PristineSettings withSource(Map<String, String> values) {
        List<Function<String, Optional<String>>> s = new ArrayList<>(sources);
        Map<String, String> copy = Map.copyOf(values);
        s.add(k -> Optional.ofNullable(copy.get(k)));
        Map<String, String> merged = new LinkedHashMap<>(all);
        merged.putAll(copy);
        return new PristineSettings(s, merged);
    }

    private static Map<String, String> prefixed(Properties p, boolean prefixRequired) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("pristine.")) {
                m.put(normalize(name.substring("pristine.".length())), p.getProperty(name));
            } else if (!prefixRequired) {
                m.put(normalize(name), p.getProperty(name));
            }
        }
        return m;
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
