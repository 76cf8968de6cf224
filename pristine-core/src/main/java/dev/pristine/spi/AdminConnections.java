package dev.pristine.spi;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A small pool of admin connections for a server engine, so that the engine never holds more than a few
 * connections however many threads call it. A connection goes back only when the work left it healthy
 * (open, auto-commit on, no connection-lost error); otherwise it is closed and the next work opens a new one.
 *
 * <p>Thread-safe.
 */
public final class AdminConnections implements AutoCloseable {

    /** Work on a connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Opens a new admin connection. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final Opener opener;
    private final Predicate<SQLException> connectionLost;
    private final String location;
    private final Supplier<PristineException> exhausted;
    private volatile boolean closed;

    /**
     * @param size how many connections at most, at least 1
     * @param opener opens a connection
     * @param connectionLost whether a failure means the connection is gone (it is then not reused)
     * @param location the server, without credentials, for messages
     * @param exhausted the error when no connection is free within 60 s
     */
    public AdminConnections(int size, Opener opener, Predicate<SQLException> connectionLost, String location,
            Supplier<PristineException> exhausted) {
        this.permits = new Semaphore(size, true);
        this.opener = opener;
        this.connectionLost = connectionLost;
        this.location = location;
        this.exhausted = exhausted;
    }

    /** Runs {@code work} on a pooled admin connection (auto-commit on), waiting up to 60 s for one. */
    public <T> T admin(SqlWork<T> work) throws SQLException {
        try {
            if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
                throw exhausted.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PristineException(ErrorCode.POOL_EXHAUSTED, "interrupted while waiting for an admin connection",
                    location, null, e);
        }
        return onReserved(work);
    }

    /**
     * Reserves up to {@code max} more admin connections, only as many as are free right now (never waits).
     *
     * @return how many were reserved; run work on each with {@link #onReserved}
     */
    public int reserveFree(int max) {
        int n = 0;
        while (n < max && permits.tryAcquire()) {
            n++;
        }
        return n;
    }

    /** Gives back permits reserved with {@link #reserveFree} that were not used. */
    public void unreserve(int n) {
        permits.release(n);
    }

    /** Runs {@code work} on an admin connection whose permit the caller holds; releases the permit. */
    public <T> T onReserved(SqlWork<T> work) throws SQLException {
        Connection c = null;
        boolean healthy = false;
        try {
            c = idle.pollFirst();
            if (c == null || c.isClosed()) {
                c = opener.open();
            }
            T result = work.apply(c);
            healthy = c.getAutoCommit();
            return result;
        } catch (SQLException e) {
            healthy = c != null && !connectionLost.test(e) && isAutoCommit(c);
            throw e;
        } finally {
            if (c != null) {
                if (healthy && !closed) {
                    idle.addFirst(c);
                } else {
                    closeQuietly(c);
                }
            }
            permits.release();
        }
    }

    private static boolean isAutoCommit(Connection c) {
        try {
            return !c.isClosed() && c.getAutoCommit();
        } catch (SQLException e) {
            return false;
        }
    }

    /** Closes, ignoring any failure (there is nothing more to release). */
    public static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing more to release
        }
    }

    /** Closes the idle connections; connections in use close when their work ends. */
    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            closeQuietly(c);
        }
    }
}
