package dev.pristine.postgres;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.AdminConnections;
import dev.pristine.spi.NameTakenException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, renames and drops databases: {@code CREATE DATABASE … TEMPLATE … STRATEGY …} tagged in the
 * same statement (see {@link PostgresCatalog}), then commented; renames with their new comment in one
 * transaction; {@code DROP DATABASE … WITH (FORCE)} from PostgreSQL 13 on.
 *
 * <p>"Object in use" (55006: a session is connected to the template, or to a database being renamed or
 * dropped) is retried here with jittered backoff for up to {@code postgres.busy-timeout}; when it persists
 * the error names the sessions that hold the database, from {@code pg_stat_activity}.
 *
 * <p>Thread-safe.
 */
final class PostgresCloner {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCloner.class);

    /** {@code CREATE DATABASE … STRATEGY}: absent before PostgreSQL 15. */
    enum Strategy {
        AUTO, WAL_LOG, FILE_COPY
    }

    private final PostgresConnections connections;
    private final int serverVersion;
    private final String strategyClause;
    private final Duration busyTimeout;

    /**
     * @param embedded whether the server is Pristine's embedded one (fsync off): there {@code auto} means
     *     {@code FILE_COPY}, whose per-clone checkpoint costs little without fsync (see BENCH.md)
     */
    PostgresCloner(PostgresConnections connections, int serverVersion, Strategy strategy, Duration busyTimeout,
            boolean embedded) {
        this.connections = connections;
        this.serverVersion = serverVersion;
        this.busyTimeout = busyTimeout;
        if (strategy != Strategy.AUTO && serverVersion < 150000) {
            throw new PristineException(ErrorCode.CONFIGURATION, "pristine.postgres.strategy=" + strategy.name().toLowerCase(
                    java.util.Locale.ROOT) + " needs PostgreSQL 15 or later", "server version " + serverVersion / 10000,
                    "use pristine.postgres.strategy=auto");
        }
        // auto on a server of yours: its default (WAL_LOG from 15 on), no checkpoint per clone, measured faster with fsync on
        Strategy chosen = strategy == Strategy.AUTO && embedded && serverVersion >= 150000 ? Strategy.FILE_COPY : strategy;
        this.strategyClause = chosen == Strategy.AUTO ? "" : " STRATEGY " + chosen.name();
    }

    /** The strategy clause clones are made with, for messages and the bench ({@code ""} for the server default). */
    String strategyClause() {
        return strategyClause;
    }

    /**
     * Creates a tagged database, from {@code template} (or the server's default template1), then comments it.
     *
     * @param owner the owning role, or null for the connecting user
     * @throws NameTakenException when a database of that name exists
     */
    void create(String name, String template, String owner, String comment) throws SQLException, NameTakenException {
        String sql = "CREATE DATABASE " + PostgresCatalog.ident(name)
                + (template == null ? "" : " TEMPLATE " + PostgresCatalog.ident(template) + strategyClause)
                + (owner == null ? "" : " OWNER " + PostgresCatalog.ident(owner))
                + " CONNECTION LIMIT " + PostgresCatalog.tagNow();
        try {
            whileBusy(template == null ? "template1" : template, "creating database " + name, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
                return null;
            });
        } catch (SQLException e) {
            if (PostgresErrors.DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw new NameTakenException(name);
            }
            if (template != null && PostgresErrors.INVALID_CATALOG_NAME.equals(e.getSQLState())) {
                throw new PristineException(ErrorCode.UNEXPECTED, "the template database is gone", template,
                        "a gc of another process dropped it; prepare again", e);
            }
            throw e;
        }
        try {
            connections.admin(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("COMMENT ON DATABASE " + PostgresCatalog.ident(name) + " IS " + PostgresCatalog.literal(comment));
                }
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            try {
                drop(name);
            } catch (SQLException | RuntimeException dropFailed) {
                e.addSuppressed(dropFailed);
            }
            throw e;
        }
    }

    /**
     * Runs {@code statements} in one transaction about {@code database}, which nobody may be connected to
     * (a rename).
     *
     * @param taken the name to report when a statement hits a duplicate name
     * @throws NameTakenException when a statement hit a duplicate name
     */
    void inTransaction(String database, String what, String taken, List<String> statements)
            throws SQLException, NameTakenException {
        try {
            whileBusy(database, what, c -> {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
                return null;
            });
        } catch (SQLException e) {
            if (PostgresErrors.DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw new NameTakenException(taken);
            }
            throw e;
        }
    }

    /** Drops a database of Pristine's; a database that does not exist is not an error. */
    void drop(String name) throws SQLException {
        String quoted = PostgresCatalog.ident(name);
        if (serverVersion >= 130000) {
            whileBusy(name, "dropping " + name, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
                }
                return null;
            });
            return;
        }
        whileBusy(name, "dropping " + name, c -> {
            // before 13 there is no FORCE: end the sessions on this (Pristine's) database first
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                ps.setString(1, name);
                ps.execute();
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + quoted);
            }
            return null;
        });
    }

    private <T> T whileBusy(String database, String what, AdminConnections.SqlWork<T> work) throws SQLException {
        long deadline = System.nanoTime() + busyTimeout.toNanos();
        long backoff = 10;
        while (true) {
            try {
                return connections.admin(work);
            } catch (SQLException e) {
                if (!PostgresErrors.OBJECT_IN_USE.equals(e.getSQLState())) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    String sessions = connections.admin(c -> sessions(c, database));
                    throw new PristineException(ErrorCode.POOL_EXHAUSTED, what + " failed: database " + database
                            + " stayed in use by other sessions for " + busyTimeout.toMillis() + "ms", sessions,
                            "close those sessions; nothing may stay connected to a Pristine template (or to a database "
                                    + "being renamed or dropped), or raise pristine.postgres.busy-timeout", e);
                }
                LOG.debug("{}: {} is in use, retrying in {}ms", what, database, backoff);
                try {
                    TimeUnit.MILLISECONDS.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 500);
            }
        }
    }

    /**
     * The sessions connected to {@code database}, e.g.
     * {@code sessions: pid 4711 application 'psql' from 127.0.0.1 as app (idle)}. Without pg_read_all_stats
     * a role sees only the pid, application and user of other roles' sessions.
     */
    static String sessions(Connection c, String database) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT pid, application_name, host(client_addr), client_port, "
                + "usename, state FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid() ORDER BY pid")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String state = rs.getString(6);
                    String from = rs.getString(3) != null ? " from " + rs.getString(3)
                            : rs.getInt(4) == -1 ? " from a local socket" : "";
                    out.add("pid " + rs.getInt(1) + " application '" + nullToEmpty(rs.getString(2)) + "'" + from
                            + " as " + nullToEmpty(rs.getString(5))
                            + (state == null ? " (details need pg_read_all_stats)" : " (" + state + ")"));
                }
            }
        }
        return out.isEmpty() ? "sessions: none left (they ended just now)" : "sessions: " + String.join("; ", out);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
