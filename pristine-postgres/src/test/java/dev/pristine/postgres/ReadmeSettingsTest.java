package dev.pristine.postgres;

import dev.pristine.testkit.SettingsTable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module README's settings table against the settings the engine declares. */
class ReadmeSettingsTest {

    @Test
    void everySettingHasARowWithItsDefault() {
        SettingsTable.assertDocuments(Path.of("README.md"), new PostgresEngineProvider().settings());
    }
}
