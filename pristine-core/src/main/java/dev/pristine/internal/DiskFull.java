package dev.pristine.internal;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises a full disk anywhere in a failure's cause chain, whichever layer reports it, so it is
 * reported as {@link ErrorCode#STORAGE} and not as a broken migration: SQLite ({@code SQLITE_FULL},
 * result code 13, "database or disk is full"), PostgreSQL (SQLSTATE {@code 53100} disk_full), MariaDB and
 * MySQL (error 1021 ER_DISK_FULL, or OS errno 28 in the message) and the file system ({@code ENOSPC},
 * "No space left on device", also inside H2's and the drivers' messages).
 *
 * <p>Stateless and thread-safe.
 */
final class DiskFull {

    private static final String PG_DISK_FULL = "53100";
    private static final int MARIADB_DISK_FULL = 1021;
    private static final Pattern MESSAGE = Pattern.compile(
            "no space left on device|database or disk is full|sqlite_full|\\b(?:errno|errcode|error):? 28\\b");

    private DiskFull() {}

    /** The deepest failure in the chain that says the disk is full (the engine's own words), if one does. */
    static Optional<Throwable> find(Throwable failure) {
        Throwable found = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            String m = t.getMessage();
            if (t instanceof SQLException e && (PG_DISK_FULL.equals(e.getSQLState()) || e.getErrorCode() == MARIADB_DISK_FULL)
                    || m != null && MESSAGE.matcher(m.toLowerCase(Locale.ROOT)).find()) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The error for a full disk, when the chain of {@code failure} says so.
     *
     * @param doing what Pristine was doing, e.g. "building the template"
     * @param location the engine's location: its state directory, or the server's URL (starts with {@code jdbc:})
     * @param consequence what that means for the user, appended to the fix, may be null
     */
    static Optional<PristineException> error(String doing, String location, String consequence, Throwable failure) {
        return find(failure).map(full -> {
            boolean server = location.startsWith("jdbc:");
            String fix = server ? "free space on the database server's disk and run again"
                    : "free space there, or choose another state directory with --state-dir / PRISTINE_STATE_DIR, "
                            + "and run again";
            return new PristineException(ErrorCode.STORAGE,
                    "the disk is full while " + doing + " (" + full.getMessage() + ")",
                    (server ? "database server " : "state directory ") + location,
                    consequence == null ? fix : fix + "; " + consequence, failure);
        });
    }
}
