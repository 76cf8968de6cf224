package dev.pristine.h2;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.EngineSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user who got the H2 configuration wrong reads, word for word. */
class ConfigurationErrorsTest {

    @TempDir
    Path dir;

    private void create(String url, Map<String, String> properties) {
        new H2EngineProvider().create(new EngineSettings(url, null, null, dir, false, properties)).close();
    }

    private static void fails(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(PristineException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void initIsRefusedBecauseItWouldRunOnEveryConnection() {
        fails(() -> create("jdbc:h2:mem:test;MODE=PostgreSQL;INIT=RUNSCRIPT FROM 'schema.sql'", Map.of()),
                "Pristine sets or refuses this H2 setting itself, INIT in pristine.url, put what INIT runs into your "
                        + "migrations: it would run again on every connection to a clone");
    }

    @Test
    void settingsPristineOwnsAreRefused() {
        fails(() -> create(null, Map.of("h2-settings", "DB_CLOSE_DELAY=-1")),
                "Pristine sets or refuses this H2 setting itself, DB_CLOSE_DELAY in pristine.h2.settings, remove it; "
                        + "users and passwords go in pristine.user / pristine.password");
    }

    @Test
    void aServerUrlIsRefused() {
        fails(() -> create("jdbc:h2:tcp://localhost/~/test", Map.of()),
                "the h2 engine runs H2 embedded and keeps its databases in the state directory, "
                        + "jdbc:h2:tcp://localhost/~/test, give a URL only for its settings (jdbc:h2:mem:;MODE=PostgreSQL), "
                        + "or remove --url / pristine.url");
    }

    @Test
    void aMalformedSettingIsNamed() {
        fails(() -> create(null, Map.of("h2-settings", "MODE=MySQL;NONSENSE")),
                "an H2 setting is not NAME=value, NONSENSE, write pristine.h2.settings as NAME=value;NAME=value, "
                        + "e.g. MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    }

    @Test
    void anUnknownKindOfCloneIsNamed() {
        fails(() -> create(null, Map.of("h2-clones", "disk")),
                "unknown kind of H2 clone, h2.clones=disk, use file (the default: clones are files, usable from any "
                        + "process) or memory (clones live in this JVM)");
    }
}
