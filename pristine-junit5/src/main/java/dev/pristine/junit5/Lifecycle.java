package dev.pristine.junit5;

/**
 * How long a {@link PristineDatabase @PristineDatabase} database lives.
 *
 * <p>Immutable and thread-safe.
 */
public enum Lifecycle {
    /** A fresh database for every test method (the default for instance fields and parameters). */
    PER_METHOD,
    /** One database for all methods of the test class (always the case for static fields). */
    PER_CLASS
}
