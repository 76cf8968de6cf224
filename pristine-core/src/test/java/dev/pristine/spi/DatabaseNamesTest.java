package dev.pristine.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import org.junit.jupiter.api.Test;

class DatabaseNamesTest {

    private static final String KEY = "0123456789abcdef".repeat(4);

    @Test
    void namesPristineMakesPass() {
        assertThat(DatabaseNames.checkName("pristine_order_test_ab12cd34", 63)).isEqualTo("pristine_order_test_ab12cd34");
        assertThat(DatabaseNames.checkName("pristine_" + "a".repeat(54), 63)).hasSize(63);
        assertThat(DatabaseNames.isName("pristine_x")).isTrue();
    }

    @Test
    void everythingElseIsRefusedWithOneMessage() {
        for (String bad : new String[] {"users", "pristine_", "pristine_A", "pristine_x.db", "../pristine_x",
                "pristine_x\"; DROP DATABASE postgres; --", "pristine_" + "a".repeat(55), "pristine_catalog"}) {
            assertThatThrownBy(() -> DatabaseNames.checkName(bad, 63, "pristine_catalog"))
                    .isInstanceOfSatisfying(PristineException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_TARGET);
                        assertThat(e.getMessage()).isEqualTo("not a Pristine database name, " + bad
                                + ", use an id printed by lease or status");
                    });
        }
        assertThatThrownBy(() -> DatabaseNames.checkName(null, 63)).hasMessage(
                "not a Pristine database name, use an id printed by lease or status");
        assertThat(DatabaseNames.isName("pristine_")).isFalse();
        assertThat(DatabaseNames.isName(null)).isFalse();
    }

    @Test
    void keysAreSixtyFourLowerCaseHexDigits() {
        assertThat(DatabaseNames.checkKey(KEY)).isEqualTo(KEY);
        for (String bad : new String[] {"nope", KEY.toUpperCase(), KEY + "0", KEY.substring(1)}) {
            assertThatThrownBy(() -> DatabaseNames.checkKey(bad)).isInstanceOfSatisfying(PristineException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_TARGET);
                assertThat(e.getMessage()).isEqualTo("not a template key, " + bad + ", use a key printed by prepare or status");
            });
        }
        assertThatThrownBy(() -> DatabaseNames.checkKey(null)).hasMessage(
                "not a template key, use a key printed by prepare or status");
    }
}
