package org.marketlink.forecast.hierarchy;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.models.Ets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/**
 * Reconciled intervals on data whose distribution is known: four products under two regions under a market, each
 * product's demand its own level plus noise that is largely shared ({@code 0.8} common factor, {@code 0.6} own, so
 * products correlate at 0.64). Over 400 seeded draws of a 60-step history and the next value, the reconciled 80% and
 * 95% intervals of every node must cover the next value at close to their level. The market's interval depends on how
 * the products move together: with the correlations left out it would be far too narrow.
 */
class ReconciledForecastsTest {
    static final String[] LEAVES = {"n1", "n2", "s1", "s2"};
    static final double[] LEVEL = {50, 80, 30, 120};
    static final double[] SD = {4, 9, 3, 12};

    static Hierarchy market() {
        Map<String, String> parent = new LinkedHashMap<>();
        parent.put("market", null);
        parent.put("north", "market");
        parent.put("south", "market");
        parent.put("n1", "north");
        parent.put("n2", "north");
        parent.put("s1", "south");
        parent.put("s2", "south");
        return Hierarchy.of(parent);
    }

    /** 61 values per node: leaves drawn, aggregates summed; the last value is the outcome. */
    static double[][] draw(Hierarchy h, Random r) {
        int steps = 61;
        double[][] y = new double[h.nodes().size()][steps];
        for (int t = 0; t < steps; t++) {
            double common = r.nextGaussian();
            for (int l = 0; l < LEAVES.length; l++) {
                double v = LEVEL[l] + SD[l] * (0.8 * common + 0.6 * r.nextGaussian());
                y[h.indexOf(LEAVES[l])][t] = v;
                y[h.indexOf(LEAVES[l].startsWith("n") ? "north" : "south")][t] += v;
                y[h.indexOf("market")][t] += v;
            }
        }
        return y;
    }

    @Test
    void reconciledIntervalsCoverAtTheirLevelAndAddUp() {
        Hierarchy h = market();
        int n = h.nodes().size();
        int draws = 400;
        int[][] covered = new int[n][2];
        Random r = new Random(2026);
        for (int d = 0; d < draws; d++) {
            double[][] y = draw(h, r);
            List<FittedModel> fitted = new ArrayList<>();
            List<Forecast> base = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double[] train = Arrays.copyOf(y[i], 60);
                fitted.add(Ets.of("ANN").fit(train, 1));
                base.add(fitted.get(i).forecast(1, 80, 95));
            }
            List<Forecast> reconciled = ReconciledForecasts.minTrace(h, base, Reconciliation.residuals(h, fitted),
                    80, 95);
            // the means add up
            double leaves = 0;
            for (String leaf : LEAVES) {
                leaves += reconciled.get(h.indexOf(leaf)).mean()[0];
            }
            assertThat(reconciled.get(h.indexOf("market")).mean()[0]).isCloseTo(leaves, offset(1e-6));
            for (int i = 0; i < n; i++) {
                double outcome = y[i][60];
                Forecast f = reconciled.get(i);
                assertThat(f.model()).startsWith("MinT(ETS(A,N,N)");
                for (int k = 0; k < 2; k++) {
                    Interval in = f.intervals().get(k);
                    covered[i][k] += in.lower()[0] <= outcome && outcome <= in.upper()[0] ? 1 : 0;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            double c80 = 100.0 * covered[i][0] / draws;
            double c95 = 100.0 * covered[i][1] / draws;
            System.out.printf("%-7s reconciled coverage 80%%: %.1f, 95%%: %.1f%n", h.nodes().get(i), c80, c95);
            // 400 draws: a binomial standard error of 2.0 points at 80% and 1.1 at 95%
            assertThat(c80).as(h.nodes().get(i) + " at 80%").isBetween(74.0, 86.0);
            assertThat(c95).as(h.nodes().get(i) + " at 95%").isBetween(91.0, 98.5);
        }
    }

    @Test
    void badInputNamesTheNode() {
        Hierarchy h = market();
        Random r = new Random(1);
        double[][] y = draw(h, r);
        List<FittedModel> fitted = new ArrayList<>();
        List<Forecast> base = new ArrayList<>();
        for (double[] row : y) {
            fitted.add(Ets.of("ANN").fit(row, 1));
            base.add(fitted.get(fitted.size() - 1).forecast(2, 80));
        }
        double[][] residuals = Reconciliation.residuals(h, fitted);
        List<Forecast> noInterval = new ArrayList<>(base);
        noInterval.set(h.indexOf("south"), fitted.get(h.indexOf("south")).forecast(2));
        assertThatThrownBy(() -> ReconciledForecasts.minTrace(h, noInterval, residuals, 80))
                .hasMessageContaining("node 'south' has no interval");
        List<Forecast> shorter = new ArrayList<>(base);
        shorter.set(h.indexOf("n2"), fitted.get(h.indexOf("n2")).forecast(1, 80));
        assertThatThrownBy(() -> ReconciledForecasts.minTrace(h, shorter, residuals, 80))
                .hasMessageContaining("node 'n2' has 1 steps, the first node's 2");
        assertThatThrownBy(() -> ReconciledForecasts.minTrace(h, base, residuals, 100))
                .hasMessageContaining("interval level must be in (0, 100), was 100");
        assertThatThrownBy(() -> ReconciledForecasts.minTrace(h, base.subList(0, 3), residuals, 80))
                .hasMessageContaining("3 base forecasts for 7 nodes");
    }
}
