package dev.pristine.mariadb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import dev.pristine.testkit.TestServers;
import java.util.Map;

/** The server the tests use: {@code PRISTINE_MARIADB_URL} (default the local MariaDB), user root, no password. */
final class MariadbTestServer {

    static final String URL = TestServers.MARIADB_URL;
    static final String USER = TestServers.MARIADB_USER;
    static final String PASSWORD = TestServers.MARIADB_PASSWORD;

    /** The password of the {@code pristine_contract} user: the contract's {@code SECRET}, so every test agrees on it. */
    static final String CONTRACT_PASSWORD = "Pr1st1ne-s3cret-Value";

    private MariadbTestServer() {}

    /** The {@code pristine.*} settings that reach the test server. */
    static Map<String, String> settings() {
        return TestServers.mariadb();
    }

    /**
     * The settings of a user with a password ({@code pristine_contract}), created on the test server when
     * absent with every privilege Pristine needs, so that the password paths are exercised for real.
     *
     * @param password the password to give it
     */
    static Map<String, String> settingsWithPassword(String password) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String host : new String[] {"localhost", "127.0.0.1", "::1"}) {
                String account = "'pristine_contract'@'" + host + "'";
                s.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "'");
                s.execute("ALTER USER " + account + " IDENTIFIED BY '" + password + "'");
                s.execute("GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test user on " + URL + " (is MariaDB running? "
                    + "set PRISTINE_MARIADB_URL / _USER / _PASSWORD): " + e.getMessage(), e);
        }
        Map<String, String> s = settings();
        s.put("user", "pristine_contract");
        s.put("password", password);
        return s;
    }

    /** Drops a template a test built (a test's template is of no use to anyone after it). */
    static void dropTemplate(dev.pristine.PreparedTemplate template) {
        if (template == null) {
            return;
        }
        Map<String, String> s = settings();
        try (var engine = new MariadbEngineProvider().create(new dev.pristine.spi.EngineSettings(s.get("url"), s.get("user"),
                s.get("password"), java.nio.file.Path.of("."), false, Map.of()))) {
            engine.dropTemplate(template.key());
        } catch (Exception e) {
            throw new IllegalStateException("cannot drop the template " + template.template(), e);
        }
    }

    /** An admin connection to the test server; fails loudly when the server is not there. */
    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** An admin connection with {@code database} as its current database. */
    static Connection connect(String database) throws SQLException {
        Connection c = connect();
        c.setCatalog(database);
        return c;
    }
}
