package dev.pristine.spi;

import dev.pristine.ErrorCode;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One database kind, as Pristine's core uses it: build, publish, clone, list and drop databases, and
 * lock across processes. The core owns the logic (keys, build-once, pool, reaper, retries); an engine
 * does only the engine-specific steps, each atomic where the contract says so.
 *
 * <p>Every database an engine creates must be recognisable as Pristine's (prefix and marker), and an
 * engine never drops anything else. Markers are opaque strings the core writes and reads back; the
 * engine stores them outside the user's schema (a sidecar file, {@code COMMENT ON DATABASE}, …).
 *
 * <p>Implementations must be thread-safe: the core calls them from many threads at once.
 */
public interface Engine extends AutoCloseable {

    /** The engine id, as in {@link EngineProvider#id()}. */
    String id();

    /**
     * Everything about the engine that changes what a template is: driver and server version,
     * compatibility mode. Part of the template key.
     */
    String identity();

    /** Where this engine's databases live, for messages and for scoping (a directory or a server URL without credentials). */
    String location();

    /** The longest database name the engine accepts. */
    int maxNameLength();

    /**
     * Takes the lock that makes building {@code key} exclusive across processes. Blocks up to
     * {@code timeout}.
     *
     * @return a handle that releases the lock when closed
     * @throws dev.pristine.PristineException with {@code POOL_EXHAUSTED} when the wait timed out
     */
    AutoCloseable lockBuild(String key, Duration timeout) throws Exception;

    /** The published template of {@code key}, if there is one. Never returns a half-built one. */
    Optional<TemplateEntry> findTemplate(String key) throws Exception;

    /** Every published template. */
    List<TemplateEntry> templates() throws Exception;

    /**
     * Creates an empty database to build the template of {@code key} into, under a temporary name that
     * {@link #findTemplate} never returns. Called only under {@link #lockBuild}.
     *
     * @return the temporary database name
     */
    String createBuild(String key, String marker) throws Exception;

    /**
     * Publishes a finished build atomically: afterwards {@link #findTemplate} returns it, before it
     * returns nothing. Called only under {@link #lockBuild}, after every connection to the build has been closed.
     */
    TemplateEntry publish(String key, String buildName) throws Exception;

    /**
     * What to add to the error of a migration that failed on the build {@code buildName}, when the engine knows
     * something the migrator cannot (say, that the build ran with fewer rights than the configured user, and how to
     * change that). Called before the build is dropped. The default adds nothing.
     *
     * @param failure what the migrator threw, not null
     * @return the sentence to append to the error, or empty
     */
    default Optional<String> migrationHint(String buildName, Throwable failure) {
        return Optional.empty();
    }

    /** Unfinished builds (in progress or left by a crash), with their markers. */
    List<DatabaseEntry> builds() throws Exception;

    /** Drops an unfinished build. */
    void dropBuild(String buildName) throws Exception;

    /** Records that the template of {@code key} was used now (for the retention of unused templates). */
    void touchTemplate(String key) throws Exception;

    /**
     * How this engine records that live processes use a template, so that gc keeps it. The default records
     * nothing: templates are then kept by their retention period only, and a dropped one is built again.
     */
    default TemplateUses templateUses() {
        return TemplateUses.NONE;
    }

    /** Drops a published template. */
    void dropTemplate(String key) throws Exception;

    /**
     * Creates a clone of the template of {@code key} named {@code name}, with create-new semantics.
     *
     * @throws NameTakenException when a database of that name exists already
     */
    void createClone(String key, String name, String marker) throws Exception;

    /**
     * Gives a clone a new name (create-new semantics) and marker. Engines that cannot rename a
     * database only replace the marker and return the old name.
     *
     * @return the clone's name afterwards
     * @throws NameTakenException when a database of the new name exists already
     */
    String relabelClone(String name, String newName, String marker) throws Exception;

    /** Replaces the marker of a clone. */
    void markClone(String name, String marker) throws Exception;

    /** Every clone Pristine created here, with its marker (null when unreadable). */
    List<DatabaseEntry> clones() throws Exception;

    /**
     * Puts a released clone back into the state of its template in place, when that is cheaper than a
     * new clone (MariaDB: restore only the tables a test changed). The pool calls it instead of a drop
     * while it is below its target; the engine must return false (and the pool then drops the clone)
     * whenever it cannot prove the result equals a fresh clone.
     *
     * @param marker the marker the clone gets when it goes back to the pool
     * @return whether the clone was reset and may be leased again
     */
    default boolean resetClone(String key, String name, String marker) throws Exception {
        return false;
    }

    /**
     * Whether a database of this name exists here at all, Pristine's or not: {@code release} tells a clone
     * released already (not an error) from a name Pristine must refuse. The default, for an engine that
     * cannot tell, says no.
     */
    default boolean exists(String name) throws Exception {
        return false;
    }

    /** Drops a clone. Dropping a clone that does not exist is not an error. */
    void dropClone(String name) throws Exception;

    /** The JDBC coordinates of a clone or build. */
    Coordinates coordinates(String name);

    /** A data source for a clone or build. */
    DataSource dataSource(String name);

    /** Whether a failure is transient and worth retrying (busy, in use, too many connections). */
    boolean isTransient(Throwable failure);

    /** What kind of failure this is, for the exit code. */
    default ErrorCode classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("28"))) {
                return ErrorCode.ENGINE_UNREACHABLE;
            }
        }
        return ErrorCode.UNEXPECTED;
    }

    /** Releases what the engine holds (connections, embedded servers). */
    @Override
    void close();
}
