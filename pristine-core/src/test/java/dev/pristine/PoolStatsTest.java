package dev.pristine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pool's state for people is built from the record: the same line as before there was a record. */
class PoolStatsTest {

    private static final String KEY = "927a1e73c0de" + "0".repeat(52);

    private static PoolStats stats(String lastFailure) {
        return new PoolStats(KEY, 2, 1, 1, 0, 1, 3, 16, 9, Duration.ofMillis(40), Duration.ofMillis(5),
                Duration.ofMillis(12), lastFailure);
    }

    @Test
    void toStringIsTheHikariStyleStateLine() {
        assertThat(stats(null)).hasToString("(key=927a1e73c0de, leased=1, idle=2, creating=1, waiting=0, resetting=1, "
                + "dropping=3, max=16, free=9)");
    }

    @Test
    void toStringEndsWithTheLastFailureWhenThereIsOne() {
        assertThat(stats("connection refused")).hasToString("(key=927a1e73c0de, leased=1, idle=2, creating=1, "
                + "waiting=0, resetting=1, dropping=3, max=16, free=9, last failure: connection refused)");
    }
}
