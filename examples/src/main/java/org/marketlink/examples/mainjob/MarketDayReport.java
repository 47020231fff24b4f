package org.marketlink.examples.mainjob;

import org.marketlink.core.features.product.FeatureValue;
import org.marketlink.core.features.product.ProductFeatures;
import org.marketlink.core.model.Product;
import org.marketlink.forecast.BatchForecaster;
import org.marketlink.matching.retrieval.Recommendation;
import org.marketlink.matching.scoring.Explanation;
import org.marketlink.testing.MarketFixtures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The market day as one self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched): recommended
 * matches with their strongest reasons, product features, and demand forecast charts with their 80% intervals.
 */
final class MarketDayReport {
    private static final int CHARTS = 8;

    private MarketDayReport() {
    }

    static String render(LocalDate today, MarketFixtures f, MarketDayStep.Explainer explainer,
                         List<Recommendation> recommendations, List<BatchForecaster.Result> forecasts,
                         List<Map.Entry<Product, Map<String, FeatureValue>>> features,
                         List<MarketDayStep.RunSummary> runs, int proposed, String scorer) {
        StringBuilder h = new StringBuilder(64_000);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>MarketLink market day ")
                .append(today).append("</title><style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}"
                        + "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;"
                        + "text-align:left;font-size:.9rem}th{background:#f3f3f3}.num{text-align:right}"
                        + ".charts{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0}figcaption{font-size:.85rem}"
                        + "nav.contents{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid "
                        + "#ddd}nav.contents a{margin-right:1rem}"
                        + "</style></head><body>");
        h.append("<nav class=\"contents\"><a href=\"#matches\">Buyers per group</a><a href=\"#features\">Product "
                + "features</a><a href=\"#forecasts\">Demand forecasts</a><a href=\"#runs\">Runs and quarantine</a>"
                + "<a href=\"quality-report.html\">Quality report</a></nav>");
        h.append("<h1>Market day ").append(today).append("</h1><p>")
                .append(f.shgs().size()).append(" producer groups, ").append(f.products().size()).append(" products, ")
                .append(f.buyers().size()).append(" buyers. ").append(recommendations.size())
                .append(" buyers recommended (up to 3 per group, within each buyer's capacity); ").append(proposed)
                .append(" of them proposed as new matches today, the others already had a match with the group. "
                        + "Ranked by <code>").append(esc(scorer)).append("</code>. The quality of the WFP price "
                        + "data is in <a href=\"quality-report.html\">the quality report</a>.");
        if (!runs.isEmpty()) {
            long in = runs.stream().mapToLong(r -> r.run().rowsIn()).sum();
            long quarantined = runs.stream().mapToLong(r -> r.run().quarantined()).sum();
            h.append(" Data in: ").append(String.format(Locale.ROOT, "%,d", in)).append(" rows in ")
                    .append(runs.size()).append(" runs, ").append(String.format(Locale.ROOT, "%,d", quarantined))
                    .append(" quarantined with their reasons (<a href=\"#runs\">runs and quarantine</a>)")
                    .append(runs.stream().allMatch(r -> r.run().balanced()) ? "; every run balanced." : "; NOT every "
                            + "run balanced.");
        }
        h.append("</p>");

        h.append("<h2 id=\"matches\">Recommended matches: the best buyers for each group</h2><table><tr><th>group"
                + "</th><th class=\"num\">rank</th><th>buyer</th><th class=\"num\">score</th><th>strongest reasons "
                + "(contribution)</th></tr>");
        Map<UUID, List<Recommendation>> byGroup = new TreeMap<>();
        recommendations.forEach(r -> byGroup.computeIfAbsent(r.shgId(), k -> new ArrayList<>()).add(r));
        byGroup.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(
                (UUID id) -> MarketDayStep.shgName(f.shgs(), id)))).forEach(group -> {
            List<Recommendation> list = group.getValue().stream().sorted(Comparator.comparingInt(
                    Recommendation::rank)).toList();
            for (int i = 0; i < list.size(); i++) {
                Recommendation r = list.get(i);
                Explanation e = explainer.explain(r.shgId(), r.buyerId());
                StringBuilder reasons = new StringBuilder();
                e.strongestFirst().stream().limit(3).forEach(c -> reasons.append(reasons.isEmpty() ? "" : ", ")
                        .append(c.feature().replace('_', ' ')).append(String.format(Locale.ROOT, " %+.2f",
                                c.contribution())));
                h.append("<tr>");
                if (i == 0) {
                    h.append("<td rowspan=\"").append(list.size()).append("\">")
                            .append(esc(MarketDayStep.shgName(f.shgs(), r.shgId()))).append("</td>");
                }
                h.append("<td class=\"num\">").append(r.rank()).append("</td><td>")
                        .append(esc(MarketDayStep.buyerName(f.buyers(), r.buyerId()))).append("</td><td class=\"num\">")
                        .append(String.format(Locale.ROOT, "%.3f", r.score())).append("</td><td>")
                        .append(esc(reasons.toString())).append("</td></tr>");
            }
        });
        h.append("</table>");

        h.append("<h2 id=\"features\">Product features</h2><table><tr><th>product</th><th>group</th>");
        for (String name : MarketDayStep.REPORTED_FEATURES) {
            h.append("<th>").append(esc(name.replace('_', ' '))).append("</th>");
        }
        h.append("<th>trend</th></tr>");
        features.stream().limit(20).forEach(e -> {
            h.append("<tr><td>").append(esc(e.getKey().name())).append("</td><td>")
                    .append(esc(MarketDayStep.shgName(f.shgs(), e.getKey().shgId()))).append("</td>");
            for (String name : MarketDayStep.REPORTED_FEATURES) {
                FeatureValue v = e.getValue().get(name);
                h.append("<td class=\"num\"").append(v.isPresent() ? ">" + String.format(Locale.ROOT, "%.3f",
                        v.value()) : " title=\"" + esc(v.reason()) + "\">–").append("</td>");
            }
            h.append("<td>").append(ProductFeatures.trendDirection(e.getValue()).map(Enum::name)
                    .orElse("–")).append("</td></tr>");
        });
        h.append("</table>");

        h.append("<h2 id=\"forecasts\">Demand forecasts (weekly units, 80% interval)</h2><div class=\"charts\">");
        forecasts.stream().filter(r -> r.forecast().isPresent()).limit(CHARTS).forEach(r -> {
            Product p = f.products().stream().filter(x -> x.id().toString().equals(r.key())).findFirst()
                    .orElse(null);
            String product = p == null ? r.key() : p.name();
            String group = p == null ? "" : MarketDayStep.shgName(f.shgs(), p.shgId());
            h.append("<figure>").append(ForecastChart.svg(r.series(), r.forecast().get(), 80))
                    .append("<figcaption>").append(esc(product)).append(" — ").append(esc(group)).append(" — ").append(esc(r.forecast().get().model()))
                    .append("</figcaption></figure>");
        });
        h.append("</div>");
        runs(h, runs);
        h.append("</body></html>");
        return h.toString();
    }

    /** The runs behind the page, last: what a coordinator acts on comes first, the data's account after it. */
    private static void runs(StringBuilder h, List<MarketDayStep.RunSummary> runs) {
        if (!runs.isEmpty()) {
            h.append("<h2 id=\"runs\">Runs, quarantine and lineage</h2><table><tr><th>data</th><th>run (lineage id)</th>"
                    + "<th class=\"num\">rows in</th><th class=\"num\">rows out</th><th class=\"num\">quarantined"
                    + "</th><th>reasons</th><th>balanced</th></tr>");
            for (MarketDayStep.RunSummary r : runs) {
                h.append("<tr><td>").append(esc(r.name())).append("</td><td><code>").append(esc(r.run().runId()))
                        .append("</code></td><td class=\"num\">").append(String.format(Locale.ROOT, "%,d",
                                r.run().rowsIn())).append("</td><td class=\"num\">").append(String.format(Locale.ROOT,
                                "%,d", r.run().rowsOut())).append("</td><td class=\"num\">").append(String.format(
                                Locale.ROOT, "%,d", r.run().quarantined())).append("</td><td>")
                        .append(esc(reasons(r.reasons()))).append("</td><td>").append(r.run().balanced() ? "yes"
                                : "NO").append("</td></tr>");
            }
            h.append("</table>");
        }
    }

    /** Quarantine reasons, most rows first, with thousands separators: {@code DUPLICATE 744, UNKNOWN_UNIT 48}. */
    static String reasons(Map<String, Long> reasons) {
        if (reasons.isEmpty()) {
            return "none";
        }
        return reasons.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
