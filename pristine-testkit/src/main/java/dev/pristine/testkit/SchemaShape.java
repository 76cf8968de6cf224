package dev.pristine.testkit;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structure of one database as sorted, comparable lines — tables, views, columns, primary keys,
 * indexes and foreign keys, from {@link DatabaseMetaData}, which every JDBC driver has — with the
 * database's own name replaced by {@code <db>}, so that two databases built alike compare equal.
 * Engines add what only they can see (triggers, routines, check constraints) through
 * {@link EngineContract#shape(Connection)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class SchemaShape {

    private static final String[] TYPES = {"TABLE", "VIEW"};

    private SchemaShape() {}

    /** The portable shape of the connection's current database (its current schema where it has schemas). */
    public static List<String> portable(Connection c) throws SQLException {
        String catalog = c.getCatalog();
        String schema = c.getSchema();
        DatabaseMetaData md = c.getMetaData();
        List<String> out = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = md.getTables(catalog, schema, "%", TYPES)) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (name.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
                    continue;
                }
                out.add("table " + name + " type=" + rs.getString("TABLE_TYPE"));
                tables.add(name);
            }
        }
        for (String t : tables) {
            try (ResultSet rs = md.getColumns(catalog, schema, t, "%")) {
                while (rs.next()) {
                    out.add("column " + t + "." + rs.getString("COLUMN_NAME") + " #" + rs.getInt("ORDINAL_POSITION") + " "
                            + rs.getString("TYPE_NAME") + "(" + rs.getInt("COLUMN_SIZE") + "," + rs.getInt("DECIMAL_DIGITS")
                            + ") nullable=" + rs.getString("IS_NULLABLE") + " default=" + rs.getString("COLUMN_DEF"));
                }
            }
            try (ResultSet rs = md.getPrimaryKeys(catalog, schema, t)) {
                while (rs.next()) {
                    out.add("primary key " + t + " " + rs.getString("COLUMN_NAME") + " #" + rs.getInt("KEY_SEQ"));
                }
            }
            try (ResultSet rs = md.getIndexInfo(catalog, schema, t, false, false)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null) {
                        out.add("index " + t + "." + rs.getString("INDEX_NAME") + " unique=" + !rs.getBoolean("NON_UNIQUE")
                                + " " + rs.getString("COLUMN_NAME") + " #" + rs.getInt("ORDINAL_POSITION"));
                    }
                }
            }
            try (ResultSet rs = md.getImportedKeys(catalog, schema, t)) {
                while (rs.next()) {
                    out.add("foreign key " + t + "." + rs.getString("FKCOLUMN_NAME") + " -> " + rs.getString("PKTABLE_NAME")
                            + "." + rs.getString("PKCOLUMN_NAME") + " #" + rs.getInt("KEY_SEQ") + " update="
                            + rs.getInt("UPDATE_RULE") + " delete=" + rs.getInt("DELETE_RULE"));
                }
            }
        }
        return normalise(out, catalog);
    }

    /** Sorts the lines and replaces the database name with {@code <db>}. */
    public static List<String> normalise(List<String> lines, String databaseName) {
        List<String> out = new ArrayList<>();
        Pattern name = databaseName == null || databaseName.isEmpty() ? null
                : Pattern.compile("(?<![A-Za-z0-9_$])" + Pattern.quote(databaseName) + "(?![A-Za-z0-9_$])");
        for (String line : lines) {
            out.add(name == null ? line : name.matcher(line).replaceAll(Matcher.quoteReplacement("<db>")));
        }
        out.sort(null);
        return out;
    }
}
