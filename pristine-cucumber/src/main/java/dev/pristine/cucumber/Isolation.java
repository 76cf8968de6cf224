package dev.pristine.cucumber;

/** Which scenarios share a database ({@code pristine.isolation}). Immutable. */
enum Isolation {
    /** Each scenario gets its own database, unless tagged {@code @pristine-shared} (the default). */
    SCENARIO,
    /** The scenarios of one feature share a database, as if every feature were tagged {@code @pristine-shared}. */
    FEATURE,
    /** Every scenario of the run uses one database: no isolation at all (for comparisons and benchmarks). */
    RUN;

    static Isolation parse(String value) {
        return CucumberSettings.ISOLATION.parse(value);
    }
}
