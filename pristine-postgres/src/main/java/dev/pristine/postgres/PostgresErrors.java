package dev.pristine.postgres;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.sql.SQLException;
import java.util.Set;

/** What PostgreSQL's SQLSTATEs mean to Pristine: transient, unreachable, or a name already taken. */
final class PostgresErrors {

    /** The object is in use (55006), the server is starting (57P03), too many connections (53300), lock or serialization conflicts. */
    private static final Set<String> TRANSIENT = Set.of("55006", "57P03", "53300", "53400", "40001", "40P01", "55P03");

    static final String DUPLICATE_DATABASE = "42P04";
    static final String OBJECT_IN_USE = "55006";
    static final String INVALID_CATALOG_NAME = "3D000";
    static final String INSUFFICIENT_PRIVILEGE = "42501";

    private PostgresErrors() {}

    static String state(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null) {
                return e.getSQLState();
            }
        }
        return "";
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PristineException) {
                return false; // already decided (e.g. 55006 that persisted): do not retry again
            }
            if (t instanceof SQLException e && e.getSQLState() != null && TRANSIENT.contains(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean isConnectionLost(SQLException e) {
        String s = e.getSQLState();
        return s == null || s.startsWith("08") || s.startsWith("57P");
    }

    static ErrorCode classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PristineException p) {
                return p.code();
            }
            if (t instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("28"))) {
                return ErrorCode.ENGINE_UNREACHABLE;
            }
        }
        return ErrorCode.UNEXPECTED;
    }

    /** The one-line reason of a failure, e.g. {@code 28P01 password authentication failed for user "app"}. */
    static String reason(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ").trim();
        return (e.getSQLState() == null ? "" : e.getSQLState() + " ") + m;
    }
}
