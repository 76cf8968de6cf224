package dev.pristine.liquibase;

import java.sql.SQLException;
import liquibase.exception.DatabaseException;

/** The message a user needs from a Liquibase failure: the engine's own words where there are some. */
final class LiquibaseErrors {

    private LiquibaseErrors() {}

    /**
     * The message of the innermost Liquibase {@link DatabaseException} (the engine's message plus the failed
     * SQL), else of the innermost {@link SQLException}, else of the root cause.
     */
    static String message(Throwable failure) {
        DatabaseException database = null;
        SQLException sql = null;
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseException d) {
                database = d;
            }
            if (t instanceof SQLException s) {
                sql = s;
            }
            root = t;
            if (t.getCause() == t) {
                break;
            }
        }
        Throwable best = database != null ? database : sql != null ? sql : root;
        String m = best.getMessage();
        return (m == null ? best.getClass().getSimpleName() : m).strip();
    }
}
