package dev.pristine.mariadb;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.sql.SQLException;
import java.util.Set;

/** What MariaDB's and MySQL's error numbers and SQLSTATEs mean to Pristine: transient, unreachable, or a name already taken. */
final class MariadbErrors {

    /** Lock wait timeout (1205), deadlock (1213), too many connections (1040), max_user_connections (1203). */
    private static final Set<Integer> TRANSIENT = Set.of(1205, 1213, 1040, 1203);
    /** Access denied for a user (1045) or to a database (1044); the server went away (2002, 2003, 2006, 2013). */
    private static final Set<Integer> UNREACHABLE = Set.of(1045, 1044, 2002, 2003, 2006, 2013);

    static final int DATABASE_EXISTS = 1007;
    static final int DUPLICATE_KEY = 1062;
    static final int LOCK_WAIT_TIMEOUT = 1205;
    static final int NO_SUCH_TABLE = 1146;

    private MariadbErrors() {}

    static int code(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getErrorCode() != 0) {
                return e.getErrorCode();
            }
        }
        return 0;
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PristineException) {
                return false; // already decided: do not retry again
            }
            if (t instanceof SQLException e && (TRANSIENT.contains(e.getErrorCode()) || "40001".equals(e.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static boolean isConnectionLost(SQLException e) {
        String s = e.getSQLState();
        return s == null || s.startsWith("08") || UNREACHABLE.contains(e.getErrorCode());
    }

    static ErrorCode classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PristineException p) {
                return p.code();
            }
            if (t instanceof SQLException e && (UNREACHABLE.contains(e.getErrorCode()) || (e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("28"))))) {
                return ErrorCode.ENGINE_UNREACHABLE;
            }
        }
        return ErrorCode.UNEXPECTED;
    }

    /** The one-line reason of a failure, e.g. {@code 1045 (28000) Access denied for user 'app'@'localhost'}. */
    static String reason(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ").trim();
        m = m.replaceFirst("^\\(conn=\\d+\\) ", "");
        return (e.getErrorCode() == 0 ? "" : e.getErrorCode() + " ") + (e.getSQLState() == null ? "" : "(" + e.getSQLState() + ") ") + m;
    }
}
