package dev.pristine.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a benchmark run: per mode the median wall time (and its spread over rounds) and the
 * acquire-latency percentiles over every test of every round; ratios between modes run together.
 *
 * @param templateBuildMillis how long preparing the template took in this run (0 when it existed)
 */
public record BenchReport(String engine, String schema, int tests, int workers, int rounds, long templateBuildMillis,
        String work, List<ModeResult> modes) {

    /** The ratios the issue asks for, present when both of their modes ran. */
    public Map<String, Double> ratios() {
        Map<String, Double> r = new LinkedHashMap<>();
        ratio(r, "pristineOverShared", Mode.PRISTINE, Mode.SHARED);
        ratio(r, "naiveOverPristine", Mode.NAIVE, Mode.PRISTINE);
        ratio(r, "pristineOverRawClone", Mode.PRISTINE, Mode.RAW_CLONE);
        ratio(r, "zonkyOverPristine", Mode.ZONKY, Mode.PRISTINE);
        ratio(r, "pristineOverRollback", Mode.PRISTINE, Mode.ROLLBACK);
        ratio(r, "nopoolOverPristine", Mode.PRISTINE_NOPOOL, Mode.PRISTINE);
        return r;
    }

    private void ratio(Map<String, Double> r, String name, Mode a, Mode b) {
        ModeResult x = find(a);
        ModeResult y = find(b);
        if (x != null && y != null && y.medianWallMillis() > 0) {
            r.put(name, round(x.medianWallMillis() / y.medianWallMillis(), 2));
        }
    }

    ModeResult find(Mode m) {
        return modes.stream().filter(x -> x.mode == m).findFirst().orElse(null);
    }

    /** One JSON object, as the CLI contract and the benchmark issue describe. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("engine", engine);
            g.writeStringField("schema", schema);
            g.writeNumberField("tests", tests);
            g.writeNumberField("workers", workers);
            g.writeNumberField("rounds", rounds);
            g.writeNumberField("templateBuildMillis", templateBuildMillis);
            g.writeStringField("work", work);
            g.writeObjectFieldStart("modes");
            for (ModeResult m : modes) {
                g.writeObjectFieldStart(m.mode.id());
                g.writeNumberField("wallMillis", round(m.medianWallMillis(), 1));
                g.writeNumberField("wallMillisMin", round(m.minWallMillis(), 1));
                g.writeNumberField("wallMillisMax", round(m.maxWallMillis(), 1));
                g.writeNumberField("acquireP50Micros", round(m.acquireMicros(50), 1));
                g.writeNumberField("acquireP90Micros", round(m.acquireMicros(90), 1));
                g.writeNumberField("acquireP99Micros", round(m.acquireMicros(99), 1));
                g.writeNumberField("acquireMaxMicros", round(m.acquireMicros(100), 1));
                g.writeObjectFieldStart("meanPerTestMicros");
                g.writeNumberField("acquire", round(m.meanAcquireMicros(), 1));
                g.writeNumberField("work", round(m.meanWorkMicros(), 1));
                g.writeNumberField("release", round(m.meanReleaseMicros(), 1));
                g.writeEndObject();
                if (!m.note.isEmpty()) {
                    g.writeStringField("note", m.note);
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("ratios");
            for (Map.Entry<String, Double> e : ratios().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A plain-text table for people. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "engine %s, schema %s, %d tests x %d workers, %d rounds (median; min-max)%n",
                engine, schema, tests, workers, rounds));
        sb.append(String.format(Locale.ROOT, "work per test: %s%n%n", work));
        sb.append(String.format(Locale.ROOT, "%-16s %12s %21s %14s %14s%n", "mode", "wall ms", "spread ms",
                "acquire p50", "acquire p99"));
        for (ModeResult m : modes) {
            sb.append(String.format(Locale.ROOT, "%-16s %12.1f %21s %11.1f us %11.1f us%s%n", m.mode.id(),
                    m.medianWallMillis(), String.format(Locale.ROOT, "%.1f-%.1f", m.minWallMillis(), m.maxWallMillis()),
                    m.acquireMicros(50), m.acquireMicros(99), m.note.isEmpty() ? "" : "  (" + m.note + ")"));
        }
        sb.append(String.format(Locale.ROOT, "%nwhere the time goes, mean per test (work = connect + statements + close)%n"));
        sb.append(String.format(Locale.ROOT, "%-16s %12s %12s %12s %18s%n", "mode", "acquire ms", "work ms",
                "release ms", "wall x W / N ms"));
        for (ModeResult m : modes) {
            sb.append(String.format(Locale.ROOT, "%-16s %12.2f %12.2f %12.2f %18.2f%n", m.mode.id(),
                    m.meanAcquireMicros() / 1000, m.meanWorkMicros() / 1000, m.meanReleaseMicros() / 1000,
                    m.medianWallMillis() * workers / tests));
        }
        sb.append('\n');
        ratios().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-22s %8.2f%n", k, v)));
        return sb.toString();
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
