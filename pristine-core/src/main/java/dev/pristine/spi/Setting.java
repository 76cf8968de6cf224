package dev.pristine.spi;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One {@code pristine.*} setting, declared once: its name, type, default and a one-line doc, and the reader
 * that turns a value into the type with the house's error messages. Core declares its own in
 * {@link dev.pristine.CoreSettings}; an engine, migrator or adapter declares its own through
 * {@link EngineProvider#settings()}, {@link MigratorProvider#settings()} or a {@link SettingsProvider}, so a
 * {@code pristine.*} key no module declares is refused with the nearest known one.
 *
 * <p>A <em>family</em> ({@link #family}) stands for every key below its name ({@code flyway.placeholders.<name>}):
 * the module that declares it reads and checks those keys itself.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the type a value is read as
 */
public final class Setting<T> {

    private static final String WHOLE_DATABASE = "every clone is a whole database: more cost disk and server resources, not speed";

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final String shownDefault;
    private final String doc;
    private final boolean family;
    private final BiFunction<String, T, T> reader;

    private Setting(String name, Class<T> type, T defaultValue, String shownDefault, String doc, boolean family,
            BiFunction<String, T, T> reader) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.shownDefault = Objects.requireNonNull(shownDefault, "shownDefault");
        this.doc = Objects.requireNonNull(doc, "doc");
        this.family = family;
        this.reader = reader;
    }

    /**
     * A setting taken as written (names, URLs, passwords, filters).
     *
     * @param name without the {@code pristine.} prefix, words separated by {@code -}, modules' by {@code .} ({@code postgres.clone-owner})
     * @param defaultValue may be null: no default
     */
    public static Setting<String> text(String name, String defaultValue, String doc) {
        return new Setting<>(name, String.class, defaultValue, defaultValue == null ? "none" : defaultValue, doc, false,
                (v, d) -> v);
    }

    /** A setting of any type, read by {@code parser} (which throws {@link PristineException} with the fix). */
    public static <T> Setting<T> of(String name, Class<T> type, T defaultValue, Function<String, T> parser, String doc) {
        return new Setting<>(name, type, defaultValue, defaultValue == null ? "none" : String.valueOf(defaultValue), doc,
                false, (v, d) -> parser.apply(v));
    }

    /** {@code true} or {@code false} in any case; anything else is refused with the default as the example. */
    public static Setting<Boolean> bool(String name, boolean defaultValue, String doc) {
        return new Setting<>(name, Boolean.class, defaultValue, String.valueOf(defaultValue), doc, false, (v, d) -> {
            String s = v.trim().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return s.equals("true");
            }
            throw new PristineException(ErrorCode.CONFIGURATION, "pristine." + name + " must be true or false", v,
                    "e.g. pristine." + name + "=" + d);
        });
    }

    /**
     * A whole number from {@code min} to {@code max} ({@link Integer#MAX_VALUE}: no upper bound). A bounded number
     * counts databases or threads, and its error says why more is not better.
     */
    public static Setting<Integer> integer(String name, int defaultValue, int min, int max, String doc) {
        return new Setting<>(name, Integer.class, defaultValue, String.valueOf(defaultValue), doc, false, (v, d) -> {
            try {
                int n = Integer.parseInt(v.trim());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            if (max == Integer.MAX_VALUE) {
                throw new PristineException(ErrorCode.CONFIGURATION, "pristine." + name + " must be a whole number >= " + min,
                        v, "e.g. pristine." + name + "=" + d);
            }
            throw new PristineException(ErrorCode.CONFIGURATION,
                    "pristine." + name + " must be a whole number from " + min + " to " + max, v,
                    "e.g. pristine." + name + "=" + Math.min(max, Math.max(min, d)) + " (" + WHOLE_DATABASE + ")");
        });
    }

    /** A duration from 0 to {@link PristineSettings#MAX_DURATION}, as {@link PristineSettings#parseDuration} reads it. */
    public static Setting<Duration> duration(String name, Duration defaultValue, String doc) {
        return new Setting<>(name, Duration.class, defaultValue, show(defaultValue), doc, false,
                (v, d) -> PristineSettings.parseDuration("pristine." + name, v));
    }

    /** A duration more than 0 (a lease or a wait of no time makes no sense), at most {@link PristineSettings#MAX_DURATION}. */
    public static Setting<Duration> positiveDuration(String name, Duration defaultValue, String doc) {
        return new Setting<>(name, Duration.class, defaultValue, show(defaultValue), doc, false,
                (v, d) -> PristineSettings.parsePositiveDuration("pristine." + name, v));
    }

    /**
     * One of an enum's constants, written in any case with {@code -} or {@code _} ({@code on-success} is
     * {@code ON_SUCCESS}); the error lists them in lower case and gives {@code example} ({@code on_success}, or
     * {@code scenario (the default: one database per scenario)}) as the fix.
     */
    public static <E extends Enum<E>> Setting<E> choice(String name, E defaultValue, String example, String doc) {
        Class<E> type = defaultValue.getDeclaringClass();
        E[] values = type.getEnumConstants();
        String list = Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        int last = list.lastIndexOf(", ");
        String allowed = last < 0 ? list : list.substring(0, last) + " or " + list.substring(last + 2);
        return new Setting<>(name, type, defaultValue, defaultValue.name().toLowerCase(Locale.ROOT), doc, false, (v, d) -> {
            String wanted = v.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : values) {
                if (e.name().equals(wanted)) {
                    return e;
                }
            }
            throw new PristineException(ErrorCode.CONFIGURATION, "pristine." + name + " must be " + allowed, v,
                    "e.g. pristine." + name + "=" + example);
        });
    }

    /** Every key below {@code name} ({@code liquibase.parameters.<name>}), read and checked by the declaring module. */
    public static Setting<String> family(String name, String doc) {
        return new Setting<>(name, String.class, null, "none", doc, true, (v, d) -> v);
    }

    /** This setting with its default shown as {@code text} where the default is worked out at run time ({@code number of CPUs}). */
    public Setting<T> shownDefault(String text) {
        return new Setting<>(name, type, defaultValue, text, doc, family, reader);
    }

    /** The name without the {@code pristine.} prefix, as documented ({@code pool-size}, {@code postgres.strategy}). */
    public String name() {
        return name;
    }

    /** The type a value is read as. */
    public Class<T> type() {
        return type;
    }

    /** The default, or null when there is none (or it is worked out at run time). */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the documentation shows it ({@code 30s}, {@code number of CPUs}, {@code none}). */
    public String shownDefault() {
        return shownDefault;
    }

    /** One line on what the setting does. */
    public String doc() {
        return doc;
    }

    /** Whether this stands for every key below its name. */
    public boolean isFamily() {
        return family;
    }

    /** Whether {@code key} (normalised, without the prefix; see {@link PristineSettings#normalize}) is this setting. */
    public boolean matches(String key) {
        String own = PristineSettings.normalize(name);
        return family ? key.startsWith(own + "-") && key.length() > own.length() + 1 : key.equals(own);
    }

    /**
     * Reads {@code value}.
     *
     * @param value not null
     * @throws PristineException with {@code CONFIGURATION} naming the setting, the value and the fix
     */
    public T parse(String value) {
        return reader.apply(value, defaultValue);
    }

    /** The value in {@code settings}, or the default (null when there is none). */
    public T get(PristineSettings settings) {
        return get(settings, defaultValue);
    }

    /** The value in {@code settings}, or {@code fallback} (a default worked out at run time, also the error's example). */
    public T get(PristineSettings settings, T fallback) {
        return read(settings.get(name), fallback);
    }

    /** The value in an engine's settings, or the default (null when there is none). */
    public T get(EngineSettings settings) {
        return read(settings.property(name), defaultValue);
    }

    /** The value in {@code properties} (normalised names, as a {@link MigratorProvider} gets them), or the default. */
    public T get(Map<String, String> properties) {
        return read(Optional.ofNullable(properties.get(PristineSettings.normalize(name))), defaultValue);
    }

    private T read(Optional<String> value, T fallback) {
        return value.isPresent() ? reader.apply(value.get(), fallback) : fallback;
    }

    private static String show(Duration d) {
        if (d == null) {
            return "none";
        }
        long ms = d.toMillis();
        for (Object[] unit : new Object[][] {{86_400_000L, "d"}, {3_600_000L, "h"}, {60_000L, "m"}, {1000L, "s"}}) {
            long size = (Long) unit[0];
            if (ms != 0 && ms % size == 0) {
                return ms / size + (String) unit[1];
            }
        }
        return ms + "ms";
    }

    @Override
    public String toString() {
        return "pristine." + name + (family ? ".*" : "") + " (" + type.getSimpleName() + ", default " + shownDefault + ")";
    }
}
