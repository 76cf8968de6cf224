package dev.pristine.postgres;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.util.DriverInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Pristine checks about a server before using it: that it is on this machine (unless remote use is
 * allowed), that it answers, and what it is: its identity for the template key (server major version,
 * the role that builds (it owns what the migrations create), template1's encoding, locale and extensions,
 * the driver's major version).
 *
 * @param versionNum {@code server_version_num}, e.g. 150020
 * @param identity the engine identity for the template key
 */
record PostgresServer(int versionNum, String identity) {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    /** Identities per location, re-read after a minute: reading template1 costs a connection to it. */
    private static final Map<String, Timed> IDENTITIES = new ConcurrentHashMap<>();
    private static final long IDENTITY_TTL_NANOS = 60_000_000_000L;

    private record Timed(PostgresServer server, long at) {}

    /** Connects (always: this is where a wrong URL, user or password shows) and reads what the server is. */
    static PostgresServer inspect(PostgresConnections connections) {
        int version;
        String role;
        try {
            String[] versionAndRole = connections.admin(c -> {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num'), current_user")) {
                    rs.next();
                    return new String[] {rs.getString(1), rs.getString(2)};
                }
            });
            version = Integer.parseInt(versionAndRole[0]);
            role = versionAndRole[1];
        } catch (SQLException e) {
            throw unreachable(connections, e);
        }
        String scope = connections.location() + "|" + connections.user();
        Timed cached = IDENTITIES.get(scope);
        if (cached != null && System.nanoTime() - cached.at() < IDENTITY_TTL_NANOS && cached.server().versionNum() == version) {
            return cached.server();
        }
        String template1;
        try {
            template1 = connections.admin(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT pg_encoding_to_char(encoding) || ' ' || datcollate || '/' || datctype FROM pg_database "
                                + "WHERE datname = 'template1'")) {
                    return rs.next() ? rs.getString(1) : "none";
                }
            });
        } catch (SQLException e) {
            throw unreachable(connections, e);
        }
        // the role is part of what a template is: it owns every object the migrations create
        String identity = "postgres " + version / 10000 + " as " + role + " (template1 " + template1 + "; extensions "
                + extensions(connections) + ") pgjdbc " + DriverInfo.MAJOR_VERSION;
        PostgresServer server = new PostgresServer(version, identity);
        IDENTITIES.put(scope, new Timed(server, System.nanoTime()));
        return server;
    }

    /** The extensions installed in template1, which every build starts from: {@code plpgsql=1.0,…}. */
    private static String extensions(PostgresConnections connections) {
        try (Connection c = connections.open("template1"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(string_agg(extname || '=' || extversion, ',' "
                        + "ORDER BY extname), '') FROM pg_extension")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            LOG.debug("Cannot read the extensions of template1 ({}); the template key will not include them",
                    PostgresErrors.reason(e));
            return "unknown";
        }
    }

    /** The error for a server that cannot be reached or refuses us; never contains the password. */
    static PristineException unreachable(PostgresConnections connections, SQLException e) {
        return new PristineException(PostgresErrors.classify(e) == ErrorCode.UNEXPECTED ? ErrorCode.UNEXPECTED
                : ErrorCode.ENGINE_UNREACHABLE, "cannot use the PostgreSQL server: " + PostgresErrors.reason(e),
                connections.location() + " as " + (connections.user() == null ? "the default user" : connections.user()),
                "check that the server runs and that the URL, user and password are right", e);
    }
}
