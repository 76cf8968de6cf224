package dev.pristine.mariadb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets a released clone to its template's state in place, restoring only what the test changed:
 * creating and dropping 40 InnoDB tables costs hundreds of milliseconds of DDL, while a test typically
 * writes to a few tables. A reset ends the sessions still inside the clone, then compares the clone's
 * structure (a hash over {@code information_schema}: tables, columns, indexes, keys, checks, views,
 * triggers, routines, events, defaults) with the template's, and refuses (returns false, so the clone is
 * dropped instead) on any difference; otherwise it compares {@code CHECKSUM TABLE} and AUTO_INCREMENT
 * counters per table and restores each changed table with {@code DELETE} and {@code INSERT … SELECT}
 * (foreign-key checks off, the table's triggers dropped meanwhile and recreated), sets its counter back,
 * and checks the checksums again. Sequences and system-versioned tables that changed are not restored
 * (refused).
 *
 * <p>Thread-safe.
 */
final class MariadbRecycler {

    private static final Logger LOG = LoggerFactory.getLogger(MariadbRecycler.class);

    /** The template's state a reset restores, read once per template. */
    record State(String structure, Map<String, Long> checksums, Map<String, Long> autoIncrements) {}

    private final MariadbConnections connections;
    private final MariadbCloner cloner;
    private final boolean mariadb;
    private final ConcurrentMap<String, State> states = new ConcurrentHashMap<>();

    MariadbRecycler(MariadbConnections connections, MariadbCloner cloner, boolean mariadb) {
        this.connections = connections;
        this.cloner = cloner;
        this.mariadb = mariadb;
    }

    void forget(String template) {
        states.remove(template);
    }

    /**
     * Resets {@code clone} to {@code plan}'s template.
     *
     * @return the tables restored, or null when the clone cannot be reset (structure changed, a sequence moved)
     */
    List<String> reset(MariadbPlan plan, String clone) throws SQLException {
        State template = state(plan, plan.template());
        return connections.admin(c -> {
            try {
                MariadbCloner.killSessionsIn(c, clone);
                State now = read(c, plan, clone);
                if (!now.structure().equals(template.structure())) {
                    LOG.debug("Not resetting {}: its structure differs from the template's", clone);
                    return null;
                }
                List<String> changed = changed(plan, template, now);
                for (MariadbPlan.Table t : plan.tables()) {
                    if (changed.contains(t.name()) && !t.restorable()) {
                        LOG.debug("Not resetting {}: {} ({}) changed", clone, t.name(), t.type());
                        return null;
                    }
                }
                if (!changed.isEmpty()) {
                    restore(c, plan, template, clone, changed);
                    if (!changed(plan, template, read(c, plan, clone)).isEmpty()) {
                        LOG.warn("Resetting {} left differences; it is dropped instead", clone);
                        return null;
                    }
                }
                return changed;
            } finally {
                cloner.resetSession(c);
            }
        });
    }

    private State state(MariadbPlan plan, String template) throws SQLException {
        State s = states.get(template);
        if (s == null) {
            s = connections.admin(c -> read(c, plan, template));
            states.put(template, s);
        }
        return s;
    }

    private static List<String> changed(MariadbPlan plan, State template, State now) {
        List<String> out = new ArrayList<>();
        for (MariadbPlan.Table t : plan.tables()) {
            if (!Objects.equals(now.checksums().get(t.name()), template.checksums().get(t.name()))
                    || !Objects.equals(now.autoIncrements().get(t.name()), template.autoIncrements().get(t.name()))) {
                out.add(t.name());
            }
        }
        return out;
    }

    private void restore(Connection c, MariadbPlan plan, State template, String clone, List<String> tables)
            throws SQLException {
        Set<String> changed = new HashSet<>(tables);
        List<MariadbPlan.Definition> triggers = new ArrayList<>();
        for (MariadbPlan.Definition d : plan.triggers()) {
            if (changed.contains(d.table())) {
                triggers.add(d);
            }
        }
        String db = MariadbCatalog.ident(clone);
        try (Statement s = c.createStatement()) {
            s.execute("USE " + db);
            s.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0, sql_mode = '" + MariadbPlan.COPY_SQL_MODE + "'"
                    + (mariadb ? ", check_constraint_checks = 0" : ""));
            for (MariadbPlan.Definition d : triggers) { // a restore must not fire them
                s.execute("DROP TRIGGER IF EXISTS " + MariadbCatalog.ident(d.name()));
            }
            s.execute("START TRANSACTION");
            for (MariadbPlan.Table t : plan.tables()) {
                if (changed.contains(t.name())) {
                    String q = MariadbCatalog.ident(t.name());
                    s.execute("DELETE FROM " + q);
                    if (t.hasRows()) {
                        s.execute("INSERT INTO " + q + " (" + t.columns() + ") SELECT " + t.columns() + " FROM "
                                + MariadbCatalog.ident(plan.template()) + "." + q);
                    }
                }
            }
            s.execute("COMMIT");
            for (String t : tables) {
                Long counter = template.autoIncrements().get(t);
                if (counter != null) {
                    s.execute("ALTER TABLE " + MariadbCatalog.ident(t) + " AUTO_INCREMENT = " + counter);
                }
            }
            for (MariadbPlan.Definition d : triggers) {
                MariadbCloner.define(s, d, plan.template(), clone);
            }
        }
    }

    /** The structure hash, checksums and counters of database {@code db}. */
    private State read(Connection c, MariadbPlan plan, String db) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION group_concat_max_len = 1073741824" + (mariadb ? "" : ", information_schema_stats_expiry = 0"));
        }
        String structure;
        try (PreparedStatement ps = c.prepareStatement(STRUCTURE)) {
            for (int i = 1; i <= STRUCTURE_PARAMETERS; i++) {
                ps.setString(i, db);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    sb.append(rs.getString(i)).append(';');
                }
                structure = sb.toString();
            }
        }
        Map<String, Long> checksums = new HashMap<>();
        if (!plan.tables().isEmpty()) {
            StringBuilder sql = new StringBuilder("CHECKSUM TABLE ");
            for (int i = 0; i < plan.tables().size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(MariadbCatalog.ident(db)).append('.')
                        .append(MariadbCatalog.ident(plan.tables().get(i).name()));
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
                while (rs.next()) {
                    long v = rs.getLong(2);
                    checksums.put(rs.getString(1).substring(db.length() + 1), rs.wasNull() ? null : v);
                }
            }
        }
        Map<String, Long> counters = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long v = rs.getLong(2);
                    counters.put(rs.getString(1), rs.wasNull() ? null : v);
                }
            }
        }
        return new State(structure, checksums, counters);
    }

    /** One row of hashes over everything structural in a database; every {@code ?} is the database name. */
    private static final String STRUCTURE = "SELECT "
            + hash("CONCAT_WS('|', DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME)", "information_schema.SCHEMATA",
                    "SCHEMA_NAME", "1")
            + ", " + hash("CONCAT_WS('|', TABLE_NAME, TABLE_TYPE, IFNULL(ENGINE, ''), IFNULL(TABLE_COLLATION, ''), "
                    + "IFNULL(CREATE_OPTIONS, ''), TABLE_COMMENT)", "information_schema.TABLES", "TABLE_SCHEMA", "TABLE_NAME")
            + ", " + hash("CONCAT_WS('|', TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, "
                    + "IFNULL(COLUMN_DEFAULT, '<null>'), EXTRA, IFNULL(COLLATION_NAME, ''), IFNULL(GENERATION_EXPRESSION, ''), "
                    + "COLUMN_COMMENT)", "information_schema.COLUMNS", "TABLE_SCHEMA", "TABLE_NAME, ORDINAL_POSITION")
            + ", " + hash("CONCAT_WS('|', TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE, IFNULL(SUB_PART, ''), "
                    + "INDEX_TYPE)", "information_schema.STATISTICS", "TABLE_SCHEMA", "TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")
            + ", " + hash("CONCAT_WS('|', TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, ORDINAL_POSITION, "
                    + "IFNULL(REPLACE(REFERENCED_TABLE_SCHEMA, TABLE_SCHEMA, '<db>'), ''), IFNULL(REFERENCED_TABLE_NAME, ''), "
                    + "IFNULL(REFERENCED_COLUMN_NAME, ''))", "information_schema.KEY_COLUMN_USAGE", "TABLE_SCHEMA",
                    "TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION")
            + ", " + hash("CONCAT_WS('|', TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE)",
                    "information_schema.REFERENTIAL_CONSTRAINTS", "CONSTRAINT_SCHEMA", "TABLE_NAME, CONSTRAINT_NAME")
            + ", " + hash("CONCAT_WS('|', CONSTRAINT_NAME, CHECK_CLAUSE)", "information_schema.CHECK_CONSTRAINTS",
                    "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME, CHECK_CLAUSE")
            + ", " + hash("CONCAT_WS('|', TABLE_NAME, REPLACE(VIEW_DEFINITION, TABLE_SCHEMA, '<db>'), CHECK_OPTION, "
                    + "SECURITY_TYPE)", "information_schema.VIEWS", "TABLE_SCHEMA", "TABLE_NAME")
            + ", " + hash("CONCAT_WS('|', TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_ORDER, ACTION_TIMING, "
                    + "REPLACE(ACTION_STATEMENT, TRIGGER_SCHEMA, '<db>'), SQL_MODE)", "information_schema.TRIGGERS",
                    "TRIGGER_SCHEMA", "TRIGGER_NAME")
            + ", " + hash("CONCAT_WS('|', ROUTINE_NAME, ROUTINE_TYPE, IFNULL(DTD_IDENTIFIER, ''), "
                    + "IFNULL(REPLACE(ROUTINE_DEFINITION, ROUTINE_SCHEMA, '<db>'), ''), SQL_MODE, SECURITY_TYPE)",
                    "information_schema.ROUTINES", "ROUTINE_SCHEMA", "ROUTINE_TYPE, ROUTINE_NAME")
            + ", " + hash("CONCAT_WS('|', SPECIFIC_NAME, ORDINAL_POSITION, IFNULL(PARAMETER_MODE, ''), "
                    + "IFNULL(PARAMETER_NAME, ''), DTD_IDENTIFIER)", "information_schema.PARAMETERS", "SPECIFIC_SCHEMA",
                    "SPECIFIC_NAME, ORDINAL_POSITION")
            + ", " + hash("CONCAT_WS('|', EVENT_NAME, REPLACE(EVENT_DEFINITION, EVENT_SCHEMA, '<db>'), STATUS, EVENT_TYPE, "
                    + "IFNULL(INTERVAL_VALUE, ''), IFNULL(INTERVAL_FIELD, ''))", "information_schema.EVENTS", "EVENT_SCHEMA",
                    "EVENT_NAME");

    private static final int STRUCTURE_PARAMETERS = (int) STRUCTURE.chars().filter(ch -> ch == '?').count();

    private static String hash(String row, String table, String schemaColumn, String order) {
        return "(SELECT MD5(GROUP_CONCAT(" + row + " ORDER BY " + order + " SEPARATOR '\\n')) FROM " + table + " WHERE "
                + schemaColumn + " = ?)";
    }
}
