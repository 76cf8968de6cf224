package dev.pristine.mariadb;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.AdminConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The build lock of one template key: {@code GET_LOCK('pristine_<first 48 hex digits of the key>')} on a
 * connection of its own, held until {@link #close()}. User locks are server-wide (not per database) and
 * the server releases them when the session ends, so a builder that dies never blocks the next one.
 */
final class MariadbLock implements AutoCloseable {

    private final Connection connection;
    private final String name;

    private MariadbLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** The lock name of a key (MySQL allows 64 characters). */
    static String lockName(String key) {
        return "pristine_" + MariadbCatalog.checkKey(key).substring(0, 48);
    }

    static MariadbLock acquire(MariadbConnections connections, String key, Duration timeout) throws SQLException {
        String name = lockName(key);
        long deadline = System.nanoTime() + timeout.toNanos();
        Connection c = connections.open();
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            ps.setString(1, name);
            while (true) {
                double left = Math.max(0, deadline - System.nanoTime()) / 1e9;
                // wait in slices of at most a second on the server, so a long timeout stays interruptible
                ps.setDouble(2, Math.min(1.0, left));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int got = rs.getInt(1);
                    if (rs.wasNull()) {
                        throw new SQLException("GET_LOCK('" + name + "') failed");
                    }
                    if (got == 1) {
                        return new MariadbLock(c, name);
                    }
                }
                if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                    throw new PristineException(ErrorCode.POOL_EXHAUSTED, "timed out after " + timeout.toMillis()
                            + "ms waiting for another process to build the template", key.substring(0, 12) + holder(c, name),
                            "wait for that build to finish, or raise pristine.lock-timeout");
                }
            }
        } catch (SQLException | RuntimeException e) {
            AdminConnections.closeQuietly(c);
            throw e;
        }
    }

    /** How many processes can record their use of one template at once; beyond that, the others' uses keep it. */
    static final int USE_SLOTS = 64;

    /** The lock name of use slot {@code slot} of a key (64 characters at most). */
    static String useName(String key, int slot) {
        return "pristine_use_" + MariadbCatalog.checkKey(key).substring(0, 40) + "_" + slot;
    }

    /**
     * Records this process's use of the template of {@code key}: the first free of {@link #USE_SLOTS} user
     * locks ({@code GET_LOCK}, which has no shared mode), on a connection of its own, held until the handle is
     * closed; the server drops it with the session when the process dies. When every slot is taken, nothing is
     * recorded: those holders keep the template in use.
     */
    static AutoCloseable use(MariadbConnections connections, String key) throws SQLException {
        Connection c = connections.open();
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            for (int slot = 0; slot < USE_SLOTS; slot++) {
                ps.setString(1, useName(key, slot));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getInt(1) == 1) {
                        return () -> AdminConnections.closeQuietly(c);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            AdminConnections.closeQuietly(c);
            throw e;
        }
        AdminConnections.closeQuietly(c);
        return () -> { };
    }

    /** Whether any session holds a {@link #use} slot of the template of {@code key}. */
    static boolean inUse(Connection admin, String key) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT CONCAT_WS(',', IS_USED_LOCK(?)");
        sql.append(", IS_USED_LOCK(?)".repeat(USE_SLOTS - 1)).append(')');
        try (PreparedStatement ps = admin.prepareStatement(sql.toString())) {
            for (int slot = 0; slot < USE_SLOTS; slot++) {
                ps.setString(slot + 1, useName(key, slot));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return !rs.getString(1).isEmpty();
            }
        }
    }

    /** Who holds the lock, e.g. {@code " (held by connection 42 from 127.0.0.1:51234)"}. */
    private static String holder(Connection c, String name) {
        try (PreparedStatement ps = c.prepareStatement("SELECT p.ID, p.HOST FROM information_schema.PROCESSLIST p "
                + "WHERE p.ID = IS_USED_LOCK(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return " (held by connection " + rs.getLong(1) + " from " + rs.getString(2) + ")";
                }
            }
        } catch (SQLException ignored) {
            // the diagnosis is a courtesy; the timeout is what matters
        }
        return "";
    }

    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, name);
            ps.execute();
        } catch (SQLException ignored) {
            // closing the session below releases it anyway
        } finally {
            AdminConnections.closeQuietly(connection);
        }
    }
}
