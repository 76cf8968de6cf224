package dev.pristine.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.spi.Setting;
import dev.pristine.testkit.SettingsTable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The module README lists the {@code pristine.flyway.*} settings without their {@code flyway.} prefix: exactly those
 * the migrator declares by name (the catch-all {@code flyway} family aside).
 */
class ReadmeSettingsTest {

    @Test
    void theReadmeListsEveryDeclaredFlywaySetting() {
        assertThat(SettingsTable.read(Path.of("README.md")).keySet().stream().map(name -> "flyway." + name))
                .containsExactlyInAnyOrderElementsOf(new FlywayMigratorProvider().settings().stream().map(Setting::name)
                        .filter(name -> !name.equals("flyway")).toList());
    }
}
