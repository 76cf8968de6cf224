package dev.pristine.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.PoolStats;
import dev.pristine.Pristine;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.testkit.Schemas;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Pristine#poolStats()}: the pool's counters and averages as a record, and {@link Pristine#poolState()}
 * as its string. Pool size 0, so nothing runs in the background and every count is known.
 */
class PoolStatsIT {

    @TempDir
    Path dir;

    @Test
    void aLeaseIsCountedAndTimedAndTheStateLineIsBuiltFromTheRecord() {
        try (Pristine p = Pristine.builder().settings(PristineSettings.empty()).stateDir(dir.resolve("state"))
                .migrations(Schemas.portable(dir)).poolSize(0).maxClones(3).build()) {
            assertThat(p.poolStats()).isEmpty();
            assertThat(p.poolState()).isEqualTo("(pool not started)");

            String key;
            try (TestDatabase db = p.acquire("stats")) {
                key = db.key();
                PoolStats leased = p.poolStats().orElseThrow();
                assertThat(leased).isEqualTo(new PoolStats(key, 0, 1, 0, 0, 0, 0, 3, 2, leased.createTime(),
                        Duration.ZERO, Duration.ZERO, null));
                assertThat(leased.createTime()).isPositive();
                assertThat(p.poolState()).isEqualTo("(key=" + key.substring(0, 12) + ", leased=1, idle=0, creating=0, "
                        + "waiting=0, resetting=0, dropping=0, max=3, free=2)");
            }

            PoolStats released = p.poolStats().orElseThrow();
            assertThat(released.key()).isEqualTo(key);
            assertThat(released.leased()).isZero();
            assertThat(released.holdTime()).isPositive();
        }
    }
}
