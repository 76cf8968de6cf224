package dev.pristine.cucumber;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.util.Locale;

/** What happens to a scenario's database when the scenario is done ({@code pristine.cleanup}). Immutable. */
enum Cleanup {
    /** Drop it, whatever the outcome (the default). */
    ALWAYS,
    /** Drop it when the scenario passed; keep it for inspection when it failed. */
    ON_SUCCESS,
    /** Keep it, whatever the outcome. */
    NEVER;

    /** Whether a database whose scenario(s) ended so is kept. */
    boolean keeps(boolean failed) {
        return this == NEVER || (this == ON_SUCCESS && failed);
    }

    /** Parses {@code always}, {@code on_success} / {@code on-success}, {@code never} in any case. */
    static Cleanup parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Cleanup c : values()) {
            if (c.name().equals(v)) {
                return c;
            }
        }
        throw new PristineException(ErrorCode.CONFIGURATION, "pristine.cleanup must be always, on_success or never",
                value, "e.g. pristine.cleanup=on_success");
    }
}
