package dev.pristine;

/**
 * Hears how a template build goes, e.g. to print progress. Called on the thread that prepares.
 *
 * <p>Implementations must be thread-safe and return quickly.
 */
public interface BuildListener {

    /** Another process holds the build lock of {@code key}; this one waits for it. */
    default void waiting(String key) {}

    /** This process builds the template of {@code key} now with the described migrator. */
    default void building(String key, String migrator) {}

    /** The template of {@code key} is ready; {@code built} is true when this process built it. */
    default void ready(String key, boolean built, long millis) {}
}
