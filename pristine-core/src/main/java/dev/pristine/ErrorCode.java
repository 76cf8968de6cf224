package dev.pristine;

/**
 * What kind of failure a {@link PristineException} reports; the CLI maps each code to its exit code.
 *
 * <p>Immutable and thread-safe.
 */
public enum ErrorCode {
    /** Something Pristine did not expect; a bug or an environment problem. */
    UNEXPECTED(1),
    /** Usage or configuration is wrong: an unknown engine, a missing migrations path, a bad value. */
    CONFIGURATION(2),
    /** A migration failed while the template was built; nothing was published. */
    MIGRATION_FAILED(3),
    /** The engine could not be reached, or authentication failed. */
    ENGINE_UNREACHABLE(4),
    /** No database could be had in time: the pool is exhausted or a lock wait timed out. */
    POOL_EXHAUSTED(5),
    /** The target is refused as unsafe, e.g. a remote server without opt-in. */
    UNSAFE_TARGET(6),
    /**
     * Storage failed under Pristine: the disk of the state directory or of the database server is full.
     * Not the migration's fault, so not {@link #MIGRATION_FAILED}: free space and run again.
     */
    STORAGE(7);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code the CLI uses for this error. */
    public int exitCode() {
        return exitCode;
    }
}
