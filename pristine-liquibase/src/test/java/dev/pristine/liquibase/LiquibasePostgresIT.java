package dev.pristine.liquibase;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Liquibase templates build and clone on the local PostgreSQL ({@code PRISTINE_PG_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user {@code PRISTINE_PG_USER}, default {@code postgres}).
 */
class LiquibasePostgresIT extends LiquibaseEngineContract {

    @Override
    protected Map<String, String> engineSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("engine", "postgres");
        s.put("url", System.getenv().getOrDefault("PRISTINE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"));
        s.put("user", System.getenv().getOrDefault("PRISTINE_PG_USER", "postgres"));
        return s;
    }
}
