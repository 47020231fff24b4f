package org.marketlink.forecast.hierarchy;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.OnlineRetailSales;
import org.marketlink.forecast.evaluation.Metrics;
import org.marketlink.forecast.models.Ets;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Reconciliation on a real hierarchy: Online Retail's weekly units (January to September 2011) of the 200 products
 * sold in most weeks, under their 3-digit stock-code family, under the whole shop; AutoETS base forecasts of every
 * node, the last 8 weeks held out; MASE per level before and after each reconciliation. MinT takes the covariance of
 * the base models' own in-sample residuals ({@link Reconciliation#residuals}); "MinT, naive errors" is the same with
 * each node's one-step naive errors instead, the stand-in used before the models exposed their residuals.
 */
class OnlineRetailHierarchyTest {
    private static final int PRODUCTS = 200;
    private static final int HELD_OUT = 8;

    @Test
    void reconciledForecasts_addUp_andAreScoredPerLevel() {
        Map<String, double[]> leaves = weeklyUnits();
        Map<String, String> parent = new LinkedHashMap<>();
        parent.put("all", null);
        Map<String, double[]> series = new LinkedHashMap<>();
        int weeks = leaves.values().iterator().next().length;
        series.put("all", new double[weeks]);
        for (Map.Entry<String, double[]> e : leaves.entrySet()) {
            String family = "family " + e.getKey().substring(0, 3);
            parent.putIfAbsent(family, "all");
            series.computeIfAbsent(family, k -> new double[weeks]);
        }
        for (Map.Entry<String, double[]> e : leaves.entrySet()) {
            parent.put(e.getKey(), "family " + e.getKey().substring(0, 3));
            series.put(e.getKey(), e.getValue());
            for (int w = 0; w < weeks; w++) {
                series.get("family " + e.getKey().substring(0, 3))[w] += e.getValue()[w];
                series.get("all")[w] += e.getValue()[w];
            }
        }
        Hierarchy h = Hierarchy.of(parent);
        int n = h.nodes().size();
        int train = weeks - HELD_OUT;
        double[][] history = new double[n][];
        double[][] actual = new double[n][];
        double[][] base = new double[n][];
        double[][] naiveErrors = new double[n][train - 1];
        List<FittedModel> fitted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] y = series.get(h.nodes().get(i));
            history[i] = Arrays.copyOf(y, train);
            actual[i] = Arrays.copyOfRange(y, train, weeks);
            fitted.add(Ets.auto().fit(history[i], 1));
            base[i] = fitted.get(i).forecast(HELD_OUT).mean();
            for (int t = 1; t < train; t++) {
                naiveErrors[i][t - 1] = history[i][t] - history[i][t - 1];
            }
        }
        Map<String, double[][]> methods = new LinkedHashMap<>();
        methods.put("base", base);
        methods.put("bottom-up", Reconciliation.reconcile(h, base, Reconciliation.Method.BOTTOM_UP));
        methods.put("top-down", Reconciliation.topDown(h, base, history));
        methods.put("OLS", Reconciliation.reconcile(h, base, Reconciliation.Method.OLS));
        methods.put("WLS", Reconciliation.reconcile(h, base, Reconciliation.Method.WLS_STRUCTURAL));
        double[][] residuals = Reconciliation.residuals(h, fitted);
        assertThat(residuals[0]).hasSize(train);
        methods.put("MinT", Reconciliation.minTrace(h, base, residuals));
        methods.put("MinT, naive errors", Reconciliation.minTrace(h, base, naiveErrors));
        System.out.printf("Online Retail hierarchy: %d products, %d families, 1 shop; %d weeks ahead; mean MASE%n",
                leaves.size(), n - leaves.size() - 1, HELD_OUT);
        System.out.println("| method | products | families | shop |");
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (Map.Entry<String, double[][]> m : methods.entrySet()) {
            double[] byLevel = new double[3];
            int[] count = new int[3];
            for (int i = 0; i < n; i++) {
                String node = h.nodes().get(i);
                int level = node.equals("all") ? 2 : node.startsWith("family ") ? 1 : 0;
                byLevel[level] += Metrics.mase(history[i], actual[i], m.getValue()[i], 1);
                count[level]++;
            }
            for (int l = 0; l < 3; l++) {
                byLevel[l] /= count[l];
            }
            scores.put(m.getKey(), byLevel);
            System.out.printf("| %s | %.3f | %.3f | %.3f |%n", m.getKey(), byLevel[0], byLevel[1], byLevel[2]);
            if (!m.getKey().equals("base")) {
                assertCoherent(h, m.getValue());
            }
        }
        // intervals: each node's AutoETS 80% and 95% intervals, and the MinT-reconciled ones, against the 8 weeks
        List<Forecast> baseForecasts = new ArrayList<>();
        for (FittedModel f : fitted) {
            baseForecasts.add(f.forecast(HELD_OUT, 80, 95));
        }
        List<Forecast> reconciled = ReconciledForecasts.minTrace(h, baseForecasts, residuals, 80, 95);
        double[][] coverage = new double[2][6]; // base / reconciled x (80, 95) x level
        int[] nodesAt = new int[3];
        for (int i = 0; i < n; i++) {
            String node = h.nodes().get(i);
            int level = node.equals("all") ? 2 : node.startsWith("family ") ? 1 : 0;
            nodesAt[level]++;
            for (int k = 0; k < 2; k++) {
                for (int which = 0; which < 2; which++) {
                    Interval in = (which == 0 ? baseForecasts : reconciled).get(i).intervals().get(k);
                    int inside = 0;
                    for (int s = 0; s < HELD_OUT; s++) {
                        inside += in.lower()[s] <= actual[i][s] && actual[i][s] <= in.upper()[s] ? 1 : 0;
                    }
                    coverage[which][k * 3 + level] += 100.0 * inside / HELD_OUT;
                }
            }
            assertThat(reconciled.get(i).mean()).containsExactly(methods.get("MinT")[i], within(1e-9));
        }
        System.out.println("| coverage (80% / 95%) | products | families | shop |");
        for (int which = 0; which < 2; which++) {
            System.out.printf("| %s | %.1f / %.1f | %.1f / %.1f | %.1f / %.1f |%n", which == 0 ? "base" : "MinT",
                    coverage[which][0] / nodesAt[0], coverage[which][3] / nodesAt[0],
                    coverage[which][1] / nodesAt[1], coverage[which][4] / nodesAt[1],
                    coverage[which][2] / nodesAt[2], coverage[which][5] / nodesAt[2]);
        }
        // measured (products, 200 x 8 weeks): base 80.9 / 88.8, MinT 82.7 / 90.3; the shop is one node over 8 weeks
        assertThat(coverage[1][0] / nodesAt[0]).as("reconciled products at 80%").isBetween(72.0, 88.0);
        assertThat(coverage[1][3] / nodesAt[0]).as("reconciled products at 95%").isGreaterThan(87.0);
        assertThat(leaves).hasSize(PRODUCTS);
        assertThat(n - PRODUCTS - 1).isGreaterThan(10);
        // measured (mean MASE products / families / shop): base 1.183 / 0.958 / 0.778, bottom-up 1.183 / 0.967 /
        // 0.679, top-down 0.958 / 0.941 / 0.778, OLS 1.268 / 0.949 / 0.775, WLS 1.211 / 0.932 / 0.710, MinT 1.170 /
        // 0.933 / 0.701 (1.174 / 0.934 / 0.701 on naive errors). Noisy products gain most from the shop's share of them; the shop from its products' sum
        double[] base0 = scores.get("base");
        double[] mint = scores.get("MinT");
        double[] topDown = scores.get("top-down");
        assertThat(mint[0]).isLessThanOrEqualTo(base0[0]);
        assertThat(mint[1]).isLessThan(base0[1]);
        assertThat(mint[2]).isLessThan(0.95 * base0[2]);
        assertThat(topDown[0]).isLessThan(0.9 * base0[0]);
        assertThat(topDown[2]).isCloseTo(base0[2], within(1e-9));
        assertThat(scores.get("bottom-up")[2]).isLessThan(base0[2]);
    }

    private static void assertCoherent(Hierarchy h, double[][] f) {
        for (int i = 0; i < h.nodes().size(); i++) {
            for (int s = 0; s < f[i].length; s++) {
                double sum = 0;
                for (int j = 0; j < h.leaves().size(); j++) {
                    if (h.sums(i, j)) {
                        sum += f[h.indexOf(h.leaves().get(j))][s];
                    }
                }
                assertThat(f[i][s]).isCloseTo(sum, within(1e-6 * Math.max(1, Math.abs(sum))));
            }
        }
    }

    /** Weekly units from 3 January 2011 of the products (stock codes starting with 3 digits) sold in most weeks. */
    private static Map<String, double[]> weeklyUnits() {
        LocalDate first = LocalDate.of(2011, 1, 3);
        List<OnlineRetailSales.Sale> sales = OnlineRetailSales.read();
        LocalDate last = sales.stream().map(OnlineRetailSales.Sale::day).max(LocalDate::compareTo).orElseThrow();
        int weeks = (int) (ChronoUnit.DAYS.between(first, last) + 1) / 7;
        Map<String, double[]> units = new HashMap<>();
        for (OnlineRetailSales.Sale s : sales) {
            long days = ChronoUnit.DAYS.between(first, s.day());
            if (days < 0 || days / 7 >= weeks || !s.stockCode().matches("\\d{3}.*")) {
                continue;
            }
            units.computeIfAbsent(s.stockCode(), k -> new double[weeks])[(int) (days / 7)] += s.quantity();
        }
        List<Map.Entry<String, double[]>> all = new ArrayList<>(units.entrySet());
        all.sort((a, b) -> {
            long wa = Arrays.stream(a.getValue()).filter(v -> v > 0).count();
            long wb = Arrays.stream(b.getValue()).filter(v -> v > 0).count();
            return wa != wb ? Long.compare(wb, wa) : a.getKey().compareTo(b.getKey());
        });
        Map<String, double[]> out = new TreeMap<>();
        for (Map.Entry<String, double[]> e : all.subList(0, PRODUCTS)) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
