package dev.pristine.postgres;

import dev.pristine.testkit.EngineContract;
import java.nio.file.Path;
import java.util.Map;

/**
 * The engine contract on the embedded server (no URL): each test's state directory gets its own server,
 * which the contract's child JVMs share with the test JVM, and which the last of them stops.
 */
class EmbeddedPostgresContractIT extends EngineContract {

    @Override
    protected Map<String, String> engineSettings(Path stateDir) {
        return Map.of("engine", "postgres");
    }
}
