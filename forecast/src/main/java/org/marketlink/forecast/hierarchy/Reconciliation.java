package org.marketlink.forecast.hierarchy;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.marketlink.core.Checks;
import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.ModelSummary;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Makes independent forecasts of a hierarchy's nodes add up. Forecasts are given as {@code base[node][step]}, nodes
 * in {@link Hierarchy#nodes()} order; the result has the same shape and every node equals the sum of its leaves.
 *
 * <p>The linear methods project the base forecasts onto the coherent ones, weighting the adjustment by an error
 * covariance W: ỹ = ŷ − W Cᵀ (C W Cᵀ)⁻¹ C ŷ, where C says "each aggregate minus its leaves is 0". This is the same
 * as the textbook S (Sᵀ W⁻¹ S)⁻¹ Sᵀ W⁻¹ ŷ but solves a system the size of the aggregates only, not of the leaves, so a
 * hierarchy of thousands of products under a few hundred categories stays cheap. Stateless and thread-safe.
 */
public final class Reconciliation {
    /** How base forecasts are made coherent. */
    public enum Method {
        /** Every aggregate is the sum of its leaves' base forecasts; the aggregates' own forecasts are not used. */
        BOTTOM_UP,
        /** W = I: the least-squares adjustment (Hyndman et al. 2011). */
        OLS,
        /** W = diag(leaves under each node): structural scaling (Athanasopoulos et al. 2017), no residuals needed. */
        WLS_STRUCTURAL
    }

    private Reconciliation() {
    }

    /**
     * Reconciles {@code base} by {@code method}.
     *
     * @throws IllegalArgumentException when {@code base} does not have one row per node, rows of one length, or holds
     *                                  a value that is not finite (naming the node and step)
     */
    public static double[][] reconcile(Hierarchy hierarchy, double[][] base, Method method) {
        Checks.notNull("hierarchy", hierarchy);
        Checks.notNull("method", method);
        int h = check(hierarchy, base, "base forecasts");
        int n = hierarchy.nodes().size();
        if (method == Method.BOTTOM_UP) {
            return bottomUp(hierarchy, base, h);
        }
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            w[i][i] = method == Method.OLS ? 1 : hierarchy.leafCount(i);
        }
        return project(hierarchy, base, w, h);
    }

    /**
     * Top-down by the proportions of the historical averages (Gross and Sohl's method F, {@code tdgsf} in R's
     * {@code hts}): the root's base forecast is shared among the leaves in proportion to each leaf's total over
     * {@code history}, and every node is the sum of its leaves' shares. Only the root's forecast is used. A history
     * that sums to zero shares equally.
     *
     * @param history {@code history[node][t]}, the observed values, nodes in {@link Hierarchy#nodes()} order (only the
     *                leaves' rows are read)
     * @throws IllegalArgumentException as {@link #reconcile} does, for {@code base} or {@code history}
     */
    public static double[][] topDown(Hierarchy hierarchy, double[][] base, double[][] history) {
        Checks.notNull("hierarchy", hierarchy);
        int h = check(hierarchy, base, "base forecasts");
        check(hierarchy, history, "history");
        List<String> leaves = hierarchy.leaves();
        double[] share = new double[leaves.size()];
        double total = 0;
        for (int j = 0; j < leaves.size(); j++) {
            for (double v : history[hierarchy.indexOf(leaves.get(j))]) {
                share[j] += v;
            }
            total += share[j];
        }
        for (int j = 0; j < share.length; j++) {
            share[j] = total == 0 ? 1.0 / share.length : share[j] / total;
        }
        int root = root(hierarchy);
        double[][] leafForecasts = new double[base.length][h];
        for (int j = 0; j < leaves.size(); j++) {
            for (int s = 0; s < h; s++) {
                leafForecasts[hierarchy.indexOf(leaves.get(j))][s] = share[j] * base[root][s];
            }
        }
        return bottomUp(hierarchy, leafForecasts, h);
    }

    /** The node every leaf is under. */
    private static int root(Hierarchy hierarchy) {
        int leaves = hierarchy.leaves().size();
        for (int i = 0; i < hierarchy.nodes().size(); i++) {
            if (hierarchy.leafCount(i) == leaves && !hierarchy.leaves().contains(hierarchy.nodes().get(i))) {
                return i;
            }
        }
        return hierarchy.indexOf(hierarchy.leaves().get(0)); // a hierarchy of one node
    }

    /**
     * MinT with shrinkage (Wickramasuriya, Athanasopoulos and Hyndman 2019): W is the covariance of the nodes'
     * in-sample one-step errors shrunk towards its diagonal with the Schäfer–Strimmer intensity, as R's {@code hts}
     * computes it (errors taken as having mean 0).
     *
     * @param residuals {@code residuals[node][t]}, one-step in-sample errors of the base models, nodes in
     *                  {@link Hierarchy#nodes()} order, the same times for every node (at least 2)
     */
    public static double[][] minTrace(Hierarchy hierarchy, double[][] base, double[][] residuals) {
        Checks.notNull("hierarchy", hierarchy);
        int h = check(hierarchy, base, "base forecasts");
        checkResiduals(hierarchy, residuals);
        return project(hierarchy, base, shrunkCovariance(residuals), h);
    }

    /** Checks MinT's residuals: one row per node, of one length, finite, at least 2 per node. */
    static void checkResiduals(Hierarchy hierarchy, double[][] residuals) {
        int t = check(hierarchy, residuals, "residuals");
        if (t < 2) {
            throw new IllegalArgumentException("MinT needs at least 2 residuals per node, had " + t);
        }
    }

    /**
     * The in-sample residuals of the nodes' fitted base models ({@link FittedModel#summary()}), as {@link #minTrace}
     * takes them: {@code out[node][k]} over the times at which every node has a residual (a differenced ARIMA has none
     * for its first observations, a missing value none at its time), oldest first.
     *
     * @param fitted the base model of each node, in {@link Hierarchy#nodes()} order, fitted to series of one length
     * @throws IllegalArgumentException when a node's model keeps no in-sample fit, the series differ in length, or
     *                                  fewer than 2 times have a residual at every node (naming the node)
     */
    public static double[][] residuals(Hierarchy hierarchy, List<FittedModel> fitted) {
        Checks.notNull("hierarchy", hierarchy);
        Checks.notNull("fitted", fitted);
        List<String> nodes = hierarchy.nodes();
        if (fitted.size() != nodes.size()) {
            throw new IllegalArgumentException(fitted.size() + " fitted models for " + nodes.size() + " nodes");
        }
        double[][] all = new double[nodes.size()][];
        for (int i = 0; i < all.length; i++) {
            int node = i;
            ModelSummary s = fitted.get(i).summary().orElseThrow(() -> new IllegalArgumentException("the model of node '"
                    + nodes.get(node) + "' keeps no in-sample fit; pass its residuals to minTrace yourself"));
            all[i] = s.residuals();
            if (all[i].length != all[0].length) {
                throw new IllegalArgumentException("node '" + nodes.get(i) + "' was fitted to " + all[i].length
                        + " observations, node '" + nodes.get(0) + "' to " + all[0].length);
            }
        }
        boolean[] keep = new boolean[all[0].length];
        int kept = 0;
        for (int t = 0; t < keep.length; t++) {
            keep[t] = true;
            for (double[] r : all) {
                keep[t] &= Double.isFinite(r[t]);
            }
            kept += keep[t] ? 1 : 0;
        }
        if (kept < 2) {
            throw new IllegalArgumentException("only " + kept + " time(s) have a residual at every node; MinT needs 2");
        }
        double[][] out = new double[all.length][kept];
        for (int i = 0; i < all.length; i++) {
            for (int t = 0, k = 0; t < keep.length; t++) {
                if (keep[t]) {
                    out[i][k++] = all[i][t];
                }
            }
        }
        return out;
    }

    /** The shrunk covariance W of MinT, from {@code residuals[node][t]}. */
    static double[][] shrunkCovariance(double[][] residuals) {
        int n = residuals.length;
        int t = residuals[0].length;
        double[][] cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int k = 0; k < t; k++) {
                    s += residuals[i][k] * residuals[j][k];
                }
                cov[i][j] = s / t;
                cov[j][i] = cov[i][j];
            }
        }
        double[][] xs = new double[n][t];
        for (int i = 0; i < n; i++) {
            double sd = Math.sqrt(cov[i][i]);
            for (int k = 0; k < t; k++) {
                xs[i][k] = sd == 0 ? 0 : residuals[i][k] / sd;
            }
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double sq = 0;
                double cross = 0;
                for (int k = 0; k < t; k++) {
                    sq += xs[i][k] * xs[i][k] * xs[j][k] * xs[j][k];
                    cross += xs[i][k] * xs[j][k];
                }
                num += (sq - cross * cross / t) / ((double) t * (t - 1));
                double corr = cov[i][i] == 0 || cov[j][j] == 0 ? 0 : cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
                den += corr * corr;
            }
        }
        double lambda = den == 0 ? 1 : Math.max(0, Math.min(1, num / den));
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i][j] = i == j ? cov[i][i] : (1 - lambda) * cov[i][j];
            }
        }
        return w;
    }

    private static double[][] bottomUp(Hierarchy hierarchy, double[][] base, int h) {
        List<String> leaves = hierarchy.leaves();
        double[][] out = new double[base.length][h];
        for (int i = 0; i < base.length; i++) {
            for (int j = 0; j < leaves.size(); j++) {
                if (hierarchy.sums(i, j)) {
                    double[] leaf = base[hierarchy.indexOf(leaves.get(j))];
                    for (int s = 0; s < h; s++) {
                        out[i][s] += leaf[s];
                    }
                }
            }
        }
        return out;
    }

    /** ỹ = ŷ − W Cᵀ (C W Cᵀ)⁻¹ C ŷ with one row of C per aggregate: the aggregate minus its leaves. */
    private static double[][] project(Hierarchy hierarchy, double[][] base, double[][] w, int h) {
        double[][] c = constraints(hierarchy);
        if (c.length == 0) {
            return copy(base);
        }
        RealMatrix cm = new Array2DRowRealMatrix(c, false);
        RealMatrix wm = new Array2DRowRealMatrix(w, false);
        RealMatrix wct = wm.multiply(cm.transpose());
        RealMatrix gap = cm.multiply(new Array2DRowRealMatrix(base, false));
        RealMatrix x = new LUDecomposition(cm.multiply(wct)).getSolver().solve(gap);
        RealMatrix adjusted = new Array2DRowRealMatrix(base, true).subtract(wct.multiply(x));
        return adjusted.getData();
    }

    /** C: one row per aggregate, 1 at the aggregate and -1 at each of its leaves; no rows without aggregates. */
    static double[][] constraints(Hierarchy hierarchy) {
        int n = hierarchy.nodes().size();
        List<String> leaves = hierarchy.leaves();
        Set<String> leafSet = new HashSet<>(leaves);
        int[] aggregates = IntStream.range(0, n).filter(i -> !leafSet.contains(hierarchy.nodes().get(i))).toArray();
        double[][] c = new double[aggregates.length][n];
        for (int a = 0; a < aggregates.length; a++) {
            c[a][aggregates[a]] = 1;
            for (int j = 0; j < leaves.size(); j++) {
                if (hierarchy.sums(aggregates[a], j)) {
                    c[a][hierarchy.indexOf(leaves.get(j))] -= 1;
                }
            }
        }
        return c;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    /** Checks one row per node, equal lengths, finite values; returns the row length. */
    private static int check(Hierarchy hierarchy, double[][] rows, String what) {
        Checks.notNull(what, rows);
        List<String> nodes = hierarchy.nodes();
        if (rows.length != nodes.size()) {
            throw new IllegalArgumentException(what + " have " + rows.length + " rows for " + nodes.size()
                    + " nodes");
        }
        int len = rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != len) {
                throw new IllegalArgumentException(what + " of node '" + nodes.get(i) + "' have " + rows[i].length
                        + " values, the first node's " + len);
            }
            for (int s = 0; s < len; s++) {
                if (!Double.isFinite(rows[i][s])) {
                    throw new IllegalArgumentException(what + " of node '" + nodes.get(i) + "' at position " + s
                            + " is " + rows[i][s]);
                }
            }
        }
        return len;
    }
}
