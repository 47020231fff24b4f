package org.marketlink.matching.scoring;

import java.util.Arrays;
import java.util.List;

/**
 * A linear ranking model over standardised features, {@code score(x) = Σ w_f (x_f - mean_f) / sd_f}, fitted by
 * Newton's method on an L2-penalised logistic loss, either
 * <ul>
 *   <li>{@link Objective#POINTWISE}: each candidate's own label ({@code log(1 + e^{-y s})} with an intercept), or</li>
 *   <li>{@link Objective#PAIRWISE}: every (relevant, not relevant) pair of candidates of the same query, the loss
 *       {@code log(1 + e^{-(s_pos - s_neg)})} (RankNet's loss on a linear model), which learns the order within a
 *       list rather than who is active at all.</li>
 * </ul>
 * With a handful of features the Newton step solves a small system exactly, so training converges in a few passes
 * over the examples and is repeatable to the last bit.
 *
 * <p>Immutable and thread-safe.
 */
public final class LinearRanker {
    /** What the loss compares. */
    public enum Objective {
        /** Each candidate against its own label. */
        POINTWISE,
        /** The relevant candidates of a query against its other candidates. */
        PAIRWISE
    }

    /**
     * Candidates grouped by query: row {@code r} has features {@code x[r * width .. (r + 1) * width - 1]} and label
     * {@code relevant[r]}; the rows of query {@code g} are {@code groupStart[g] .. groupStart[g + 1] - 1}.
     */
    public record Examples(int width, double[] x, boolean[] relevant, int[] groupStart) {
        /** Checks the shapes agree. */
        public Examples {
            if (width < 1 || x.length != (long) relevant.length * width) {
                throw new IllegalArgumentException("x must hold width × rows values: width " + width + ", "
                        + x.length + " values, " + relevant.length + " rows");
            }
            if (groupStart.length == 0 || groupStart[0] != 0 || groupStart[groupStart.length - 1] != relevant.length) {
                throw new IllegalArgumentException("groupStart must run from 0 to the number of rows");
            }
        }

        /** The number of rows. */
        public int rows() {
            return relevant.length;
        }
    }

    private final List<String> names;
    private final double[] mean;
    private final double[] sd;
    private final double[] weights;
    private final double intercept;

    private LinearRanker(List<String> names, double[] mean, double[] sd, double[] weights, double intercept) {
        this.names = names;
        this.mean = mean;
        this.sd = sd;
        this.weights = weights;
        this.intercept = intercept;
    }

    /**
     * Fits a ranker.
     *
     * @param names          the feature names, one per column
     * @param examples       the training candidates
     * @param objective      pointwise or pairwise
     * @param regularization the L2 penalty on the standardised weights, ≥ 0
     */
    public static LinearRanker fit(List<String> names, Examples examples, Objective objective, double regularization) {
        int d = examples.width();
        if (names.size() != d) {
            throw new IllegalArgumentException(names.size() + " names for " + d + " columns");
        }
        if (!(regularization >= 0)) {
            throw new IllegalArgumentException("regularization must be ≥ 0, was " + regularization);
        }
        int n = examples.rows();
        double[] x = examples.x();
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < d; f++) {
                mean[f] += x[r * d + f];
            }
        }
        for (int f = 0; f < d; f++) {
            mean[f] /= Math.max(1, n);
        }
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < d; f++) {
                double v = x[r * d + f] - mean[f];
                sd[f] += v * v;
            }
        }
        double[] z = new double[n * d];
        for (int f = 0; f < d; f++) {
            sd[f] = Math.sqrt(sd[f] / Math.max(1, n));
            if (!(sd[f] > 0)) {
                sd[f] = 1; // a constant column: its weight stays at 0 under the penalty
            }
        }
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < d; f++) {
                z[r * d + f] = (x[r * d + f] - mean[f]) / sd[f];
            }
        }
        boolean pairwise = objective == Objective.PAIRWISE;
        int p = pairwise ? d : d + 1; // the pointwise model's last parameter is the intercept
        double[] beta = new double[p];
        double[] diff = new double[d];
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] gradient = new double[p];
            double[] hessian = new double[p * p];
            for (int f = 0; f < d; f++) {
                gradient[f] = regularization * beta[f];
                hessian[f * p + f] = regularization;
            }
            if (pairwise) {
                addPairs(examples, z, d, beta, diff, gradient, hessian);
            } else {
                addPoints(examples, z, d, beta, gradient, hessian);
            }
            double[] step = solve(hessian, gradient, p);
            double largest = 0;
            for (int i = 0; i < p; i++) {
                beta[i] -= step[i];
                largest = Math.max(largest, Math.abs(step[i]));
            }
            if (largest < 1e-9) {
                break;
            }
        }
        return new LinearRanker(List.copyOf(names), mean, sd, Arrays.copyOf(beta, d), pairwise ? 0 : beta[d]);
    }

    private static void addPoints(Examples examples, double[] z, int d, double[] beta, double[] gradient,
                                  double[] hessian) {
        int p = d + 1;
        boolean[] relevant = examples.relevant();
        for (int r = 0; r < relevant.length; r++) {
            double s = beta[d];
            for (int f = 0; f < d; f++) {
                s += beta[f] * z[r * d + f];
            }
            double prob = 1 / (1 + Math.exp(-s));
            double g = prob - (relevant[r] ? 1 : 0);
            double h = prob * (1 - prob);
            for (int f = 0; f <= d; f++) {
                double zf = f == d ? 1 : z[r * d + f];
                gradient[f] += g * zf;
                for (int e = 0; e <= d; e++) {
                    hessian[f * p + e] += h * zf * (e == d ? 1 : z[r * d + e]);
                }
            }
        }
    }

    private static void addPairs(Examples examples, double[] z, int d, double[] beta, double[] diff, double[] gradient,
                                 double[] hessian) {
        boolean[] relevant = examples.relevant();
        int[] groupStart = examples.groupStart();
        for (int g = 0; g + 1 < groupStart.length; g++) {
            for (int a = groupStart[g]; a < groupStart[g + 1]; a++) {
                if (!relevant[a]) {
                    continue;
                }
                for (int b = groupStart[g]; b < groupStart[g + 1]; b++) {
                    if (relevant[b]) {
                        continue;
                    }
                    double s = 0;
                    for (int f = 0; f < d; f++) {
                        diff[f] = z[a * d + f] - z[b * d + f];
                        s += beta[f] * diff[f];
                    }
                    double prob = 1 / (1 + Math.exp(-s));
                    double gr = prob - 1;
                    double h = prob * (1 - prob);
                    for (int f = 0; f < d; f++) {
                        gradient[f] += gr * diff[f];
                        for (int e = 0; e < d; e++) {
                            hessian[f * d + e] += h * diff[f] * diff[e];
                        }
                    }
                }
            }
        }
    }

    /** Gaussian elimination with partial pivoting on a small dense system; a singular direction gets no step. */
    private static double[] solve(double[] a, double[] b, int n) {
        double[] m = a.clone();
        double[] v = b.clone();
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r * n + c]) > Math.abs(m[pivot * n + c])) {
                    pivot = r;
                }
            }
            for (int k = 0; k < n; k++) {
                double t = m[c * n + k];
                m[c * n + k] = m[pivot * n + k];
                m[pivot * n + k] = t;
            }
            double t = v[c];
            v[c] = v[pivot];
            v[pivot] = t;
            if (Math.abs(m[c * n + c]) < 1e-12) {
                continue;
            }
            for (int r = c + 1; r < n; r++) {
                double factor = m[r * n + c] / m[c * n + c];
                for (int k = c; k < n; k++) {
                    m[r * n + k] -= factor * m[c * n + k];
                }
                v[r] -= factor * v[c];
            }
        }
        double[] out = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            if (Math.abs(m[r * n + r]) < 1e-12) {
                continue;
            }
            double s = v[r];
            for (int k = r + 1; k < n; k++) {
                s -= m[r * n + k] * out[k];
            }
            out[r] = s / m[r * n + r];
        }
        return out;
    }

    /** The feature names. */
    public List<String> names() {
        return names;
    }

    /** The weight of each standardised feature, in column order; a copy. */
    public double[] weights() {
        return weights.clone();
    }

    /** The score of one row of raw features, {@code x[at .. at + width - 1]}. */
    public double score(double[] x, int at) {
        double s = intercept;
        for (int f = 0; f < weights.length; f++) {
            s += weights[f] * (x[at + f] - mean[f]) / sd[f];
        }
        return s;
    }

    /** Scores {@code rows} rows of raw features laid out row after row, into {@code out[0 .. rows - 1]}. */
    public void scoreAll(double[] x, int rows, double[] out) {
        int d = weights.length;
        for (int r = 0; r < rows; r++) {
            out[r] = score(x, r * d);
        }
    }
}
