package dev.pristine.cucumber;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.util.Locale;

/** Which scenarios share a database ({@code pristine.isolation}). Immutable. */
enum Isolation {
    /** Each scenario gets its own database, unless tagged {@code @pristine-shared} (the default). */
    SCENARIO,
    /** The scenarios of one feature share a database, as if every feature were tagged {@code @pristine-shared}. */
    FEATURE,
    /** Every scenario of the run uses one database: no isolation at all (for comparisons and benchmarks). */
    RUN;

    static Isolation parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (Isolation i : values()) {
            if (i.name().equals(v)) {
                return i;
            }
        }
        throw new PristineException(ErrorCode.CONFIGURATION, "pristine.isolation must be scenario, feature or run", value,
                "e.g. pristine.isolation=scenario (the default: one database per scenario)");
    }
}
