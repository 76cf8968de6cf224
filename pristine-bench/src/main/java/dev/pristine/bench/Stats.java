package dev.pristine.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles of measured values. */
final class Stats {

    private Stats() {}

    /** The {@code p}-th percentile (0–100) by nearest rank; 0 for no values. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
    }

    static long[] sorted(List<long[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        long[] all = new long[n];
        int i = 0;
        for (long[] a : parts) {
            System.arraycopy(a, 0, all, i, a.length);
            i += a.length;
        }
        Arrays.sort(all);
        return all;
    }

    static double mean(List<long[]> parts) {
        return parts.stream().flatMapToLong(java.util.Arrays::stream).average().orElse(0);
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return 0;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
