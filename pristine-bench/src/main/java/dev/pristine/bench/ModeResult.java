package dev.pristine.bench;

import java.util.ArrayList;
import java.util.List;

/** What one mode measured over every round. */
final class ModeResult {

    final Mode mode;
    final List<Double> wallMillis = new ArrayList<>();
    final List<long[]> acquireNanos = new ArrayList<>();
    final List<long[]> workNanos = new ArrayList<>();
    final List<long[]> releaseNanos = new ArrayList<>();
    String note = "";

    ModeResult(Mode mode) {
        this.mode = mode;
    }

    double medianWallMillis() {
        return Stats.median(wallMillis);
    }

    double minWallMillis() {
        return wallMillis.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    double maxWallMillis() {
        return wallMillis.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    long[] sortedAcquire() {
        return Stats.sorted(acquireNanos);
    }

    /** Mean acquire time per test in µs, over every test of every round. */
    double meanAcquireMicros() {
        return Stats.mean(acquireNanos) / 1000.0;
    }

    /** Mean time per test to connect, run the work and close the connection, in µs. */
    double meanWorkMicros() {
        return Stats.mean(workNanos) / 1000.0;
    }

    /** Mean release time per test in µs (drop, rename or nothing, by mode). */
    double meanReleaseMicros() {
        return Stats.mean(releaseNanos) / 1000.0;
    }

    double acquireMicros(double percentile) {
        return Stats.percentile(sortedAcquire(), percentile) / 1000.0;
    }
}
