package dev.pristine.mariadb;

import dev.pristine.spi.NameTakenException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes and drops databases on the server. A clone is a faithful copy of a template's schema into a new
 * database, following the template's {@link MariadbPlan} (read once per template and cached): with
 * foreign-key, unique and check-constraint checks off, each table is created from its
 * {@code SHOW CREATE TABLE} and filled by {@code INSERT … SELECT} from the template (one transaction per
 * connection; the tables are spread over up to {@code mariadb.clone-connections} admin connections that are
 * free, since table DDL waits on the disk and parallel copies overlap those waits), then routines, views (dependency order), triggers (after the data, so they
 * do not fire while copying) and events are created, each under its own {@code sql_mode}, with the
 * template's name rewritten to the clone's and without {@code DEFINER} (the copying user defines them).
 *
 * <p>Thread-safe.
 */
final class MariadbCloner {

    private static final Logger LOG = LoggerFactory.getLogger(MariadbCloner.class);

    private final MariadbConnections connections;
    private final boolean mariadb;
    private final int cloneConnections;
    private final ExecutorService helpers;
    private final ConcurrentMap<String, MariadbPlan> plans = new ConcurrentHashMap<>();

    /**
     * @param cloneConnections how many connections one copy may use at most (1: sequential)
     */
    MariadbCloner(MariadbConnections connections, boolean mariadb, int cloneConnections) {
        this.connections = connections;
        this.mariadb = mariadb;
        this.cloneConnections = cloneConnections;
        AtomicInteger n = new AtomicInteger();
        this.helpers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pristine-mariadb-copy-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops the helper threads of parallel copies. */
    void close() {
        helpers.shutdownNow();
    }

    /** The plan of a published template, read on first use. */
    MariadbPlan plan(String template) throws SQLException {
        MariadbPlan p = plans.get(template);
        if (p == null) {
            long t0 = System.nanoTime();
            p = connections.admin(c -> {
                try {
                    return MariadbPlan.read(c, template);
                } finally {
                    resetSession(c);
                }
            });
            plans.put(template, p);
            LOG.debug("Read the plan of {} ({} objects) in {} ms", template, p.objects(), (System.nanoTime() - t0) / 1_000_000);
        }
        return p;
    }

    /** Forgets the plan of a template that is being dropped. */
    void forget(String template) {
        plans.remove(template);
    }

    /** Creates an empty database. */
    void createEmpty(String name) throws SQLException, NameTakenException {
        NameTakenException taken = connections.admin(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + MariadbCatalog.ident(name));
            } catch (SQLException e) {
                if (e.getErrorCode() == MariadbErrors.DATABASE_EXISTS) {
                    return new NameTakenException(name);
                }
                throw e;
            }
            return (NameTakenException) null;
        });
        if (taken != null) {
            throw taken;
        }
    }

    /**
     * Copies {@code plan}'s template into a new database {@code name}. On failure after the database was
     * created, drops it again.
     *
     * @throws NameTakenException when a database of that name exists already (nothing was created)
     */
    void copy(MariadbPlan plan, String name) throws SQLException, NameTakenException {
        boolean[] created = {false};
        NameTakenException taken;
        try {
            taken = connections.admin(c -> {
                try (Statement s = c.createStatement()) {
                    try {
                        s.execute("CREATE DATABASE " + MariadbCatalog.ident(name) + " CHARACTER SET " + plan.charset()
                                + " COLLATE " + plan.collation());
                    } catch (SQLException e) {
                        if (e.getErrorCode() == MariadbErrors.DATABASE_EXISTS) {
                            return new NameTakenException(name);
                        }
                        throw e;
                    }
                    created[0] = true;
                    try {
                        fill(s, plan, name);
                    } finally {
                        resetSession(c);
                    }
                }
                return (NameTakenException) null;
            });
        } catch (SQLException | RuntimeException e) {
            if (created[0]) { // only what this call created is dropped
                try {
                    drop(name);
                } catch (SQLException | RuntimeException d) {
                    e.addSuppressed(d);
                }
            }
            throw e;
        }
        if (taken != null) {
            throw taken;
        }
    }

    private void fill(Statement s, MariadbPlan plan, String name) throws SQLException {
        String tpl = plan.template();
        s.execute("USE " + MariadbCatalog.ident(name));
        copySession(s);
        copyTables(s, plan, name);
        for (MariadbPlan.Definition d : plan.routines()) {
            define(s, d, tpl, name);
        }
        for (MariadbPlan.Definition d : plan.views()) {
            define(s, d, tpl, name);
        }
        for (MariadbPlan.Definition d : plan.triggers()) {
            define(s, d, tpl, name);
        }
        for (MariadbPlan.Definition d : plan.events()) {
            define(s, d, tpl, name);
        }
    }

    private void copySession(Statement s) throws SQLException {
        s.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0, sql_mode = '" + MariadbPlan.COPY_SQL_MODE + "'"
                + (mariadb ? ", check_constraint_checks = 0" : ""));
    }

    /**
     * Creates and fills the tables, spread over this connection and as many more admin connections as are
     * free right now (up to {@code mariadb.clone-connections}): table DDL waits on the disk, so copies on
     * several connections overlap their waits.
     */
    private void copyTables(Statement s, MariadbPlan plan, String name) throws SQLException {
        List<MariadbPlan.Table> tables = plan.tables();
        int extra = tables.size() < 2 ? 0 : connections.reserveFree(Math.min(cloneConnections, tables.size()) - 1);
        List<List<MariadbPlan.Table>> parts = new ArrayList<>();
        for (int i = 0; i <= extra; i++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < tables.size(); i++) {
            parts.get(i % parts.size()).add(tables.get(i));
        }
        List<Future<Void>> helpers = new ArrayList<>();
        int unused = extra;
        try {
            for (List<MariadbPlan.Table> part : parts.subList(1, parts.size())) {
                helpers.add(this.helpers.submit(() -> connections.onReserved(c -> {
                    try (Statement hs = c.createStatement()) {
                        hs.execute("USE " + MariadbCatalog.ident(name));
                        copySession(hs);
                        tables(hs, part, plan.template(), name);
                    } finally {
                        resetSession(c);
                    }
                    return null;
                })));
                unused--;
            }
        } catch (RejectedExecutionException e) {
            // closing: copy the rest on this connection
            for (List<MariadbPlan.Table> part : parts.subList(1 + helpers.size(), parts.size())) {
                parts.get(0).addAll(part);
            }
        } finally {
            connections.unreserve(unused);
        }
        SQLException failure = null;
        try {
            tables(s, parts.get(0), plan.template(), name);
        } catch (SQLException e) {
            failure = e;
        }
        for (Future<Void> f : helpers) { // wait for every helper, so nothing writes into a clone being dropped
            try {
                f.get();
            } catch (ExecutionException e) {
                SQLException cause = e.getCause() instanceof SQLException se ? se : new SQLException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new SQLException("interrupted while copying " + name);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void tables(Statement s, List<MariadbPlan.Table> tables, String tpl, String name) throws SQLException {
        for (MariadbPlan.Table t : tables) {
            String create = MariadbPlan.rewrite(t.create(), tpl, name);
            for (int attempt = 1; ; attempt++) {
                try {
                    s.execute(create);
                    break;
                } catch (SQLException e) {
                    // tables with foreign keys between them, created on two connections at once, can meet in a
                    // metadata-lock deadlock; the victim's statement alone was rolled back: run it again
                    if (!MariadbErrors.isTransient(e) || attempt == 5) {
                        throw e;
                    }
                }
            }
        }
        boolean any = false;
        for (MariadbPlan.Table t : tables) {
            if (t.hasRows()) {
                if (!any) {
                    s.execute("START TRANSACTION");
                    any = true;
                }
                s.execute("INSERT INTO " + MariadbCatalog.ident(t.name()) + " (" + t.columns() + ") SELECT " + t.columns()
                        + " FROM " + MariadbCatalog.ident(tpl) + "." + MariadbCatalog.ident(t.name()));
            }
        }
        if (any) {
            s.execute("COMMIT");
        }
    }

    static void define(Statement s, MariadbPlan.Definition d, String tpl, String name) throws SQLException {
        s.execute("SET SESSION sql_mode = " + literal(d.sqlMode() == null ? MariadbPlan.COPY_SQL_MODE : d.sqlMode())
                + (d.timeZone() == null ? "" : ", time_zone = " + literal(d.timeZone())));
        s.execute(MariadbPlan.rewrite(d.create(), tpl, name));
    }

    /**
     * Puts an admin session back as it was: settings restored, and out of the database it worked in (into
     * Pristine's catalog), so that ending the sessions inside a clone never ends one of Pristine's own.
     */
    void resetSession(Connection c) {
        try (Statement s = c.createStatement()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            s.execute("ROLLBACK");
            s.execute("SET SESSION foreign_key_checks = 1, unique_checks = 1, sql_mode = DEFAULT, time_zone = DEFAULT"
                    + (mariadb ? ", check_constraint_checks = 1" : ""));
            s.execute("USE " + MariadbCatalog.ident(MariadbCatalog.SCHEMA));
        } catch (SQLException e) {
            // the pool closes a connection whose work failed on a lost connection; nothing more to do
            LOG.debug("Resetting an admin session failed: {}", MariadbErrors.reason(e));
        }
    }

    /**
     * Drops a database with one {@code DROP DATABASE}. (Dropping its tables on several connections at once
     * was tried: with foreign keys between them, MariaDB 10.11 can hang both sessions for good, unkillable.)
     * A session still inside it that holds a metadata lock (a test left a transaction open) would block the
     * drop: after a short wait, such sessions are ended and the drop retried.
     */
    void drop(String name) throws SQLException {
        MariadbCatalog.checkName(name);
        connections.admin(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION lock_wait_timeout = 2");
                try {
                    s.execute("DROP DATABASE IF EXISTS " + MariadbCatalog.ident(name));
                } catch (SQLException e) {
                    if (e.getErrorCode() != MariadbErrors.LOCK_WAIT_TIMEOUT) {
                        throw e;
                    }
                    int killed = killSessionsIn(c, name);
                    LOG.info("Ended {} session(s) still using {} so it could be dropped", killed, name);
                    s.execute("DROP DATABASE IF EXISTS " + MariadbCatalog.ident(name));
                } finally {
                    s.execute("SET SESSION lock_wait_timeout = 10");
                }
            }
            return null;
        });
    }

    static int killSessionsIn(Connection c, String name) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (long id : ids) {
                try {
                    s.execute("KILL " + id);
                } catch (SQLException e) {
                    // gone already
                }
            }
        }
        return ids.size();
    }

    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
