package org.marketlink.forecast.hierarchy;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.marketlink.core.Checks;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.Intervals;

import java.util.ArrayList;
import java.util.List;

/**
 * MinT reconciliation of whole forecasts: means that add up and intervals that belong to them. The reconciled
 * forecast is {@code ỹ = M ŷ} with {@code M = I − W Cᵀ (C W Cᵀ)⁻¹ C} ({@link Reconciliation#minTrace}), so if the
 * base forecast errors at step {@code h} have covariance {@code Σ_h}, the reconciled ones have {@code M Σ_h Mᵀ}
 * (Panagiotelis et al. 2023, the Gaussian case). {@code Σ_h} is built from what is known: each node's own forecast
 * standard deviation at {@code h} (read from its widest interval, as if normal) on the diagonal, and the correlations
 * of the shrunk in-sample residual covariance {@code W} between nodes. The intervals are then
 * {@code ỹ ± z·√diag(M Σ_h Mᵀ)}: a product's interval narrows where its category's forecast is surer than the sum of
 * its products, and the category's interval reflects how its products move together.
 *
 * <p>Memory and time are O(n²) and O(n²·a) in the n nodes and a aggregates: meant for hierarchies of up to a few
 * thousand nodes. Stateless and thread-safe.
 */
public final class ReconciledForecasts {
    private ReconciledForecasts() {
    }

    /**
     * Reconciles {@code base} forecasts (one per node, in {@link Hierarchy#nodes()} order, of one horizon, each with
     * at least one interval) by MinT with shrinkage, with intervals at {@code levels}.
     *
     * @param residuals {@code residuals[node][t]}, the base models' in-sample one-step errors at common times
     *                  ({@link Reconciliation#residuals})
     * @throws IllegalArgumentException when a node's forecast is missing, has another horizon or no interval, or a
     *                                  level is not in (0, 100) (naming the node or level)
     */
    public static List<Forecast> minTrace(Hierarchy hierarchy, List<Forecast> base, double[][] residuals,
                                          double... levels) {
        Checks.notNull("hierarchy", hierarchy);
        Checks.notNull("base", base);
        List<String> nodes = hierarchy.nodes();
        int n = nodes.size();
        if (base.size() != n) {
            throw new IllegalArgumentException(base.size() + " base forecasts for " + n + " nodes");
        }
        for (double level : levels) {
            Intervals.z(level);
        }
        int horizon = base.get(0).horizon();
        double[][] mean = new double[n][];
        double[][] sd = new double[n][horizon];
        for (int i = 0; i < n; i++) {
            Forecast f = base.get(i);
            if (f == null || f.horizon() != horizon) {
                throw new IllegalArgumentException("the base forecast of node '" + nodes.get(i) + "' has "
                        + (f == null ? "no value" : f.horizon() + " steps, the first node's " + horizon));
            }
            String node = nodes.get(i);
            Interval widest = f.intervals().stream().max((a, b) -> Double.compare(a.level(), b.level()))
                    .orElseThrow(() -> new IllegalArgumentException("the base forecast of node '" + node
                            + "' has no interval to read its uncertainty from"));
            double z = Intervals.z(widest.level());
            mean[i] = f.mean();
            for (int s = 0; s < horizon; s++) {
                sd[i][s] = (widest.upper()[s] - widest.lower()[s]) / (2 * z);
            }
        }
        // the shrunk covariance and the projection once, for the means (ỹ = M ŷ, as minTrace) and the variances
        Reconciliation.checkResiduals(hierarchy, residuals);
        double[][] w = Reconciliation.shrunkCovariance(residuals);
        RealMatrix m = projection(hierarchy, w);
        double[][] reconciled = m.multiply(new Array2DRowRealMatrix(mean, false)).getData();
        double[][] correlation = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double scale = Math.sqrt(w[i][i] * w[j][j]);
                correlation[i][j] = i == j ? 1 : scale > 0 ? w[i][j] / scale : 0;
            }
        }
        double[][] variance = new double[n][horizon];
        double[][] sigma = new double[n][n];
        for (int s = 0; s < horizon; s++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    sigma[i][j] = sd[i][s] * correlation[i][j] * sd[j][s];
                }
            }
            RealMatrix ms = m.multiply(new Array2DRowRealMatrix(sigma, false));
            for (int i = 0; i < n; i++) {
                double v = 0;
                for (int k = 0; k < n; k++) {
                    v += ms.getEntry(i, k) * m.getEntry(i, k);
                }
                variance[i][s] = Math.max(0, v);
            }
        }
        List<Forecast> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Interval> intervals = new ArrayList<>();
            for (double level : levels) {
                double z = Intervals.z(level);
                double[] lo = new double[horizon];
                double[] hi = new double[horizon];
                for (int s = 0; s < horizon; s++) {
                    double half = z * Math.sqrt(variance[i][s]);
                    lo[s] = reconciled[i][s] - half;
                    hi[s] = reconciled[i][s] + half;
                }
                intervals.add(new Interval(level, lo, hi));
            }
            Forecast f = base.get(i);
            out.add(new Forecast("MinT(" + f.model() + ")", reconciled[i], intervals, f.fallback()));
        }
        return out;
    }

    /** M = I − W Cᵀ (C W Cᵀ)⁻¹ C. */
    private static RealMatrix projection(Hierarchy hierarchy, double[][] w) {
        int n = w.length;
        double[][] c = Reconciliation.constraints(hierarchy);
        RealMatrix identity = MatrixUtils.createRealIdentityMatrix(n);
        if (c.length == 0) {
            return identity;
        }
        RealMatrix cm = new Array2DRowRealMatrix(c, false);
        RealMatrix wct = new Array2DRowRealMatrix(w, false).multiply(cm.transpose());
        RealMatrix k = new LUDecomposition(cm.multiply(wct)).getSolver().solve(cm);
        return identity.subtract(wct.multiply(k));
    }
}
