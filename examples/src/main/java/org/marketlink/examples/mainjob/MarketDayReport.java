package org.marketlink.examples.mainjob;

import org.marketlink.core.features.product.FeatureValue;
import org.marketlink.core.model.Product;
import org.marketlink.forecast.BatchForecaster;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Interval;
import org.marketlink.matching.retrieval.Recommendation;
import org.marketlink.matching.scoring.Explanation;
import org.marketlink.testing.MarketFixtures;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The market day as one self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched): recommended
 * matches with their strongest reasons, product features, and demand forecast charts with their 80% intervals.
 */
final class MarketDayReport {
    private static final int CHARTS = 8;
    private static final int MATCHES = 30;

    private MarketDayReport() {
    }

    static String render(LocalDate today, MarketFixtures f, MarketDayStep.Explainer explainer,
                         List<Recommendation> recommendations, List<BatchForecaster.Result> forecasts,
                         List<Map.Entry<Product, Map<String, FeatureValue>>> features,
                         List<MarketDayStep.RunSummary> runs) {
        StringBuilder h = new StringBuilder(64_000);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>MarketLink market day ")
                .append(today).append("</title><style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}"
                        + "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;"
                        + "text-align:left;font-size:.9rem}th{background:#f3f3f3}.num{text-align:right}"
                        + ".charts{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0}figcaption{font-size:.85rem}"
                        + "</style></head><body>");
        h.append("<h1>Market day ").append(today).append("</h1><p>")
                .append(f.shgs().size()).append(" producer groups, ").append(f.products().size()).append(" products, ")
                .append(f.buyers().size()).append(" buyers; ").append(recommendations.size())
                .append(" recommendations. The quality of the WFP price data is in <a href=\"quality-report.html\">"
                        + "the quality report</a>.</p>");

        if (!runs.isEmpty()) {
            h.append("<h2>Runs, quarantine and lineage</h2><table><tr><th>data</th><th>run (lineage id)</th>"
                    + "<th class=\"num\">rows in</th><th class=\"num\">rows out</th><th class=\"num\">quarantined"
                    + "</th><th>reasons</th><th>balanced</th></tr>");
            for (MarketDayStep.RunSummary r : runs) {
                h.append("<tr><td>").append(esc(r.name())).append("</td><td><code>").append(esc(r.run().runId()))
                        .append("</code></td><td class=\"num\">").append(String.format(Locale.ROOT, "%,d",
                                r.run().rowsIn())).append("</td><td class=\"num\">").append(String.format(Locale.ROOT,
                                "%,d", r.run().rowsOut())).append("</td><td class=\"num\">").append(String.format(
                                Locale.ROOT, "%,d", r.run().quarantined())).append("</td><td>")
                        .append(esc(r.reasons().toString())).append("</td><td>").append(r.run().balanced() ? "yes"
                                : "NO").append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("<h2>Recommended matches</h2><table><tr><th>group</th><th>buyer</th><th class=\"num\">score</th>"
                + "<th>strongest reasons</th></tr>");
        recommendations.stream().sorted((a, b) -> Double.compare(b.score(), a.score())).limit(MATCHES).forEach(r -> {
            Explanation e = explainer.explain(r.shgId(), r.buyerId());
            StringBuilder reasons = new StringBuilder();
            e.strongestFirst().stream().limit(3).forEach(c -> reasons.append(reasons.isEmpty() ? "" : ", ")
                    .append(c.feature().replace('_', ' ')).append(String.format(Locale.ROOT, " %+.2f",
                            c.contribution())));
            h.append("<tr><td>").append(esc(MarketDayStep.shgName(f.shgs(), r.shgId()))).append("</td><td>")
                    .append(esc(MarketDayStep.buyerName(f.buyers(), r.buyerId()))).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.3f", r.score())).append("</td><td>").append(esc(reasons
                            .toString())).append("</td></tr>");
        });
        h.append("</table>");

        h.append("<h2>Product features</h2><table><tr><th>product</th>");
        for (String name : MarketDayStep.REPORTED_FEATURES) {
            h.append("<th>").append(esc(name.replace('_', ' '))).append("</th>");
        }
        h.append("</tr>");
        features.stream().limit(20).forEach(e -> {
            h.append("<tr><td>").append(esc(e.getKey().name())).append("</td>");
            for (String name : MarketDayStep.REPORTED_FEATURES) {
                FeatureValue v = e.getValue().get(name);
                h.append("<td class=\"num\"").append(v.isPresent() ? ">" + String.format(Locale.ROOT, "%.3f",
                        v.value()) : " title=\"" + esc(v.reason()) + "\">–").append("</td>");
            }
            h.append("</tr>");
        });
        h.append("</table>");

        h.append("<h2>Demand forecasts (weekly units, 80% interval)</h2><div class=\"charts\">");
        forecasts.stream().filter(r -> r.forecast().isPresent()).limit(CHARTS).forEach(r -> {
            String product = f.products().stream().filter(p -> p.id().toString().equals(r.key()))
                    .map(Product::name).findFirst().orElse(r.key());
            h.append("<figure>").append(chart(r.series().values(), r.forecast().get()))
                    .append("<figcaption>").append(esc(product)).append(" — ").append(esc(r.forecast().get().model()))
                    .append("</figcaption></figure>");
        });
        h.append("</div></body></html>");
        return h.toString();
    }

    /** History as a line, the forecast as a dashed line over a shaded interval. */
    static String chart(double[] history, Forecast forecast) {
        double[] mean = forecast.mean();
        Interval band = forecast.interval(80).orElse(null);
        int n = history.length + mean.length;
        double max = 1;
        for (double v : history) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < mean.length; i++) {
            max = Math.max(max, band == null ? mean[i] : band.upper()[i]);
        }
        int width = 320;
        int height = 140;
        double dx = (double) (width - 20) / Math.max(1, n - 1);
        double scale = (height - 20) / max;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width
                + "\" height=\"" + height + "\" role=\"img\">");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fafafa\" stroke=\"#ddd\"/>");
        if (band != null) {
            StringBuilder poly = new StringBuilder();
            for (int i = 0; i < mean.length; i++) {
                poly.append(point(history.length + i, Math.max(0, band.upper()[i]), dx, scale, height)).append(' ');
            }
            for (int i = mean.length - 1; i >= 0; i--) {
                poly.append(point(history.length + i, Math.max(0, band.lower()[i]), dx, scale, height)).append(' ');
            }
            svg.append("<polygon class=\"interval\" points=\"").append(poly.toString().strip())
                    .append("\" fill=\"#9ecae1\" fill-opacity=\"0.5\"/>");
        }
        svg.append("<polyline class=\"history\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\" points=\"");
        for (int i = 0; i < history.length; i++) {
            svg.append(point(i, history[i], dx, scale, height)).append(' ');
        }
        svg.append("\"/><polyline class=\"forecast\" fill=\"none\" stroke=\"#08519c\" stroke-width=\"2\" "
                + "stroke-dasharray=\"4 3\" points=\"");
        svg.append(point(history.length - 1, history[history.length - 1], dx, scale, height)).append(' ');
        for (int i = 0; i < mean.length; i++) {
            svg.append(point(history.length + i, Math.max(0, mean[i]), dx, scale, height)).append(' ');
        }
        return svg.append("\"/></svg>").toString();
    }

    private static String point(int i, double v, double dx, double scale, int height) {
        return String.format(Locale.ROOT, "%.1f,%.1f", 10 + i * dx, height - 10 - v * scale);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
