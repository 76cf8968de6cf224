package dev.pristine.mariadb;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structure of one database as comparable text: one line per table, column, index, foreign key,
 * check constraint, view, trigger, routine and event, sorted, with the database's own name replaced by
 * {@code <db>} so that a template and its clone compare equal exactly when they are built alike.
 *
 * <p>Two sources: {@link DatabaseMetaData} (tables, columns with generated/auto flags, primary keys, named
 * indexes with their order, named foreign keys) and MariaDB's {@code information_schema} (table options
 * and AUTO_INCREMENT counters, column details, referential actions, check constraints, views, triggers,
 * routines and their parameters, events). The testkit's {@code SchemaShape.portable} is the engine-neutral
 * part of this; {@link #informationSchema} is what the MariaDB contract adds to it.
 *
 * <p>Stateless and thread-safe.
 */
final class MariadbShape {

    private MariadbShape() {}

    /** The shape of the connection's current database. */
    static List<String> of(Connection c) throws SQLException {
        String db = c.getCatalog();
        List<String> out = new ArrayList<>();
        portable(c.getMetaData(), db, out);
        informationSchema(c, db, out);
        List<String> normalised = new ArrayList<>();
        Pattern name = Pattern.compile("(?<![A-Za-z0-9_$])" + Pattern.quote(db) + "(?![A-Za-z0-9_$])");
        for (String line : out) {
            normalised.add(name.matcher(line).replaceAll(Matcher.quoteReplacement("<db>")));
        }
        normalised.sort(null);
        return normalised;
    }

    private static void portable(DatabaseMetaData md, String db, List<String> out) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = md.getTables(db, null, "%", null)) {
            while (rs.next()) {
                out.add("table " + rs.getString("TABLE_NAME") + " type=" + rs.getString("TABLE_TYPE") + " remarks="
                        + rs.getString("REMARKS"));
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        try (ResultSet rs = md.getColumns(db, null, "%", "%")) {
            while (rs.next()) {
                out.add("column " + rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME") + " #"
                        + rs.getInt("ORDINAL_POSITION") + " " + rs.getString("TYPE_NAME") + "(" + rs.getInt("COLUMN_SIZE")
                        + "," + rs.getInt("DECIMAL_DIGITS") + ") nullable=" + rs.getString("IS_NULLABLE") + " default="
                        + rs.getString("COLUMN_DEF") + " auto=" + rs.getString("IS_AUTOINCREMENT") + " generated="
                        + rs.getString("IS_GENERATEDCOLUMN"));
            }
        }
        for (String t : tables) {
            try (ResultSet rs = md.getPrimaryKeys(db, null, t)) {
                while (rs.next()) {
                    out.add("primary key " + t + " " + rs.getString("PK_NAME") + " " + rs.getString("COLUMN_NAME") + " #"
                            + rs.getInt("KEY_SEQ"));
                }
            }
            try (ResultSet rs = md.getIndexInfo(db, null, t, false, false)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null) {
                        out.add("index " + t + "." + rs.getString("INDEX_NAME") + " unique=" + !rs.getBoolean("NON_UNIQUE")
                                + " " + rs.getString("COLUMN_NAME") + " #" + rs.getInt("ORDINAL_POSITION") + " "
                                + rs.getString("ASC_OR_DESC"));
                    }
                }
            }
            try (ResultSet rs = md.getImportedKeys(db, null, t)) {
                while (rs.next()) {
                    out.add("foreign key " + t + "." + rs.getString("FK_NAME") + " " + rs.getString("FKCOLUMN_NAME") + " -> "
                            + rs.getString("PKTABLE_CAT") + "." + rs.getString("PKTABLE_NAME") + "."
                            + rs.getString("PKCOLUMN_NAME") + " #" + rs.getInt("KEY_SEQ") + " update=" + rs.getInt("UPDATE_RULE")
                            + " delete=" + rs.getInt("DELETE_RULE"));
                }
            }
        }
    }

    /** The {@code information_schema} part of the shape of the connection's current database, normalised and sorted. */
    static List<String> informationSchema(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        informationSchema(c, c.getCatalog(), out);
        return dev.pristine.testkit.SchemaShape.normalise(out, c.getCatalog());
    }

    private static void informationSchema(Connection c, String db, List<String> out) throws SQLException {
        rows(c, "table-options", "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION, CREATE_OPTIONS, TABLE_COMMENT, AUTO_INCREMENT "
                + "FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE <> 'VIEW'", db, out);
        rows(c, "column-details", "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, CHARACTER_SET_NAME, COLLATION_NAME, EXTRA, "
                + "GENERATION_EXPRESSION, COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?", db, out);
        rows(c, "referential", "SELECT CONSTRAINT_NAME, TABLE_NAME, REFERENCED_TABLE_NAME, UNIQUE_CONSTRAINT_NAME, "
                + "MATCH_OPTION, UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS "
                + "WHERE CONSTRAINT_SCHEMA = ?", db, out);
        rows(c, "check", "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                + "WHERE CONSTRAINT_SCHEMA = ?", db, out);
        rows(c, "view", "SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, IS_UPDATABLE, SECURITY_TYPE, ALGORITHM "
                + "FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?", db, out);
        rows(c, "trigger", "SELECT TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_ORDER, ACTION_TIMING, "
                + "ACTION_ORIENTATION, ACTION_STATEMENT, SQL_MODE FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?",
                db, out);
        rows(c, "routine", "SELECT ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_BODY, ROUTINE_DEFINITION, "
                + "IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, SQL_MODE, ROUTINE_COMMENT "
                + "FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?", db, out);
        rows(c, "parameter", "SELECT SPECIFIC_NAME, ORDINAL_POSITION, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER "
                + "FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = ?", db, out);
        rows(c, "event", "SELECT EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE, INTERVAL_VALUE, INTERVAL_FIELD, STATUS, "
                + "ON_COMPLETION, SQL_MODE FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?", db, out);
    }

    private static void rows(Connection c, String kind, String sql, String db, List<String> out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder line = new StringBuilder(kind);
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        line.append(i == 1 ? " " : " ").append(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT))
                                .append('=').append(rs.getString(i));
                    }
                    out.add(line.toString());
                }
            }
        }
    }
}
