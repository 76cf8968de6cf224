package dev.pristine.h2;

import dev.pristine.testkit.EngineContract;
import java.nio.file.Path;
import java.util.Map;

/** The H2 engine with file clones passes the whole engine contract. */
class H2ContractIT extends EngineContract {

    @Override
    protected Map<String, String> engineSettings(Path stateDir) {
        return Map.of("engine", "h2");
    }
}
