package dev.pristine.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.Migrations;
import dev.pristine.Pristine;
import dev.pristine.TestDatabase;
import dev.pristine.spi.Engine;
import dev.pristine.testkit.EngineContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The H2 engine with in-memory clones, in a compatibility mode, passes the whole engine contract too. */
class H2MemoryContractIT extends EngineContract {

    @Override
    protected Map<String, String> engineSettings(Path stateDir) {
        return Map.of("engine", "h2", "h2.clones", "memory", "h2.mode", "PostgreSQL");
    }

    /** In-memory clones are copied from the template this JVM loaded, so losing the file costs no rebuild. */
    @Test
    @Override
    protected void aTemplateDroppedFromUnderALiveProcessIsBuiltAgainByItsNextAcquire() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (Pristine p = builder().migrator(counting(Migrations.sqlDirectory(migrations), runs)).poolSize(0).build()) {
            p.acquire("before").close();
            try (Engine engine = inspectEngine()) {
                engine.dropTemplate(p.key());
                assertThat(engine.findTemplate(p.key())).isEmpty();
            }
            try (TestDatabase db = p.acquire("after")) {
                assertThat(count(db, "SELECT COUNT(*) FROM tag")).isEqualTo(1);
            }
            assertThat(runs.get()).as("served from the template loaded in memory").isEqualTo(1);
        }
    }
}
