package dev.pristine.postgres;

import dev.pristine.spi.Engine;
import dev.pristine.testkit.EngineContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The engine contract on the embedded server (no URL). Each test's state directory gets its own server;
 * like a surefire fork with a long-lived Pristine, the test JVM keeps it up for the whole test (so the
 * contract's many short-lived Pristine instances do not each restart it), the contract's child JVMs join
 * it, and the test stops it at the end as the last one out. Starting and stopping is
 * {@link EmbeddedPostgresIT}'s subject.
 */
class EmbeddedPostgresContractIT extends EngineContract {

    private Engine holder;

    @Override
    protected Map<String, String> engineSettings(Path stateDir) {
        return Map.of("engine", "postgres");
    }

    @BeforeEach
    void startTheServer() {
        holder = inspectEngine();
    }

    @AfterEach
    void stopTheServer() {
        holder.close();
    }
}
