package org.marketlink.matching.features;

import org.marketlink.core.HostThreads;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * A low-rank embedding of buyers and items learned from implicit feedback, by alternating least squares with
 * confidence weights (Hu, Koren and Volinsky, "Collaborative filtering for implicit feedback datasets", 2008). Every
 * (buyer, item) cell is a preference of 1 (bought in the window) or 0 (not bought), trusted with confidence
 * {@code 1 + alpha · ln(1 + events)} where bought and 1 where not; the factors minimise
 * {@code Σ confidence · (preference - x_b · y_i)² + λ (Σ |x_b|² + Σ |y_i|²)} over all cells, without ever building the
 * dense matrix: each half-step solves one {@code k × k} system per buyer (or item) by Cholesky, from
 * {@code YᵀY} plus a correction over the cells it bought.
 *
 * <p>{@link #score(int, int)}, the dot product of a buyer's and an item's factors, is the collaborative feature. The
 * result depends only on the window, the options and the seed: the solves within a half-step are independent, so
 * running them on several threads gives the same factors to the last bit.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class ImplicitFactors {
    /**
     * @param factors        the rank {@code k}, ≥ 1
     * @param regularization {@code λ}, > 0
     * @param alpha          the confidence slope, ≥ 0
     * @param iterations     full sweeps (buyers then items), ≥ 1
     * @param seed           the seed of the random starting item factors
     */
    public record Options(int factors, double regularization, double alpha, int iterations, long seed) {
        /** Checks every value; the message names the one out of range. */
        public Options {
            if (factors < 1 || iterations < 1) {
                throw new IllegalArgumentException("factors and iterations must be at least 1, were " + factors
                        + ", " + iterations);
            }
            if (!(regularization > 0) || !Double.isFinite(regularization)) {
                throw new IllegalArgumentException("regularization must be a positive number, was " + regularization);
            }
            if (!(alpha >= 0) || !Double.isFinite(alpha)) {
                throw new IllegalArgumentException("alpha must be a finite number ≥ 0, was " + alpha);
            }
        }

        /** 32 factors, λ = 1, alpha 10, 12 sweeps, seed 42. */
        public static Options defaults() {
            return new Options(32, 1, 10, 12, 42);
        }

        /** The same with another rank. */
        public Options withFactors(int k) {
            return new Options(k, regularization, alpha, iterations, seed);
        }

        /** The same with another regularisation. */
        public Options withRegularization(double lambda) {
            return new Options(factors, lambda, alpha, iterations, seed);
        }

        /** The same with another confidence slope. */
        public Options withAlpha(double a) {
            return new Options(factors, regularization, a, iterations, seed);
        }

        /** The same with another seed. */
        public Options withSeed(long s) {
            return new Options(factors, regularization, alpha, iterations, s);
        }
    }

    private final int k;
    private final double[] buyerFactors;
    private final double[] itemFactors;

    private ImplicitFactors(int k, double[] buyerFactors, double[] itemFactors) {
        this.k = k;
        this.buyerFactors = buyerFactors;
        this.itemFactors = itemFactors;
    }

    /** Learns factors over {@code window} on the common fork-join pool. */
    public static ImplicitFactors fit(InteractionWindow window, Options options) {
        return fit(window, options, null);
    }

    /** Learns factors over {@code window} on the host's {@code executor} (null: the common fork-join pool). */
    public static ImplicitFactors fit(InteractionWindow window, Options options, Executor executor) {
        int k = options.factors();
        int buyers = window.buyers();
        int items = window.items();
        double[] x = new double[buyers * k];
        double[] y = new double[items * k];
        Random random = new Random(options.seed());
        double scale = 0.1 / Math.sqrt(k);
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextGaussian() * scale;
        }
        int pairs = window.pairs();
        double[] confidence = new double[pairs];
        int[] eventStart = window.eventStart();
        for (int p = 0; p < pairs; p++) {
            confidence[p] = 1 + options.alpha() * Math.log1p(eventStart[p + 1] - eventStart[p]);
        }
        // the buyer side reads its pairs through buyerPairs; the item side reads them in place
        int[] buyerStart = window.buyerStart();
        int[] buyerPairs = window.buyerPairs();
        int[] pairItem = window.pairItem();
        int[] itemStart = window.itemStart();
        int[] pairBuyer = window.pairBuyer();
        int[] identity = new int[pairs];
        for (int p = 0; p < pairs; p++) {
            identity[p] = p;
        }
        for (int it = 0; it < options.iterations(); it++) {
            halfStep(x, y, buyers, k, buyerStart, buyerPairs, pairItem, confidence, options.regularization(), executor);
            halfStep(y, x, items, k, itemStart, identity, pairBuyer, confidence, options.regularization(), executor);
        }
        return new ImplicitFactors(k, x, y);
    }

    /**
     * Solves every row of {@code solve} given {@code fixed}: row {@code r}'s cells are pairs
     * {@code order[start[r] .. start[r + 1] - 1]}, the other side's index of pair {@code p} is {@code other[p]}.
     */
    private static void halfStep(double[] solve, double[] fixed, int rows, int k, int[] start, int[] order,
                                 int[] other, double[] confidence, double lambda, Executor executor) {
        double[] gram = gram(fixed, k);
        int chunk = Math.max(1, rows / (Runtime.getRuntime().availableProcessors() * 8));
        int blocks = (rows + chunk - 1) / chunk;
        IntConsumer block = c -> {
            double[] a = new double[k * k];
            double[] b = new double[k];
            for (int r = c * chunk, end = Math.min(rows, (c + 1) * chunk); r < end; r++) {
                System.arraycopy(gram, 0, a, 0, k * k);
                Arrays.fill(b, 0);
                for (int d = 0; d < k; d++) {
                    a[d * k + d] += lambda;
                }
                for (int q = start[r]; q < start[r + 1]; q++) {
                    int p = order[q];
                    int o = other[p] * k;
                    double cm1 = confidence[p] - 1;
                    double cp = confidence[p];
                    for (int d = 0; d < k; d++) {
                        double fd = fixed[o + d];
                        b[d] += cp * fd;
                        double w = cm1 * fd;
                        int row = d * k;
                        for (int e = 0; e <= d; e++) {
                            a[row + e] += w * fixed[o + e];
                        }
                    }
                }
                solveInPlace(a, b, k);
                System.arraycopy(b, 0, solve, r * k, k);
            }
        };
        HostThreads.runBlocksOrCommonPool(executor, blocks, block, "fitting implicit factors");
    }

    /** {@code Fᵀ F}, lower triangle filled (the solver reads only that). */
    private static double[] gram(double[] f, int k) {
        double[] g = new double[k * k];
        for (int o = 0; o < f.length; o += k) {
            for (int d = 0; d < k; d++) {
                double fd = f[o + d];
                int row = d * k;
                for (int e = 0; e <= d; e++) {
                    g[row + e] += fd * f[o + e];
                }
            }
        }
        return g;
    }

    /**
     * Solves {@code A x = b} for symmetric positive definite {@code A} (lower triangle read), by Cholesky; {@code b}
     * becomes {@code x} and {@code A}'s lower triangle its factor.
     */
    static void solveInPlace(double[] a, double[] b, int k) {
        for (int j = 0; j < k; j++) {
            double s = a[j * k + j];
            for (int m = 0; m < j; m++) {
                s -= a[j * k + m] * a[j * k + m];
            }
            double diag = Math.sqrt(s);
            a[j * k + j] = diag;
            for (int i = j + 1; i < k; i++) {
                double t = a[i * k + j];
                for (int m = 0; m < j; m++) {
                    t -= a[i * k + m] * a[j * k + m];
                }
                a[i * k + j] = t / diag;
            }
        }
        for (int i = 0; i < k; i++) {
            double t = b[i];
            for (int m = 0; m < i; m++) {
                t -= a[i * k + m] * b[m];
            }
            b[i] = t / a[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double t = b[i];
            for (int m = i + 1; m < k; m++) {
                t -= a[m * k + i] * b[m];
            }
            b[i] = t / a[i * k + i];
        }
    }

    /** The rank. */
    public int factors() {
        return k;
    }

    /** The predicted preference of {@code buyer} for {@code item}: the dot product of their factors. */
    public double score(int buyer, int item) {
        double s = 0;
        int bo = buyer * k;
        int io = item * k;
        for (int d = 0; d < k; d++) {
            s += buyerFactors[bo + d] * itemFactors[io + d];
        }
        return s;
    }

    /** A copy of the buyer's factors. */
    public double[] buyerFactors(int buyer) {
        return Arrays.copyOfRange(buyerFactors, buyer * k, buyer * k + k);
    }

    /** A copy of the item's factors. */
    public double[] itemFactors(int item) {
        return Arrays.copyOfRange(itemFactors, item * k, item * k + k);
    }
}
