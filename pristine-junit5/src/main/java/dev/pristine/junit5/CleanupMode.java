package dev.pristine.junit5;

import dev.pristine.Cleanup;

/**
 * What happens to a {@link PristineDatabase @PristineDatabase} database when its test (or class) is done,
 * like JUnit's {@code @TempDir} cleanup modes: {@link Cleanup}, plus {@link #DEFAULT} (an annotation attribute
 * cannot be null). A kept database is owned by its expiry instead of the test
 * JVM, listed by {@code pristine status}, and dropped by {@code pristine gc} once the keep time
 * ({@code pristine.keep-for}, default 24h) is over.
 *
 * <p>Immutable and thread-safe.
 */
public enum CleanupMode {
    /** Use {@code pristine.cleanup} (a JUnit configuration parameter or Pristine setting), else {@link #ALWAYS}. */
    DEFAULT,
    /** Drop the database, whatever the outcome. */
    ALWAYS,
    /** Drop the database when the test passed; keep it for inspection when the test failed. */
    ON_SUCCESS,
    /** Keep the database, whatever the outcome. */
    NEVER;

    /** The mode this stands for; null for {@link #DEFAULT}. */
    Cleanup cleanup() {
        return this == DEFAULT ? null : Cleanup.valueOf(name());
    }
}
