package org.marketlink.forecast.hierarchy;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.models.Naive;
import org.marketlink.forecast.models.Theta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

class ReconciliationTest {
    /** market → two categories (one with a single product) → five products; the root is not listed first. */
    private static Hierarchy tree() {
        Map<String, String> parent = new LinkedHashMap<>();
        parent.put("rice", "grains");
        parent.put("grains", "market");
        parent.put("market", null);
        parent.put("millet", "grains");
        parent.put("maize", "grains");
        parent.put("pulses", "market");
        parent.put("lentils", "pulses");
        parent.put("oil", "market");
        parent.put("sunflower", "oil");
        parent.put("sesame", "oil");
        return Hierarchy.of(parent);
    }

    private static double[][] random(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = 10 + 40 * r.nextDouble();
            }
        }
        return a;
    }

    private static void assertCoherent(Hierarchy h, double[][] y) {
        for (int i = 0; i < y.length; i++) {
            for (int s = 0; s < y[i].length; s++) {
                double sum = 0;
                for (int j = 0; j < h.leaves().size(); j++) {
                    sum += h.sums(i, j) ? y[h.indexOf(h.leaves().get(j))][s] : 0;
                }
                assertThat(y[i][s]).as("%s at %d", h.nodes().get(i), s).isCloseTo(sum, offset(1e-9));
            }
        }
    }

    /** The textbook form S (Sᵀ W⁻¹ S)⁻¹ Sᵀ W⁻¹ ŷ, with S and W in node order. */
    private static double[][] textbook(Hierarchy h, double[][] base, double[][] w) {
        RealMatrix s = new Array2DRowRealMatrix(h.summingMatrix());
        RealMatrix wInv = new LUDecomposition(new Array2DRowRealMatrix(w)).getSolver().getInverse();
        RealMatrix st = s.transpose();
        RealMatrix p = new LUDecomposition(st.multiply(wInv).multiply(s)).getSolver().getInverse()
                .multiply(st).multiply(wInv);
        return s.multiply(p).multiply(new Array2DRowRealMatrix(base)).getData();
    }

    private static void assertClose(double[][] a, double[][] b) {
        for (int i = 0; i < a.length; i++) {
            for (int s = 0; s < a[i].length; s++) {
                assertThat(a[i][s]).as("row %d step %d", i, s).isCloseTo(b[i][s], offset(1e-8));
            }
        }
    }

    @Test
    void hierarchy_summingMatrix_followsTheTree() {
        Hierarchy h = tree();
        assertThat(h.leaves()).containsExactly("rice", "millet", "maize", "lentils", "sunflower", "sesame");
        assertThat(h.leafCount(h.indexOf("market"))).isEqualTo(6);
        assertThat(h.leafCount(h.indexOf("grains"))).isEqualTo(3);
        assertThat(h.leafCount(h.indexOf("pulses"))).isEqualTo(1);
        assertThat(h.summingMatrix()[h.indexOf("oil")]).containsExactly(0, 0, 0, 0, 1, 1);
    }

    @Test
    void everyMethod_addsUp_andTheLinearOnesEqualTheTextbookProjection() {
        Hierarchy h = tree();
        int n = h.nodes().size();
        double[][] base = random(n, 4, 1);
        assertCoherent(h, Reconciliation.reconcile(h, base, Reconciliation.Method.BOTTOM_UP));
        double[][] ols = Reconciliation.reconcile(h, base, Reconciliation.Method.OLS);
        double[][] wls = Reconciliation.reconcile(h, base, Reconciliation.Method.WLS_STRUCTURAL);
        assertCoherent(h, ols);
        assertCoherent(h, wls);
        double[][] identity = new double[n][n];
        double[][] structural = new double[n][n];
        for (int i = 0; i < n; i++) {
            identity[i][i] = 1;
            structural[i][i] = h.leafCount(i);
        }
        assertClose(ols, textbook(h, base, identity));
        assertClose(wls, textbook(h, base, structural));

        double[][] residuals = random(n, 60, 2);
        for (int t = 0; t < 60; t++) {
            residuals[h.indexOf("market")][t] += residuals[h.indexOf("grains")][t]; // correlated errors
            for (double[] r : residuals) {
                r[t] -= 30;
            }
        }
        double[][] mint = Reconciliation.minTrace(h, base, residuals);
        assertCoherent(h, mint);
        assertClose(mint, textbook(h, base, Reconciliation.shrunkCovariance(residuals)));
    }

    @Test
    void bottomUp_isTheSumOfTheLeaves_andCoherentForecastsStayAsTheyAre() {
        Hierarchy h = tree();
        double[][] base = random(h.nodes().size(), 3, 3);
        double[][] bu = Reconciliation.reconcile(h, base, Reconciliation.Method.BOTTOM_UP);
        for (int s = 0; s < 3; s++) {
            assertThat(bu[h.indexOf("oil")][s]).isEqualTo(base[h.indexOf("sunflower")][s]
                    + base[h.indexOf("sesame")][s]);
            assertThat(bu[h.indexOf("rice")][s]).isEqualTo(base[h.indexOf("rice")][s]);
        }
        for (Reconciliation.Method m : Reconciliation.Method.values()) {
            assertClose(Reconciliation.reconcile(h, bu, m), bu);
        }
        assertClose(Reconciliation.minTrace(h, bu, random(h.nodes().size(), 30, 4)), bu);
    }

    @Test
    void topDown_sharesTheRootsForecastByEachLeafsPartOfTheHistory() {
        Hierarchy h = tree();
        double[][] base = random(h.nodes().size(), 2, 8);
        double[][] history = new double[h.nodes().size()][4];
        // rice 1, millet 2, maize 3, lentils 4, sunflower 0, sesame 10 per step: 20 in all
        String[] leaf = {"rice", "millet", "maize", "lentils", "sunflower", "sesame"};
        double[] per = {1, 2, 3, 4, 0, 10};
        for (int j = 0; j < leaf.length; j++) {
            Arrays.fill(history[h.indexOf(leaf[j])], per[j]);
        }
        history[h.indexOf("market")][0] = 1e6; // aggregates' own history is not read
        double[][] td = Reconciliation.topDown(h, base, history);
        int market = h.indexOf("market");
        for (int s = 0; s < 2; s++) {
            assertThat(td[market][s]).isCloseTo(base[market][s], within(1e-9));
            assertThat(td[h.indexOf("maize")][s]).isCloseTo(base[market][s] * 3 / 20, within(1e-9));
            assertThat(td[h.indexOf("grains")][s]).isCloseTo(base[market][s] * 6 / 20, within(1e-9));
            assertThat(td[h.indexOf("sunflower")][s]).isZero();
        }
        assertClose(Reconciliation.reconcile(h, td, Reconciliation.Method.BOTTOM_UP), td);
        double[][] none = Reconciliation.topDown(h, base, new double[h.nodes().size()][4]);
        assertThat(none[h.indexOf("rice")][0]).isCloseTo(base[market][0] / 6, within(1e-9));
    }

    @Test
    void shrinkage_matchesTheSlowDefinition() {
        double[][] r = random(4, 25, 5);
        for (int t = 0; t < 25; t++) {
            r[1][t] = 0.7 * r[0][t] + 0.3 * r[1][t];
        }
        int n = 4;
        int t = 25;
        // Schäfer–Strimmer as R's hts::shrink.estim: covariance about 0, intensity from the standardised errors
        double[][] cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < t; k++) {
                    cov[i][j] += r[i][k] * r[j][k] / t;
                }
            }
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double[] w = new double[t];
                    double mean = 0;
                    for (int k = 0; k < t; k++) {
                        w[k] = r[i][k] / Math.sqrt(cov[i][i]) * r[j][k] / Math.sqrt(cov[j][j]);
                        mean += w[k] / t;
                    }
                    double var = 0;
                    for (int k = 0; k < t; k++) {
                        var += (w[k] - mean) * (w[k] - mean);
                    }
                    num += var / ((double) t * (t - 1));
                    den += cov[i][j] * cov[i][j] / (cov[i][i] * cov[j][j]);
                }
            }
        }
        double lambda = Math.max(0, Math.min(1, num / den));
        double[][] w = Reconciliation.shrunkCovariance(r);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = i == j ? cov[i][i] : (1 - lambda) * cov[i][j];
                assertThat(w[i][j]).isCloseTo(expected, offset(1e-9));
            }
        }
        assertThat(lambda).isBetween(0.0, 1.0);
    }

    @Test
    void residuals_areTheBaseModelsOwnAtTheTimesEveryNodeHasOne() {
        Hierarchy h = tree();
        double[][] y = random(10, 30, 9);
        y[h.indexOf("lentils")][12] = Double.NaN;
        List<FittedModel> fitted = new ArrayList<>();
        for (double[] row : y) {
            fitted.add(Naive.create().fit(row, 1)); // no residual at time 0; lentils none at 12 either
        }
        double[][] r = Reconciliation.residuals(h, fitted);
        assertThat(r).hasNumberOfRows(10);
        assertThat(r[0]).hasSize(28);
        int sesame = h.indexOf("sesame");
        // times 1..11 come first, then 13..29: the 12th kept residual is the one of time 13
        assertThat(r[sesame][0]).isEqualTo(y[sesame][1] - y[sesame][0]);
        assertThat(r[sesame][11]).isEqualTo(y[sesame][13] - y[sesame][12]);
        double[][] reconciled = Reconciliation.minTrace(h, random(10, 3, 10), r);
        assertCoherent(h, reconciled);
        List<FittedModel> withTheta = new ArrayList<>(fitted);
        withTheta.set(h.indexOf("oil"), Theta.create().fit(y[h.indexOf("oil")], 1));
        assertThatThrownBy(() -> Reconciliation.residuals(h, withTheta))
                .hasMessageContaining("the model of node 'oil' keeps no in-sample fit");
        assertThatThrownBy(() -> Reconciliation.residuals(h, fitted.subList(0, 3)))
                .hasMessageContaining("3 fitted models for 10 nodes");
    }

    @Test
    void badInput_isRefusedNamingWhatIsWrong() {
        Hierarchy h = tree();
        assertThatThrownBy(() -> Reconciliation.reconcile(h, new double[3][2], Reconciliation.Method.OLS))
                .hasMessageContaining("3 rows for 10 nodes");
        double[][] base = random(10, 2, 6);
        base[h.indexOf("maize")][1] = Double.NaN;
        assertThatThrownBy(() -> Reconciliation.reconcile(h, base, Reconciliation.Method.OLS))
                .hasMessageContaining("'maize'").hasMessageContaining("position 1");
        assertThatThrownBy(() -> Reconciliation.minTrace(h, random(10, 2, 7), random(10, 1, 8)))
                .hasMessageContaining("at least 2");
        Map<String, String> twoRoots = new LinkedHashMap<>();
        twoRoots.put("a", null);
        twoRoots.put("b", null);
        assertThatThrownBy(() -> Hierarchy.of(twoRoots)).hasMessageContaining("two roots");
        Map<String, String> orphan = new LinkedHashMap<>();
        orphan.put("a", null);
        orphan.put("b", "zz");
        assertThatThrownBy(() -> Hierarchy.of(orphan)).hasMessageContaining("'zz'");
        Map<String, String> cycle = new LinkedHashMap<>();
        cycle.put("root", null);
        cycle.put("x", "y");
        cycle.put("y", "x");
        assertThatThrownBy(() -> Hierarchy.of(cycle)).hasMessageContaining("cycle");
    }
}
