package dev.pristine;

import dev.pristine.spi.Coordinates;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A leased clone: a fresh, fully-migrated database that only its holder uses. Closing it releases
 * the database, which is dropped in the background.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public interface TestDatabase extends AutoCloseable {

    /** The lease id, usable with {@link Pristine#release(String)} and the CLI's {@code release}. */
    String id();

    /** The template key the clone was made from. */
    String key();

    /** The JDBC URL of the clone. */
    String jdbcUrl();

    /** The user to connect as, or null when the engine needs none. */
    String user();

    /** The password to connect with, or null. Never logged by Pristine. */
    String password();

    /**
     * Everything about where the clone is, for tools that do not speak JDBC: the native URL (never with a
     * password), host, port and database of a server, the file of a file engine. The default (for other
     * implementations than Pristine's own) knows only the JDBC URL and credentials.
     */
    default Coordinates coordinates() {
        return new Coordinates(jdbcUrl(), user(), password());
    }

    /** A data source for the clone; the same instance on every call. */
    DataSource dataSource();

    /**
     * Keeps the database after {@link #close()}, for inspection: it is then owned by its expiry
     * instead of this process, and dropped by {@code gc} after {@code duration}.
     *
     * @param duration how long to keep it, not null
     */
    void keep(Duration duration);

    /** Releases the database. Does nothing the second time. */
    @Override
    void close();
}
