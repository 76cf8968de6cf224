package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MaskingTest {

    private final Masking masking = Masking.of(Arrays.asList("hunter2secret", "ab", null));

    @Test
    void masksGivenPasswordsWhereverTheyAppear() {
        assertThat(masking.mask("login failed for bob with hunter2secret!")).isEqualTo("login failed for bob with ****!");
    }

    @Test
    void masksUrlUserInfoAndPasswordParameters() {
        assertThat(masking.mask("jdbc:postgresql://bob:pa55@db:5432/x?user=bob&password=pa55&ssl=true"))
                .isEqualTo("jdbc:postgresql://bob:****@db:5432/x?user=bob&password=****&ssl=true");
        assertThat(masking.mask("jdbc:sqlserver://h;user=sa;pwd=pa55;db=x")).isEqualTo("jdbc:sqlserver://h;user=sa;pwd=****;db=x");
        assertThat(masking.mask("{\"password\": \"pa55\"}")).isEqualTo("{\"password\": \"****\"}");
    }

    @Test
    void leavesShortValuesToThePatternsAndOrdinaryTextAlone() {
        assertThat(masking.mask("about a table")).isEqualTo("about a table");
        assertThat(masking.mask("passwordless login, keyword=value")).isEqualTo("passwordless login, keyword=value");
        assertThat(masking.mask(null)).isNull();
    }

    @Test
    void cutsHugeInputSoTheWorkStaysBounded() {
        String masked = masking.mask("x".repeat(200_000) + " hunter2secret");
        // lengths and flags only: a failure must not print 200,000 characters
        assertThat(masked.length()).isLessThan(70_000);
        assertThat(masked.endsWith("[truncated]")).isTrue();
    }
}
