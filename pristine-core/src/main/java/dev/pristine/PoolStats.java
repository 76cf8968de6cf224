package dev.pristine;

import java.time.Duration;
import java.util.Objects;

/**
 * A snapshot of the clone pool of a {@link Pristine}, from {@link Pristine#poolStats()}: what metrics and
 * benchmarks read. Each count is read on its own while the pool runs, so the counts of one snapshot need
 * not add up exactly. {@link #toString()} is for people, HikariCP-style.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the template key the pool clones, 64 hex digits; not null
 * @param idle clones ready for the next acquire
 * @param leased clones handed out and not released yet
 * @param creating clones being made in the background
 * @param waiting acquires waiting for a clone
 * @param resetting released clones being reset in place, to be idle again
 * @param dropping released clones being dropped
 * @param maxClones the cap on clones that exist at once ({@code pristine.max-clones})
 * @param free how many more clones the cap allows now
 * @param createTime moving average of making one clone; zero before the first; not null
 * @param resetTime moving average of resetting a released clone in place; zero before the first; not null
 * @param holdTime moving average of how long a lease is held, acquire to release; zero before the first; not null
 * @param lastFailure the message (passwords masked) of the last background creation, when it failed; null
 *     when it worked or none ran yet
 */
public record PoolStats(String key, int idle, int leased, int creating, int waiting, int resetting, int dropping,
        int maxClones, int free, Duration createTime, Duration resetTime, Duration holdTime, String lastFailure) {

    /** Checks that the key and the averages are given. */
    public PoolStats {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(createTime, "createTime");
        Objects.requireNonNull(resetTime, "resetTime");
        Objects.requireNonNull(holdTime, "holdTime");
    }

    /** For people and error messages: {@code (key=927a1e73c0de, leased=1, idle=2, …, max=16, free=13)}. */
    @Override
    public String toString() {
        return "(key=" + key.substring(0, Math.min(12, key.length())) + ", leased=" + leased + ", idle=" + idle
                + ", creating=" + creating + ", waiting=" + waiting + ", resetting=" + resetting + ", dropping="
                + dropping + ", max=" + maxClones + ", free=" + free
                + (lastFailure == null ? "" : ", last failure: " + lastFailure) + ")";
    }
}
