package dev.pristine.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The local server the tests use: {@code PRISTINE_PG_URL}, default 127.0.0.1:5432, user {@code postgres}. */
final class PostgresTestServer {

    static final String URL = System.getenv().getOrDefault("PRISTINE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = System.getenv().getOrDefault("PRISTINE_PG_USER", "postgres");

    private PostgresTestServer() {}

    /** Settings that select the local server. */
    static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("engine", "postgres");
        s.put("url", URL);
        s.put("user", USER);
        // the server outlives test runs: let every start-up reap the templates of runs older than an hour
        s.put("template-retention", "1h");
        return s;
    }

    /** A superuser connection to the admin database; fails loudly when the server is missing. */
    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, null);
    }
}
