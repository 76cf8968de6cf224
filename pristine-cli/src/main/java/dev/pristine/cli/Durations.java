package dev.pristine.cli;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as users write them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 7d} or ISO-8601. */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    private Durations() {}

    /**
     * Parses {@code value} of option {@code option}.
     *
     * @throws PristineException with {@code CONFIGURATION} for anything else, or a negative duration
     */
    static Duration parse(String option, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(v);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new PristineException(ErrorCode.CONFIGURATION, option + " is not a duration", value,
                        "write it like 30s, 10m, 1h, 7d or PT1H30M");
            }
        }
        if (d.isNegative()) {
            throw new PristineException(ErrorCode.CONFIGURATION, option + " must not be negative", value,
                    "give a duration like 30s, 10m or 1h");
        }
        return d;
    }
}
