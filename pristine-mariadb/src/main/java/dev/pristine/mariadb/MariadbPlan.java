package dev.pristine.mariadb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything needed to copy one template into a new database, read once per template (a published
 * template never changes): each table's {@code SHOW CREATE TABLE} (foreign keys, checks, partitions,
 * {@code AUTO_INCREMENT=n} included) with the columns to copy and whether it has rows, then stored
 * routines, views in dependency order, triggers in their firing order, and events, each with the
 * {@code sql_mode} it was created under. Statements keep the template's name; {@link #rewrite} turns
 * them into statements for a clone.
 *
 * @param template the template database
 * @param charset its default character set
 * @param collation its default collation
 * @param tables base tables, sequences and system-versioned tables
 * @param routines procedures and functions
 * @param views views, each after the views it reads
 * @param triggers triggers, per table in firing order
 * @param events events
 */
record MariadbPlan(String template, String charset, String collation, List<Table> tables, List<Definition> routines,
        List<Definition> views, List<Definition> triggers, List<Definition> events) {

    /** The session {@code sql_mode} Pristine reads and replays table and view definitions under. */
    static final String COPY_SQL_MODE = "NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION";

    /**
     * A table to create and fill.
     *
     * @param name the table name
     * @param create its {@code SHOW CREATE TABLE}
     * @param columns the quoted, comma-separated columns to copy (generated and system-versioning columns left out)
     * @param hasRows whether the template's table has rows
     * @param type its {@code TABLE_TYPE}: {@code BASE TABLE}, {@code SEQUENCE} or {@code SYSTEM VERSIONED}
     */
    record Table(String name, String create, String columns, boolean hasRows, String type) {

        /** Whether its rows can be restored with {@code DELETE} and {@code INSERT … SELECT} (not a sequence or history). */
        boolean restorable() {
            return type.equalsIgnoreCase("BASE TABLE");
        }
    }

    /**
     * A routine, view, trigger or event.
     *
     * @param name its name
     * @param sqlMode the {@code sql_mode} it was created under (null: {@link #COPY_SQL_MODE})
     * @param timeZone the time zone it was created under (events), or null
     * @param create its {@code CREATE} statement, without {@code DEFINER}
     * @param table the table a trigger belongs to, else null
     */
    record Definition(String name, String sqlMode, String timeZone, String create, String table) {}

    private static final Pattern DEFINER = Pattern.compile("(?is)^(\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?"
            + "(?:ALGORITHM\\s*=\\s*\\w+\\s+)?)DEFINER\\s*=\\s*(?:`(?:[^`]|``)*`|'(?:[^']|'')*'|[^\\s@]+)"
            + "(?:\\s*@\\s*(?:`(?:[^`]|``)*`|'(?:[^']|'')*'|[^\\s]+))?\\s+");
    private static final Pattern GENERATED = Pattern.compile("(?i)(VIRTUAL|STORED|PERSISTENT) GENERATED|ROW START|ROW END");

    /** Every statement count, for logs. */
    int objects() {
        return tables.size() + routines.size() + views.size() + triggers.size() + events.size();
    }

    /** Reads the plan of {@code template}; the connection's current database and sql_mode change. */
    static MariadbPlan read(Connection c, String template) throws SQLException {
        String charset;
        String collation;
        try (PreparedStatement ps = c.prepareStatement("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME "
                + "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, template);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("Unknown database '" + template + "'", "42000", 1049);
                }
                charset = rs.getString(1);
                collation = rs.getString(2);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("USE " + MariadbCatalog.ident(template));
            s.execute("SET SESSION sql_mode = '" + COPY_SQL_MODE + "'");
        }
        List<String> tableNames = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        List<String> viewNames = new ArrayList<>();
        for (String[] row : query(c, "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? "
                + "ORDER BY TABLE_NAME", template)) {
            if (row[1].equalsIgnoreCase("VIEW")) {
                viewNames.add(row[0]);
            } else if (!row[1].equalsIgnoreCase("TEMPORARY")) {
                tableNames.add(row[0]);
                types.put(row[0], row[1]);
            }
        }
        Map<String, List<String>> columns = new HashMap<>();
        for (String[] row : query(c, "SELECT TABLE_NAME, COLUMN_NAME, EXTRA FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION", template)) {
            if (row[2] == null || !GENERATED.matcher(row[2]).find()) {
                columns.computeIfAbsent(row[0], k -> new ArrayList<>()).add(MariadbCatalog.ident(row[1]));
            }
        }
        Set<String> nonEmpty = nonEmpty(c, tableNames);
        List<Table> tables = new ArrayList<>();
        for (String t : tableNames) {
            String create = showCreate(c, "TABLE", t, 2);
            List<String> cols = columns.getOrDefault(t, List.of());
            tables.add(new Table(t, create, String.join(", ", cols), nonEmpty.contains(t), types.get(t)));
        }
        List<Definition> routines = new ArrayList<>();
        for (String[] row : query(c, "SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES "
                + "WHERE ROUTINE_SCHEMA = ? AND ROUTINE_TYPE IN ('PROCEDURE', 'FUNCTION') ORDER BY ROUTINE_TYPE, ROUTINE_NAME",
                template)) {
            routines.add(definition(c, row[1], row[0], 3, 0, null));
        }
        Map<String, Definition> views = new LinkedHashMap<>();
        for (String v : viewNames) {
            views.put(v, new Definition(v, null, null, withoutDefiner(showCreate(c, "VIEW", v, 2)), null));
        }
        List<Definition> triggers = new ArrayList<>();
        for (String[] row : query(c, "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS "
                + "WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER", template)) {
            triggers.add(definition(c, "TRIGGER", row[0], 3, 0, row[1]));
        }
        List<Definition> events = new ArrayList<>();
        for (String[] row : query(c, "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? "
                + "ORDER BY EVENT_NAME", template)) {
            events.add(definition(c, "EVENT", row[0], 4, 3, null));
        }
        return new MariadbPlan(template, charset, collation, List.copyOf(tables), List.copyOf(routines),
                orderViews(views), List.copyOf(triggers), List.copyOf(events));
    }

    /** The statements of this plan for a clone named {@code clone}: every mention of the template's name becomes the clone's. */
    static String rewrite(String sql, String template, String clone) {
        return sql.replaceAll("(?<![A-Za-z0-9_$])" + Pattern.quote(template) + "(?![A-Za-z0-9_$])", Matcher.quoteReplacement(clone));
    }

    /** The statement without its {@code DEFINER} clause, so the object is defined by the user who makes the clone. */
    static String withoutDefiner(String create) {
        return DEFINER.matcher(create).replaceFirst("$1");
    }

    private static Definition definition(Connection c, String kind, String name, int createColumn, int timeZoneColumn,
            String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW CREATE " + kind + " " + MariadbCatalog.ident(name))) {
            if (!rs.next() || rs.getString(createColumn) == null) {
                throw new SQLException("cannot read the definition of " + kind.toLowerCase(java.util.Locale.ROOT) + " "
                        + name + ": the user lacks the privilege to see it", "42000");
            }
            return new Definition(name, rs.getString(2), timeZoneColumn == 0 ? null : rs.getString(timeZoneColumn),
                    withoutDefiner(rs.getString(createColumn)), table);
        }
    }

    private static String showCreate(Connection c, String kind, String name, int column) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW CREATE " + kind + " " + MariadbCatalog.ident(name))) {
            rs.next();
            return rs.getString(column);
        }
    }

    /** The tables that have at least one row, asked in one round trip per 50 tables. */
    private static Set<String> nonEmpty(Connection c, List<String> tables) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        for (int from = 0; from < tables.size(); from += 50) {
            StringBuilder sql = new StringBuilder();
            for (int i = from; i < Math.min(tables.size(), from + 50); i++) {
                sql.append(i == from ? "" : " UNION ALL ").append("SELECT ").append(i).append(" AS n, EXISTS(SELECT 1 FROM ")
                        .append(MariadbCatalog.ident(tables.get(i))).append(") AS e");
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        out.add(tables.get(rs.getInt(1)));
                    }
                }
            }
        }
        return out;
    }

    /** Views ordered so that each comes after the views its definition names (a cycle cannot occur; ties keep name order). */
    private static List<Definition> orderViews(Map<String, Definition> views) {
        List<Definition> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String v : views.keySet()) {
            visit(v, views, done, visiting, out);
        }
        return List.copyOf(out);
    }

    private static void visit(String v, Map<String, Definition> views, Set<String> done, Set<String> visiting,
            List<Definition> out) {
        if (done.contains(v) || !visiting.add(v)) {
            return;
        }
        String sql = views.get(v).create();
        int as = sql.indexOf(" AS ");
        String body = as < 0 ? sql : sql.substring(as);
        for (String other : views.keySet()) {
            if (!other.equals(v) && body.contains(MariadbCatalog.ident(other))) {
                visit(other, views, done, visiting, out);
            }
        }
        visiting.remove(v);
        done.add(v);
        out.add(views.get(v));
    }

    private static List<String[]> query(Connection c, String sql, String param) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}
