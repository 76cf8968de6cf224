package dev.pristine.liquibase;

import java.util.Map;

/** Liquibase templates build and clone on SQLite. */
class LiquibaseSqliteIT extends LiquibaseEngineContract {

    @Override
    protected Map<String, String> engineSettings() {
        return Map.of("engine", "sqlite");
    }
}
