package dev.pristine.liquibase;

import java.util.Map;

/** Liquibase templates build and clone on H2 (file clones, H2's own mode). */
class LiquibaseH2IT extends LiquibaseEngineContract {

    @Override
    protected Map<String, String> engineSettings() {
        return Map.of("engine", "h2");
    }
}
