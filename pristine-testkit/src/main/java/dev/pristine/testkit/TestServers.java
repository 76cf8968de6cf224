package dev.pristine.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database servers the tests of every module use, from the environment: {@code PRISTINE_PG_URL} /
 * {@code PRISTINE_PG_USER} (default the local PostgreSQL as {@code postgres}) and {@code PRISTINE_MARIADB_URL} /
 * {@code PRISTINE_MARIADB_USER} / {@code PRISTINE_MARIADB_PASSWORD} (default the local MariaDB as {@code root}, no
 * password). A test that needs a server fails loudly when it is missing; none skips.
 */
public final class TestServers {

    public static final String PG_URL = System.getenv().getOrDefault("PRISTINE_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String PG_USER = System.getenv().getOrDefault("PRISTINE_PG_USER", "postgres");
    public static final String MARIADB_URL = System.getenv().getOrDefault("PRISTINE_MARIADB_URL",
            "jdbc:mariadb://127.0.0.1:3306/");
    public static final String MARIADB_USER = System.getenv().getOrDefault("PRISTINE_MARIADB_USER", "root");
    public static final String MARIADB_PASSWORD = System.getenv().getOrDefault("PRISTINE_MARIADB_PASSWORD", "");

    private TestServers() {}

    /** The {@code pristine.*} settings that select the PostgreSQL test server. */
    public static Map<String, String> postgres() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("engine", "postgres");
        s.put("url", PG_URL);
        s.put("user", PG_USER);
        // the server outlives test runs: let every start-up reap the templates of runs older than an hour
        s.put("template-retention", "1h");
        return s;
    }

    /** The {@code pristine.*} settings that select the MariaDB test server. */
    public static Map<String, String> mariadb() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("engine", "mariadb");
        s.put("url", MARIADB_URL);
        s.put("user", MARIADB_USER);
        if (!MARIADB_PASSWORD.isEmpty()) {
            s.put("password", MARIADB_PASSWORD);
        }
        return s;
    }
}
