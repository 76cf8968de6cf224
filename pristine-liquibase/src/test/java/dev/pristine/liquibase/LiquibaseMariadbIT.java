package dev.pristine.liquibase;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Liquibase templates build and clone on the local MariaDB ({@code PRISTINE_MARIADB_URL}, default
 * {@code jdbc:mariadb://127.0.0.1:3306/}, user {@code PRISTINE_MARIADB_USER}, default {@code root},
 * password {@code PRISTINE_MARIADB_PASSWORD}).
 */
class LiquibaseMariadbIT extends LiquibaseEngineContract {

    @Override
    protected Map<String, String> engineSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("engine", "mariadb");
        s.put("url", System.getenv().getOrDefault("PRISTINE_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/"));
        s.put("user", System.getenv().getOrDefault("PRISTINE_MARIADB_USER", "root"));
        String password = System.getenv().getOrDefault("PRISTINE_MARIADB_PASSWORD", "");
        if (!password.isEmpty()) {
            s.put("password", password);
        }
        return s;
    }
}
