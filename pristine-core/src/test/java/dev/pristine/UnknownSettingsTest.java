package dev.pristine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code pristine.*} name no module declares: refused where the user wrote it for Pristine (code, properties
 * files, test-framework parameters), only warned about in the process-wide environment and system properties.
 */
class UnknownSettingsTest {

    @TempDir
    Path dir;

    @Test
    void aMisspelledSettingIsRefusedNamingTheNearestKnownOne() {
        assertThatThrownBy(() -> Pristine.builder().settings(PristineSettings.empty())
                .migrations(dir).property("pool-siz", "4").build())
                .isInstanceOfSatisfying(PristineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessage("unknown setting, pristine.pool-siz, did you mean pristine.pool-size?");
        Properties file = new Properties();
        file.setProperty("pristine.acquire.timout", "5s");
        assertThatThrownBy(() -> PristineSettings.standard(Map.of(), new Properties(), file).requireKnown())
                .hasMessage("unknown setting, pristine.acquire.timout, did you mean pristine.acquire-timeout?");
    }

    @Test
    void aSettingOfAModuleThatIsNotOnTheClassPathNamesTheModule() {
        // core's test class path has no engine: pristine.postgres.* belongs to no module here
        assertThatThrownBy(() -> PristineSettings.empty().withOverrides(Map.of("pristine.postgres.strategy", "auto"))
                .requireKnown())
                .hasMessage("unknown setting, pristine.postgres.strategy, add the dependency dev.pristine:pristine-postgres"
                        + " that reads it, or use a known setting (the nearest is pristine.state-dir)");
    }

    @Test
    void unknownEnvironmentVariablesAndSystemPropertiesAreOnlyWarnedAbout() {
        Properties system = new Properties();
        system.setProperty("pristine.test.stateRoot", "/tmp/x");
        PristineSettings s = PristineSettings.standard(Map.of("PRISTINE_PG_URL", "jdbc:postgresql://127.0.0.1/x"),
                system, new Properties());

        assertThat(s.requireKnown()).isSameAs(s);
        assertThat(s.get("pg-url")).hasValue("jdbc:postgresql://127.0.0.1/x");
    }

    @Test
    void anUnknownNameSetInAFileAsWellAsTheEnvironmentIsRefused() {
        Properties file = new Properties();
        file.setProperty("pg-url", "jdbc:postgresql://127.0.0.1/x");

        assertThatThrownBy(() -> PristineSettings.standard(Map.of("PRISTINE_PG_URL", "jdbc:postgresql://127.0.0.1/y"),
                new Properties(), file).requireKnown())
                .hasMessageStartingWith("unknown setting, pristine.pg-url, did you mean pristine.");
    }

    @Test
    void blankValuesAndKnownNamesPass() {
        PristineSettings s = PristineSettings.empty().withOverrides(Map.of("no-such-thing", " ", "pristine.state.dir", "/a",
                "POOL_SIZE", "2", "cleanup", "never", "keep-for", "1h", "encoding", "UTF-8"));

        assertThat(s.requireKnown()).isSameAs(s);
    }

    @Test
    void editDistanceCountsSingleCharacterEdits() {
        assertThat(PristineSettings.distance("pool-siz", "pool-size")).isEqualTo(1);
        assertThat(PristineSettings.distance("acquire-timout", "acquire-timeout")).isEqualTo(1);
        assertThat(PristineSettings.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(PristineSettings.distance("", "abc")).isEqualTo(3);
    }
}
