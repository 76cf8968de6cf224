package dev.pristine.postgres;

import dev.pristine.testkit.Schemas;
import dev.pristine.testkit.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The local server the tests use: {@code PRISTINE_PG_URL}, default 127.0.0.1:5432, user {@code postgres}. */
final class PostgresTestServer {

    static final String URL = TestServers.PG_URL;
    static final String USER = TestServers.PG_USER;

    private PostgresTestServer() {}

    /** Settings that select the local server. */
    static Map<String, String> settings() {
        return TestServers.postgres();
    }

    /** Settings for the embedded server of {@code work}/state, on the portable schema, without a pool. */
    static Map<String, String> embedded(Path work) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("engine", "postgres");
        s.put("state-dir", work.resolve("state").toString());
        s.put("migrations", Schemas.portable(work).toString());
        s.put("pool-size", "0");
        return s;
    }

    /** A superuser connection to the admin database; fails loudly when the server is missing. */
    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, null);
    }
}
