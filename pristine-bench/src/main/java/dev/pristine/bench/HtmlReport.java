package dev.pristine.bench;

import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page with two SVG charts: wall time per mode (bars, with the spread over
 * rounds) and the acquire-latency distribution per mode (p50–p99 range and max, log scale).
 */
final class HtmlReport {

    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#76b7b2", "#edc948", "#b07aa1"};

    private HtmlReport() {}

    static String render(BenchReport r, String command) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Pristine bench: ").append(esc(r.engine()))
                .append("</title><style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:60em}"
                        + "table{border-collapse:collapse}td,th{padding:.2em .8em;text-align:right;border-bottom:1px solid #ddd}"
                        + "td:first-child,th:first-child{text-align:left}code{background:#f4f4f4;padding:.1em .3em}</style>"
                        + "</head><body>");
        sb.append("<h1>Pristine bench</h1><p>Engine <b>").append(esc(r.engine())).append("</b>, schema <b>")
                .append(esc(r.schema())).append("</b>: ").append(r.tests()).append(" tests on ").append(r.workers())
                .append(" workers, ").append(r.rounds()).append(" interleaved rounds. Work per test: ")
                .append(esc(r.work())).append(".</p><p>Command: <code>").append(esc(command)).append("</code></p>");
        sb.append("<h2>Wall time per mode</h2>").append(wallChart(r.modes()));
        sb.append("<h2>Acquire latency</h2><p>Bar from p50 to p99, tick at max; logarithmic scale.</p>")
                .append(latencyChart(r.modes()));
        sb.append("<h2>Numbers</h2><pre>").append(esc(r.toTable())).append("</pre>");
        sb.append("</body></html>\n");
        return sb.toString();
    }

    /** The wall-time chart alone, as a standalone SVG document (for READMEs). */
    static String wallSvg(BenchReport r) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + wallChart(r.modes());
    }

    /** The acquire-latency chart alone, as a standalone SVG document. */
    static String latencySvg(BenchReport r) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + latencyChart(r.modes());
    }

    private static String wallChart(List<ModeResult> modes) {
        double max = modes.stream().mapToDouble(ModeResult::maxWallMillis).max().orElse(1);
        int rowH = 28;
        int w = 720;
        int left = 140;
        int h = modes.size() * rowH + 30;
        StringBuilder s = new StringBuilder(svgOpen(w, h));
        for (int i = 0; i < modes.size(); i++) {
            ModeResult m = modes.get(i);
            int y = 10 + i * rowH;
            double x = scale(m.medianWallMillis(), max, w - left - 90);
            s.append(text(left - 8, y + 15, "end", m.mode.id()));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>", left, y,
                    Math.max(x, 1), COLORS[i % COLORS.length]));
            double lo = left + scale(m.minWallMillis(), max, w - left - 90);
            double hi = left + scale(m.maxWallMillis(), max, w - left - 90);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>", lo, hi,
                    y + 9, y + 9));
            s.append(text((int) (left + Math.max(x, hi - left) + 6), y + 14, "start",
                    String.format(Locale.ROOT, "%.0f ms", m.medianWallMillis())));
        }
        return s.append("</svg>").toString();
    }

    private static String latencyChart(List<ModeResult> modes) {
        double maxUs = modes.stream().mapToDouble(m -> m.acquireMicros(100)).max().orElse(10);
        double minUs = Math.max(0.1, modes.stream().mapToDouble(m -> m.acquireMicros(50)).min().orElse(1) / 2);
        int rowH = 28;
        int w = 720;
        int left = 140;
        int plot = w - left - 30;
        int h = modes.size() * rowH + 40;
        StringBuilder s = new StringBuilder(svgOpen(w, h));
        double lmin = Math.log10(minUs);
        double lmax = Math.log10(maxUs * 1.5);
        for (int p = (int) Math.floor(lmin); p <= (int) Math.ceil(lmax); p++) {
            double x = left + (p - lmin) / (lmax - lmin) * plot;
            if (x < left || x > left + plot) {
                continue;
            }
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\" stroke=\"#eee\"/>", x, x, h - 20));
            s.append(text((int) x, h - 5, "middle", p < 3 ? Math.round(Math.pow(10, p) * 10) / 10.0 + " us"
                    : p < 6 ? Math.round(Math.pow(10, p - 3)) + " ms" : Math.round(Math.pow(10, p - 6)) + " s"));
        }
        for (int i = 0; i < modes.size(); i++) {
            ModeResult m = modes.get(i);
            int y = 10 + i * rowH;
            double x50 = left + (Math.log10(Math.max(m.acquireMicros(50), minUs)) - lmin) / (lmax - lmin) * plot;
            double x99 = left + (Math.log10(Math.max(m.acquireMicros(99), minUs)) - lmin) / (lmax - lmin) * plot;
            double xMax = left + (Math.log10(Math.max(m.acquireMicros(100), minUs)) - lmin) / (lmax - lmin) * plot;
            s.append(text(left - 8, y + 15, "end", m.mode.id()));
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>", x50, y,
                    Math.max(x99 - x50, 2), COLORS[i % COLORS.length]));
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#333\" stroke-width=\"2\"/>",
                    xMax, xMax, y, y + 18));
        }
        return s.append("</svg>").toString();
    }

    private static double scale(double v, double max, int width) {
        return max <= 0 ? 0 : v / max * width;
    }

    private static String svgOpen(int w, int h) {
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"system-ui,sans-serif\" font-size=\"12\">", w, h);
    }

    private static String text(int x, int y, String anchor, String t) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>", x, y, anchor, esc(t));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
