package dev.pristine.postgres;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.AdminConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The build lock of one template key: a session-level {@code pg_advisory_lock} on a connection of its
 * own, held until {@link #close()}. The server releases it when the session ends, so a builder that dies
 * never blocks the next one. Advisory locks are per database: every Pristine process takes them in the
 * admin database of the URL.
 */
final class PostgresLock implements AutoCloseable {

    private final Connection connection;
    private final long id;

    private PostgresLock(Connection connection, long id) {
        this.connection = connection;
        this.id = id;
    }

    /** The lock id of a key: its first 64 bits. */
    static long lockId(String key) {
        return Long.parseUnsignedLong(PostgresCatalog.checkKey(key).substring(0, 16), 16);
    }

    static PostgresLock acquire(PostgresConnections connections, String key, Duration timeout) throws SQLException {
        long id = lockId(key);
        long deadline = System.nanoTime() + timeout.toNanos();
        Connection c = connections.open(connections.adminDatabase());
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, id);
            long backoff = 5;
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return new PostgresLock(c, id);
                    }
                }
                if (System.nanoTime() > deadline) {
                    String holder = holder(c, id);
                    throw new PristineException(ErrorCode.POOL_EXHAUSTED, "timed out after " + timeout.toMillis()
                            + "ms waiting for another process to build the template", key.substring(0, 12) + holder,
                            "wait for that build to finish, or raise pristine.lock-timeout");
                }
                // pg_advisory_lock has no timeout of its own: poll with a bounded backoff
                TimeUnit.MILLISECONDS.sleep(backoff);
                backoff = Math.min(backoff * 2, 200);
            }
        } catch (SQLException | RuntimeException e) {
            AdminConnections.closeQuietly(c);
            throw e;
        } catch (InterruptedException e) {
            AdminConnections.closeQuietly(c);
            Thread.currentThread().interrupt();
            throw new PristineException(ErrorCode.POOL_EXHAUSTED, "interrupted while waiting for the build lock",
                    key.substring(0, 12), null, e);
        }
    }

    /** The namespace (first int) of the two-int advisory locks that record a use of a template ("pris"). */
    private static final int USE_NAMESPACE = 0x70726973;

    /**
     * Records this process's use of the template of {@code key}: a session-level
     * {@code pg_advisory_lock_shared(USE_NAMESPACE, <first 32 bits of the key>)} on a connection of its own,
     * held until the handle is closed; the server drops it with the session when the process dies.
     */
    static AutoCloseable use(PostgresConnections connections, String key) throws SQLException {
        int id = useId(key);
        Connection c = connections.open(connections.adminDatabase());
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock_shared(?, ?)")) {
            ps.setInt(1, USE_NAMESPACE);
            ps.setInt(2, id);
            ps.execute();
        } catch (SQLException | RuntimeException e) {
            AdminConnections.closeQuietly(c);
            throw e;
        }
        return () -> AdminConnections.closeQuietly(c);
    }

    /**
     * Whether any session, in any database of the server, holds a {@link #use} of the template of {@code key}.
     * (32 bits of the key: a clash between two keys only keeps a template longer.)
     */
    static boolean inUse(Connection admin, String key) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE "
                + "locktype = 'advisory' AND granted AND classid = ?::oid AND objid = ?::oid AND objsubid = 2)")) {
            ps.setLong(1, USE_NAMESPACE & 0xFFFFFFFFL);
            ps.setLong(2, useId(key) & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static int useId(String key) {
        return (int) Long.parseLong(PostgresCatalog.checkKey(key).substring(0, 8), 16);
    }

    /** Who holds the lock, e.g. {@code " (held by pid 4711, application pristine, from 127.0.0.1)"}. */
    private static String holder(Connection c, long id) {
        try (PreparedStatement ps = c.prepareStatement("SELECT l.pid, coalesce(a.application_name, ''), "
                + "coalesce(host(a.client_addr), '') FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ((?::bigint >> 32) & 4294967295)::oid "
                + "AND l.objid = (?::bigint & 4294967295)::oid AND l.objsubid = 1")) {
            ps.setLong(1, id);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return " (held by pid " + rs.getInt(1) + ", application " + rs.getString(2)
                            + (rs.getString(3).isEmpty() ? "" : ", from " + rs.getString(3)) + ")";
                }
            }
        } catch (SQLException ignored) {
            // the diagnosis is a courtesy; the timeout is what matters
        }
        return "";
    }

    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, id);
            ps.execute();
        } catch (SQLException ignored) {
            // closing the session below releases it anyway
        } finally {
            AdminConnections.closeQuietly(connection);
        }
    }
}
