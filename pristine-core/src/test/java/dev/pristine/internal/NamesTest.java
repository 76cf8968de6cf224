package dev.pristine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void cloneNamesCarryTheCleanedTestNameAndAUniqueSuffix() {
        String name = Names.clone("OrderTest.placesOrder(String)[1]", 63);
        assertThat(name).matches("pristine_ordertest_placesorder_string_1_[a-z0-9]{8}");
    }

    @Test
    void longNamesKeepTheirEndWithinTheLimit() {
        String name = Names.clone("com.example.very.long.package.name.SomeIntegrationTest.itDoesTheThing", 40);
        assertThat(name).hasSizeLessThanOrEqualTo(40).startsWith("pristine_").contains("thing_");
    }

    @Test
    void emptyTestNamesStillGiveValidNames() {
        assertThat(Names.clone("", 63)).matches("pristine_[a-z0-9]{8}");
        assertThat(Names.clone("!!!", 63)).matches("pristine_[a-z0-9]{8}");
    }

    @Test
    void suffixesDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(Names.suffix());
        }
        assertThat(seen).hasSize(10_000);
    }
}
