package dev.pristine.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.Cleanup;
import dev.pristine.CoreSettings;
import dev.pristine.PristineSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed readers every module uses, with the messages users read. */
class SettingTest {

    private enum Colour { RED, DARK_BLUE, GREEN }

    @Test
    void anUnboundedNumberSaysItsLowerBound() {
        Setting<Integer> s = Setting.integer("x.connections", 4, 1, Integer.MAX_VALUE, "doc");

        assertThat(s.get(Map.of("x-connections", " 7 "))).isEqualTo(7);
        assertThat(s.get(Map.of())).isEqualTo(4);
        assertThatThrownBy(() -> s.parse("0")).hasMessage("pristine.x.connections must be a whole number >= 1, 0, "
                + "e.g. pristine.x.connections=4");
    }

    @Test
    void aChoiceTakesAnyCaseAndDashesAndListsItsValues() {
        Setting<Colour> s = Setting.choice("colour", Colour.RED, "dark_blue", "doc");

        assertThat(s.parse(" dark-Blue ")).isEqualTo(Colour.DARK_BLUE);
        assertThat(s.shownDefault()).isEqualTo("red");
        assertThatThrownBy(() -> s.parse("pink")).hasMessage("pristine.colour must be red, dark_blue or green, pink, "
                + "e.g. pristine.colour=dark_blue");
    }

    @Test
    void aRunTimeDefaultIsTheFallbackAndTheExample() {
        PristineSettings none = PristineSettings.empty();
        PristineSettings bad = PristineSettings.empty().withOverrides(Map.of("pool-size", "x"));

        assertThat(CoreSettings.POOL_SIZE.get(none, 3)).isEqualTo(3);
        assertThatThrownBy(() -> CoreSettings.POOL_SIZE.get(bad, 200)).hasMessage("pristine.pool-size must be a whole "
                + "number from 0 to 128, x, e.g. pristine.pool-size=128 (every clone is a whole database: more cost disk "
                + "and server resources, not speed)");
    }

    @Test
    void durationsShowTheirDefaultInTheLargestWholeUnit() {
        assertThat(CoreSettings.ACQUIRE_TIMEOUT.shownDefault()).isEqualTo("30s");
        assertThat(CoreSettings.TEMPLATE_RETENTION.shownDefault()).isEqualTo("7d");
        assertThat(Setting.duration("d", Duration.ofMillis(1500), "doc").shownDefault()).isEqualTo("1500ms");
        assertThat(CoreSettings.LEASE_TTL.shownDefault()).isEqualTo("none");
    }

    @Test
    void aFamilyMatchesTheKeysBelowItsName() {
        Setting<String> s = Setting.family("liquibase.parameters", "doc");

        assertThat(s.matches("liquibase-parameters-seed-name")).isTrue();
        assertThat(s.matches("liquibase-parameters")).isFalse();
        assertThat(s.matches("liquibase-parametersx")).isFalse();
    }

    @Test
    void theOneCleanupModeParsesAndDecidesWhatIsKept() {
        assertThat(Cleanup.parse("On-Success")).isEqualTo(Cleanup.ON_SUCCESS);
        assertThat(Cleanup.ON_SUCCESS.keeps(true)).isTrue();
        assertThat(Cleanup.ON_SUCCESS.keeps(false)).isFalse();
        assertThat(Cleanup.NEVER.keeps(false)).isTrue();
        assertThat(Cleanup.ALWAYS.keeps(true)).isFalse();
        assertThatThrownBy(() -> Cleanup.parse("default"))
                .hasMessage("pristine.cleanup must be always, on_success or never, default, e.g. pristine.cleanup=on_success");
    }
}
