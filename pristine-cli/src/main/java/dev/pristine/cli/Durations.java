package dev.pristine.cli;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import java.time.Duration;

/** Parses duration options as users write them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 7d} or ISO-8601. */
final class Durations {

    private Durations() {}

    /**
     * Parses {@code value} of option {@code option} with the settings' parser, except that a bare number is
     * refused: on the command line {@code --ttl 30} is more likely meant as seconds than as milliseconds.
     * Zero is refused too: the one duration option, {@code --ttl}, would make a lease that has already expired.
     *
     * @throws PristineException with {@code CONFIGURATION} for anything else, a duration that is negative, zero
     *     or longer than {@link PristineSettings#MAX_DURATION}
     */
    static Duration parse(String option, String value) {
        if (value.trim().matches("\\d+")) {
            throw new PristineException(ErrorCode.CONFIGURATION, option + " needs a unit", value,
                    "write it like " + value.trim() + "s, " + value.trim() + "m or " + value.trim() + "h");
        }
        return PristineSettings.parsePositiveDuration(option, value);
    }
}
