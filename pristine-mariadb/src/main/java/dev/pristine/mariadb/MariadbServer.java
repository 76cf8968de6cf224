package dev.pristine.mariadb;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What Pristine checks about a server before using it: that it is on this machine (unless remote use is
 * allowed), that it answers, and what it is: the flavour (MariaDB or MySQL), its major.minor version,
 * and the settings that change what migrations produce ({@code lower_case_table_names}, global
 * {@code sql_mode}, default character set and collation), plus Connector/J's major version. All of it
 * goes into the template key.
 *
 * @param mariadb whether the server is MariaDB (false: MySQL)
 * @param major the major version, e.g. 10
 * @param minor the minor version, e.g. 11
 * @param identity the engine identity for the template key
 */
record MariadbServer(boolean mariadb, int major, int minor, String identity) {

    /** Connects and reads what the server is. */
    static MariadbServer inspect(MariadbConnections connections) {
        try {
            return connections.admin(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION(), "
                        + "@@lower_case_table_names, @@GLOBAL.sql_mode, @@character_set_server, @@collation_server")) {
                    rs.next();
                    String version = rs.getString(1);
                    boolean mariadb = version.toLowerCase(Locale.ROOT).contains("mariadb");
                    String[] parts = version.split("[.-]");
                    int major = Integer.parseInt(parts[0]);
                    int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
                    String identity = (mariadb ? "mariadb " : "mysql ") + major + "." + minor
                            + " (lower_case_table_names=" + rs.getInt(2) + "; sql_mode=" + rs.getString(3)
                            + "; " + rs.getString(4) + "/" + rs.getString(5) + ") mariadb-java-client "
                            + new org.mariadb.jdbc.Driver().getMajorVersion();
                    return new MariadbServer(mariadb, major, minor, identity);
                }
            });
        } catch (SQLException e) {
            throw unreachable(connections, e);
        }
    }

    /** The error for a server that cannot be reached or refuses us; never contains the password. */
    static PristineException unreachable(MariadbConnections connections, SQLException e) {
        return new PristineException(MariadbErrors.classify(e) == ErrorCode.UNEXPECTED ? ErrorCode.UNEXPECTED
                : ErrorCode.ENGINE_UNREACHABLE, "cannot use the MariaDB/MySQL server: " + MariadbErrors.reason(e),
                connections.location() + " as " + (connections.user() == null ? "the default user" : connections.user()),
                "check that the server runs and that the URL, user and password are right", e);
    }
}
