package dev.pristine.liquibase;

import dev.pristine.testkit.SettingsTable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module README's settings table against the settings the migrator declares. */
class ReadmeSettingsTest {

    @Test
    void everySettingHasARow() {
        SettingsTable.assertDocuments(Path.of("README.md"), new LiquibaseMigratorProvider().settings());
    }
}
