package dev.pristine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What each test does on its database: a few statements, with {@code :id} replaced by a number unique
 * to the test, so that even the shared-database mode runs collision-free.
 */
record Work(String description, List<String> statements) {

    /** The default work on the generated schema: two inserts, an update, a join and a count. */
    static Work generated() {
        return new Work("2 inserts, 1 update, 2 queries on the generated schema", List.of(
                "INSERT INTO t01 (id, name, amount, note, created_at) VALUES (:id, 'test :id', 1.00, 'bench', '2025-06-01 12:00:00')",
                "INSERT INTO t02 (id, name, amount, note, created_at, parent_id) VALUES (:id, 'child :id', 2.00, 'bench', '2025-06-01 12:00:00', :id)",
                "UPDATE t01 SET amount = amount + 1 WHERE id = :id",
                "SELECT t01.name, t02.name FROM t01 JOIN t02 ON t02.parent_id = t01.id WHERE t01.id = :id",
                "SELECT COUNT(*) FROM t03"));
    }

    /** Statements from a file, split on semicolons at line ends. */
    static Work fromFile(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String s : Files.readString(file).split(";\\s*(\\r?\\n|$)")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return new Work("statements of " + file.getFileName(), out);
    }

    /** Read-only work for a schema we know nothing about: count the rows of up to five tables. */
    static Work discover(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        List<String> lower = new ArrayList<>();
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String l = name.toLowerCase(java.util.Locale.ROOT);
                if (!l.startsWith("flyway") && !l.startsWith("sqlite_")) {
                    lower.add(l);
                    if (tables.size() < 5) {
                        tables.add(name);
                    }
                }
            }
        }
        if (lower.contains("t01") && lower.contains("t02") && lower.contains("t03")) {
            return generated();
        }
        List<String> statements = new ArrayList<>();
        for (String t : tables) {
            statements.add("SELECT COUNT(*) FROM " + md.getIdentifierQuoteString() + t + md.getIdentifierQuoteString());
        }
        if (statements.isEmpty()) {
            statements.add("SELECT 1");
        }
        return new Work("row counts of " + tables + " (pass --work-sql for realistic work)", statements);
    }

    /** Runs the work for test {@code id}. */
    void run(Connection c, long id) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                String q = sql.replace(":id", Long.toString(id));
                if (s.execute(q)) {
                    try (ResultSet rs = s.getResultSet()) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                }
            }
        }
    }
}
