package dev.pristine;

/**
 * What happens to a test's (or scenario's) database when it is done ({@code pristine.cleanup}), like JUnit's
 * {@code @TempDir} cleanup modes. A kept database is owned by its expiry ({@code pristine.keep-for}) instead of
 * the test JVM, listed by {@code pristine status} and dropped by {@code pristine gc} once that is over. The one
 * cleanup mode of every adapter (JUnit 5, Cucumber).
 *
 * <p>Immutable and thread-safe.
 */
public enum Cleanup {
    /** Drop the database, whatever the outcome (the default). */
    ALWAYS,
    /** Drop the database when the test passed; keep it for inspection when it failed. */
    ON_SUCCESS,
    /** Keep the database, whatever the outcome. */
    NEVER;

    /** Whether a database whose test(s) ended so is kept. */
    public boolean keeps(boolean failed) {
        return this == NEVER || (this == ON_SUCCESS && failed);
    }

    /**
     * Parses {@code always}, {@code on_success} / {@code on-success}, {@code never} in any case.
     *
     * @param value not null
     * @throws PristineException with {@code CONFIGURATION} for anything else
     */
    public static Cleanup parse(String value) {
        return CoreSettings.CLEANUP.parse(value);
    }
}
