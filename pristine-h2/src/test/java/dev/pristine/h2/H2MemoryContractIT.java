package dev.pristine.h2;

import dev.pristine.testkit.EngineContract;
import java.nio.file.Path;
import java.util.Map;

/** The H2 engine with in-memory clones, in a compatibility mode, passes the whole engine contract too. */
class H2MemoryContractIT extends EngineContract {

    @Override
    protected Map<String, String> engineSettings(Path stateDir) {
        return Map.of("engine", "h2", "h2.clones", "memory", "h2.mode", "PostgreSQL");
    }
}
