package dev.pristine.flyway;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * Turns Flyway's multi-line failures into Pristine's one-line {@code what, value, fix} errors: the script
 * (or Java migration class), the line, the statement and the engine's own message.
 *
 * <p>Thread-safe (stateless).
 */
final class FlywayErrors {

    static final String FIX = "fix the migration and run again; no template was published for it";
    private static final int MAX_STATEMENT = 120;
    private static final int MAX_MESSAGE = 400;

    private FlywayErrors() {}

    /** A {@code MIGRATION_FAILED} error for a failure while Flyway migrated the template build database. */
    static PristineException migrationFailed(FlywayException e, String describe) {
        FlywayMigrateException migrate = find(e, FlywayMigrateException.class);
        FlywaySqlScriptException script = find(e, FlywaySqlScriptException.class);
        String name = null;
        if (migrate != null && migrate.getMigration() != null) {
            name = migrate.getMigration().getScript();
        }
        if (name == null && script != null && script.getResource() != null) {
            name = script.getResource().getRelativePath();
        }
        if (name == null) {
            return new PristineException(ErrorCode.MIGRATION_FAILED, "Flyway failed: " + oneLine(e.getMessage()),
                    describe, "fix the migrations or the Flyway configuration and run again; "
                            + "no template was published for it", e);
        }
        int line = script != null ? script.getLineNumber() : migrate.getLineNumber();
        StringBuilder what = new StringBuilder("Flyway migration ").append(name).append(" failed");
        if (line > 0) {
            what.append(" at line ").append(line);
        }
        what.append(": ").append(engineMessage(e));
        String statement = script != null ? script.getStatement() : null;
        Object value = statement != null && !statement.isBlank() ? "statement `" + excerpt(statement) + "`"
                : migrate != null && migrate.getAbsolutePathOnDisk() != null ? migrate.getAbsolutePathOnDisk()
                : describe;
        return new PristineException(ErrorCode.MIGRATION_FAILED, what.toString(), value, FIX, e);
    }

    /** The most specific message: the database's own (SQLException), else the deepest cause's, else Flyway's. */
    private static String engineMessage(Throwable e) {
        SQLException sql = find(e, SQLException.class);
        if (sql != null && sql.getMessage() != null) {
            return oneLine(sql.getMessage());
        }
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                deepest = t;
            }
        }
        String m = deepest.getMessage();
        return m == null ? deepest.getClass().getName() : deepest == e ? oneLine(m)
                : deepest.getClass().getSimpleName() + ": " + oneLine(m);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Flyway's framed multi-line message as one line: blank and {@code ----} lines dropped. */
    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        List<String> parts = new ArrayList<>();
        for (String l : message.split("\\R")) {
            String t = l.strip();
            if (!t.isEmpty() && !t.chars().allMatch(ch -> ch == '-')) {
                parts.add(t);
            }
        }
        String s = String.join(" ", parts);
        return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE - 3) + "..." : s;
    }

    private static String excerpt(String sql) {
        String s = sql.replaceAll("\\s+", " ").trim();
        return s.length() > MAX_STATEMENT ? s.substring(0, MAX_STATEMENT - 3) + "..." : s;
    }
}
