package dev.pristine.bench;

import java.util.ArrayList;
import java.util.List;

/** What one mode measured over every round. */
final class ModeResult {

    final Mode mode;
    final List<Double> wallMillis = new ArrayList<>();
    final List<long[]> acquireNanos = new ArrayList<>();
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

    double acquireMicros(double percentile) {
        return Stats.percentile(sortedAcquire(), percentile) / 1000.0;
    }
}
