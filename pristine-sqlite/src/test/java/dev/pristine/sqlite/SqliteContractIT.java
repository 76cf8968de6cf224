package dev.pristine.sqlite;

import dev.pristine.testkit.EngineContract;
import java.nio.file.Path;
import java.util.Map;

/** The SQLite engine passes the whole engine contract. */
class SqliteContractIT extends EngineContract {

    @Override
    protected Map<String, String> engineSettings(Path stateDir) {
        return Map.of("engine", "sqlite");
    }
}
