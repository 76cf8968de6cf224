package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesShortFormsAndIso() {
        assertThat(Durations.parse("--ttl", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("--ttl", "10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("--ttl", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("--ttl", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("--ttl", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("--ttl", "PT1H30M")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("--ttl", "pt2m")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void refusesAnythingElseWithTheFix() {
        assertThatThrownBy(() -> Durations.parse("--ttl", "5y")).isInstanceOfSatisfying(PristineException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).isEqualTo("--ttl is not a duration, 5y, write it like 500ms, 30s, 10m, 24h, 7d or PT1H30M");
                });
        assertThatThrownBy(() -> Durations.parse("--ttl", "PT-5S")).isInstanceOfSatisfying(PristineException.class,
                e -> assertThat(e.getMessage()).isEqualTo("--ttl must not be negative, PT-5S, give a duration like 30s, 10m or 24h"));
        assertThatThrownBy(() -> Durations.parse("--ttl", "30")).isInstanceOfSatisfying(PristineException.class,
                e -> assertThat(e.getMessage()).isEqualTo("--ttl needs a unit, 30, write it like 30s, 30m or 30h"));
        assertThatThrownBy(() -> Durations.parse("--ttl", "0s")).isInstanceOfSatisfying(PristineException.class,
                e -> assertThat(e.getMessage()).isEqualTo("--ttl must be more than 0, 0s, give a duration like 30s, 10m or 24h"));
        assertThatThrownBy(() -> Durations.parse("--ttl", "999999999999999d")).isInstanceOfSatisfying(PristineException.class,
                e -> assertThat(e.getMessage()).isEqualTo(
                        "--ttl must be at most 365d, 999999999999999d, give a shorter duration like 1h or 7d"));
    }
}
