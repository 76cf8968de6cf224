package dev.pristine.cucumber;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.CoreSettings;
import dev.pristine.PristineSettings;
import dev.pristine.spi.Setting;
import dev.pristine.testkit.SettingsTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The root README's configuration table against the settings registry. It lives here because this module's test
 * class path holds every module whose settings that table lists: core (with the plain SQL migrator), the SQLite
 * engine and the Cucumber glue.
 */
class ReadmeSettingsTest {

    private static final Path README = Path.of("../README.md");

    @Test
    void everySettingOfCoreSqliteAndTheGlueHasARowWithItsDefault() {
        assertThat(CoreSettings.ALL).isNotEmpty();
        SettingsTable.assertDocuments(README, PristineSettings.known());
    }

    @Test
    void everyRowIsADeclaredSetting() {
        List<Setting<?>> known = PristineSettings.known();

        assertThat(SettingsTable.read(README).keySet()).isNotEmpty().allSatisfy(name -> assertThat(known)
                .as("pristine.%s is declared", name).anyMatch(s -> s.name().equals(name)));
    }
}
