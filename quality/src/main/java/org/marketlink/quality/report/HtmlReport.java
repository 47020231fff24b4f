package org.marketlink.quality.report;

import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.anomaly.Anomaly;
import org.marketlink.quality.history.MetricPoint;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page for a suite result: overall status, one row per rule with its metric and message,
 * the most frequent offending values and a sample of failing rows, and — when a history is given — an inline SVG
 * chart of each rule's metric over time. No scripts, no external files: it opens in any browser without a server.
 * All text is HTML-escaped. Thread-safe (stateless).
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /**
     * @param history per rule name, its past metric values, oldest first (may be empty)
     */
    public static String render(SuiteResult result, Map<String, List<MetricPoint>> history, Instant generatedAt) {
        return render(result, history, null, generatedAt);
    }

    /**
     * What a load did before the rules judged its rows: how many rows it read and stored, and what it quarantined,
     * by reason, with a few raw rows of each (as the quarantine holds them: personal fields already masked).
     *
     * @param run          the load's run id
     * @param rowsIn       rows read
     * @param rowsOut      rows stored
     * @param quarantined  rows quarantined, by reason code
     * @param samples      a few raw rows per reason code
     */
    public record Load(String run, long rowsIn, long rowsOut, Map<String, Long> quarantined,
                       Map<String, List<String>> samples) {
        /** Copies the maps. */
        public Load {
            quarantined = Map.copyOf(quarantined);
            samples = Map.copyOf(samples);
        }

        /** All rows quarantined. */
        public long quarantinedRows() {
            return quarantined.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The report of a suite's result over a load: the load's rows and quarantine first (by reason, most rows first,
     * with sample raw rows), then each rule. {@code load} may be null.
     */
    public static String render(SuiteResult result, Map<String, List<MetricPoint>> history, Load load,
                                Instant generatedAt) {
        return render(result, history, load, Map.of(), generatedAt);
    }

    /**
     * As {@link #render(SuiteResult, Map, Load, Instant)}, with each rule's anomaly against its history (by rule name)
     * marked beside the history chart and counted in the status line.
     */
    public static String render(SuiteResult result, Map<String, List<MetricPoint>> history, Load load,
                                Map<String, Anomaly> anomalies, Instant generatedAt) {
        return render(result, history, load, anomalies, List.of(), generatedAt);
    }

    /**
     * One run of a batch, for the report's table of the days leading up to the one it shows.
     *
     * @param label       the day, or what the run held
     * @param rowsIn      rows read
     * @param rowsOut     rows stored
     * @param quarantined rows quarantined
     * @param status      the suite's status that day
     * @param anomalies   what was anomalous that day, as sentences; empty when nothing was
     */
    public record Day(String label, long rowsIn, long rowsOut, long quarantined, SuiteResult.Status status,
                      List<String> anomalies) {
        /** Copies the list. */
        public Day {
            anomalies = List.copyOf(anomalies);
        }
    }

    /**
     * As {@link #render(SuiteResult, Map, Load, Map, Instant)}, opening with a table of the batch's {@code days}
     * (oldest first, the last one being the day the rest of the report shows), anomalies marked.
     */
    public static String render(SuiteResult result, Map<String, List<MetricPoint>> history, Load load,
                                Map<String, Anomaly> anomalies, List<Day> days, Instant generatedAt) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Quality: ")
                .append(esc(result.suite())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}")
                .append("table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;")
                .append("vertical-align:top;text-align:left}th{background:#f3f3f3}")
                .append(".PASSED{color:#176c2e}.WARNING,.INFO{color:#8a6100}.ERROR,.FAILED,.ERRORED{color:#b00020}")
                .append("code{font-size:.85em}svg{background:#fafafa}")
                .append("nav.contents{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid ")
                .append("#ddd}nav.contents a{margin-right:1rem}")
                .append("</style></head><body>");
        // a contents bar of the sections this page has, kept in view while the page scrolls
        b.append("<nav class=\"contents\">");
        if (!days.isEmpty()) {
            b.append("<a href=\"#days\">Days</a>");
        }
        if (load != null) {
            b.append("<a href=\"#load\">Load and quarantine</a>");
        }
        b.append("<a href=\"#rules\">Rules</a></nav>");
        b.append("<h1>Data quality: suite <code>").append(esc(result.suite())).append("</code></h1>");
        b.append("<p>Status: <strong class=\"").append(result.status()).append("\">").append(result.status())
                .append("</strong> &middot; ").append(String.format(Locale.ROOT, "%,d", result.rows()))
                .append(" rows judged");
        if (load != null && load.quarantinedRows() > 0) {
            b.append(" &middot; <strong>").append(String.format(Locale.ROOT, "%,d", load.quarantinedRows()))
                    .append(" rows quarantined</strong> by the load (below)");
        }
        if (!anomalies.isEmpty()) {
            b.append(" &middot; <strong class=\"ERROR\">").append(anomalies.size()).append(anomalies.size() == 1
                    ? " anomaly" : " anomalies").append("</strong> against the history");
        }
        b.append(" &middot; generated ").append(esc(generatedAt.toString())).append("</p>");
        if (!days.isEmpty()) {
            b.append("<h2 id=\"days\">Days</h2><table class=\"days\"><thead><tr><th>Day</th><th>Rows read</th><th>Stored</th>"
                    + "<th>Quarantined</th><th>Quality</th><th>Anomalies against the days before</th></tr></thead>"
                    + "<tbody>");
            for (Day d : days) {
                b.append("<tr><td>").append(esc(d.label())).append("</td><td>")
                        .append(String.format(Locale.ROOT, "%,d</td><td>%,d</td><td>%,d", d.rowsIn(), d.rowsOut(),
                                d.quarantined())).append("</td><td class=\"").append(d.status()).append("\">")
                        .append(d.status()).append("</td><td").append(d.anomalies().isEmpty() ? ">none"
                                : " class=\"anomaly ERROR\">" + esc(String.join("; ", d.anomalies())))
                        .append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        if (load != null) {
            b.append("<h2 id=\"load\">Load</h2><p>Run <code>").append(esc(load.run())).append("</code>: ")
                    .append(String.format(Locale.ROOT, "%,d rows read, %,d stored, %,d quarantined", load.rowsIn(),
                            load.rowsOut(), load.quarantinedRows())).append(".</p>");
            if (!load.quarantined().isEmpty()) {
                b.append("<table class=\"quarantine\"><thead><tr><th>Reason</th><th>Rows</th><th>Sample raw rows"
                        + "</th></tr></thead><tbody>");
                load.quarantined().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey())).forEach(e -> {
                            b.append("<tr><td><code>").append(esc(e.getKey())).append("</code></td><td>")
                                    .append(String.format(Locale.ROOT, "%,d", e.getValue())).append("</td><td>");
                            for (String raw : load.samples().getOrDefault(e.getKey(), List.of())) {
                                b.append("<code>").append(esc(raw.length() > 200 ? raw.substring(0, 200) + "…"
                                        : raw)).append("</code><br>");
                            }
                            b.append("</td></tr>");
                        });
                b.append("</tbody></table>");
            }
            b.append("<h2 id=\"rules\">Rules</h2>");
        }
        b.append("<table><thead><tr><th>Rule</th><th>Outcome</th><th>Metric</th><th>Message</th>")
                .append("<th>Offending values</th><th>Sample rows</th><th>History</th></tr></thead><tbody>");
        for (RuleOutcome o : result.outcomes()) {
            String status = o instanceof RuleOutcome.Passed ? "PASSED"
                    : o instanceof RuleOutcome.Failed f ? "FAILED (" + f.severity() + ")" : "ERRORED";
            String cls = o instanceof RuleOutcome.Passed ? "PASSED" : o instanceof RuleOutcome.Failed f
                    ? f.severity().name() : "ERRORED";
            b.append("<tr><td><code>").append(esc(o.rule())).append("</code></td><td class=\"").append(cls)
                    .append("\">").append(status).append("</td><td>").append(fmt(o.metric())).append("</td><td>")
                    .append(esc(o.message())).append("</td><td>");
            if (o instanceof RuleOutcome.Failed f) {
                for (RuleOutcome.ValueCount v : f.topValues()) {
                    b.append("<code>").append(esc(v.value())).append("</code> &times;").append(v.count())
                            .append("<br>");
                }
                b.append("</td><td>");
                for (String s : f.samples()) {
                    b.append("<code>").append(esc(s.length() > 200 ? s.substring(0, 200) + "…" : s))
                            .append("</code><br>");
                }
            } else {
                b.append("</td><td>");
            }
            b.append("</td><td>").append(chart(history.getOrDefault(o.rule(), List.of()), o.metric()));
            Anomaly a = anomalies.get(o.rule());
            if (a != null) {
                b.append("<div class=\"anomaly ERROR\">anomaly: ").append(esc(a.reason())).append("</div>");
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table></body></html>");
        return b.toString();
    }

    /** A small line chart of past values and the current one (marked), as inline SVG. */
    static String chart(List<MetricPoint> past, double current) {
        int n = past.size() + 1;
        if (n < 2) {
            return "";
        }
        double[] v = new double[n];
        for (int i = 0; i < past.size(); i++) {
            v[i] = past.get(i).metric();
        }
        v[n - 1] = current;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        if (!Double.isFinite(lo)) {
            return "";
        }
        double span = hi > lo ? hi - lo : 1;
        // the range's ends on the left, the first day and the latest under the line, and every point labelled
        // (its day and value, shown on hover): a person reads the history, not only its shape
        int w = 240;
        int h = 64;
        int left = 44;
        int top = 8;
        int bottom = h - 16;
        StringBuilder pts = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(v[i])) {
                continue; // a day without a value (no rows to measure) has no point, rather than one at the bottom
            }
            double x = left + (w - left - 6) * i / (double) (n - 1);
            double y = bottom - (bottom - top) * (v[i] - lo) / span;
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            String day = i < past.size() ? past.get(i).measuredAt().atOffset(ZoneOffset.UTC).toLocalDate().toString()
                    : "now";
            marks.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" "
                            + "fill=\"%s\"><title>%s: %s</title></circle>", x, y, i == n - 1 ? "3" : "2",
                    i == n - 1 ? "#b00020" : "#3366cc", esc(day), fmt(v[i])));
        }
        String first = past.get(0).measuredAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        return String.format(Locale.ROOT, "<svg class=\"history\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "role=\"img\" aria-label=\"metric history from %s to now\" font-size=\"9\" fill=\"#555\">"
                        + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%s"
                        + "<text x=\"%d\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">now</text>"
                        + "<polyline fill=\"none\" stroke=\"#3366cc\" stroke-width=\"1.5\" points=\"%s\"/>%s</svg>",
                w, h, w, h, esc(first), left - 4, top + 3, fmt(hi), hi > lo ? String.format(Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", left - 4, bottom + 3, fmt(lo)) : "",
                left, h - 3,
                esc(first), w - 6, h - 3, pts.toString().strip(), marks);
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.6g", d);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
