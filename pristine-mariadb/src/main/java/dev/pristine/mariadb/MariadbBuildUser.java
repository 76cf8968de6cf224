package dev.pristine.mariadb;

import dev.pristine.Redact;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The throwaway user a template build runs as: named like the build database ({@code pristine_tpl_<key16>}),
 * with a random password (registered with the redaction, never printed), and {@code ALL} on the build
 * database only. A migration that writes anywhere else ({@code other.t}, {@code DROP DATABASE} built by
 * {@code PREPARE}, a Flyway or Liquibase change) fails with "access denied", whatever the migrator's parser saw.
 * When the build is published the user is locked (nobody can log in as it again; its password was never
 * stored) but kept, because the template's views, triggers and routines name it as their definer: without it
 * the server cannot open those views (clones redefine them without {@code DEFINER}). It is dropped with the
 * template, and with a build that fails or is reaped after a crash.
 *
 * @param name the user name, the build database's name
 * @param host the host part, as the server sees Pristine's connections
 * @param password the random password
 */
record MariadbBuildUser(String name, String host, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String toString() {
        return "MariadbBuildUser[" + account(name, host) + "]";
    }

    /** Creates the user of the build database {@code database}, allowed on that database only. */
    static MariadbBuildUser create(Connection c, String database) throws SQLException {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        // the suffix satisfies password-strength plugins (digit, upper and lower case, punctuation)
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "-Pq7";
        Redact.register(password);
        String host;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SUBSTRING_INDEX(USER(), '@', -1)")) {
            rs.next();
            host = rs.getString(1);
        }
        MariadbBuildUser user = new MariadbBuildUser(MariadbCatalog.checkName(database), host, password);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE USER " + account(database, host) + " IDENTIFIED BY " + literal(password));
            try {
                // in a database-level grant, _ and % are wildcards: escaped, the grant names this database alone
                s.execute("GRANT ALL PRIVILEGES ON " + MariadbCatalog.ident(database.replace("_", "\\_")) + ".* TO "
                        + account(database, host));
            } catch (SQLException e) {
                drop(c, database);
                throw e;
            }
        }
        return user;
    }

    /** Locks the account of a published build: it can never log in again. */
    static void lock(Connection c, MariadbBuildUser user) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER USER " + account(user.name(), user.host()) + " ACCOUNT LOCK");
        }
    }

    /** Drops every account named like the build database {@code database} (any host: a crashed builder may have run elsewhere). */
    static void drop(Connection c, String database) throws SQLException {
        MariadbCatalog.checkName(database);
        List<String> hosts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT Host FROM mysql.user WHERE User = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hosts.add(rs.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String host : hosts) {
                s.execute("DROP USER IF EXISTS " + account(database, host));
            }
        }
    }

    private static String account(String name, String host) {
        return literal(name) + "@" + literal(host);
    }

    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
