package dev.pristine.postgres;

import dev.pristine.testkit.EngineContract;
import java.nio.file.Path;
import java.util.Map;

/** The PostgreSQL engine passes the whole engine contract on the local server ({@code PRISTINE_PG_URL}). */
class PostgresContractIT extends EngineContract {

    @Override
    protected Map<String, String> engineSettings(Path stateDir) {
        return PostgresTestServer.settings();
    }
}
