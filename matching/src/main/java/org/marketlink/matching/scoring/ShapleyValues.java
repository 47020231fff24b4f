package org.marketlink.matching.scoring;

import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Shapley values of a model's output for one input against one reference input (for example the training mean): the
 * share of {@code f(x) - f(reference)} each feature accounts for. Exact (every subset) for up to
 * {@value #EXACT_UP_TO} features; above that, averaged over seeded random orderings. Either way the values add up to
 * {@code f(x) - f(reference)} exactly, so an explanation's base plus contributions is the model's output. Public so
 * that scorers in other modules (the learned scorer) explain themselves the same way.
 *
 * <p>Stateless and thread-safe.
 */
public final class ShapleyValues {
    /** The largest number of features whose values are computed exactly, over every subset. */
    public static final int EXACT_UP_TO = 10;
    private static final int ORDERINGS = 256;

    private ShapleyValues() {
    }

    /**
     * Each feature's share of {@code f(x) - f(reference)}.
     *
     * @param f the model's output for a feature vector; called many times, so it must not keep the array
     * @param x the input explained
     * @param reference the input the explanation is relative to, as long as {@code x}
     * @param seed the seed of the random orderings used above {@link #EXACT_UP_TO} features
     * @return one value per feature, adding up to {@code f(x) - f(reference)}
     */
    public static double[] of(ToDoubleFunction<double[]> f, double[] x, double[] reference, long seed) {
        int p = x.length;
        return p <= EXACT_UP_TO ? exact(f, x, reference) : sampled(f, x, reference, seed);
    }

    private static double[] exact(ToDoubleFunction<double[]> f, double[] x, double[] reference) {
        int p = x.length;
        int subsets = 1 << p;
        double[] value = new double[subsets];
        double[] input = new double[p];
        for (int mask = 0; mask < subsets; mask++) {
            for (int i = 0; i < p; i++) {
                input[i] = (mask & (1 << i)) != 0 ? x[i] : reference[i];
            }
            value[mask] = f.applyAsDouble(input);
        }
        // weight of a subset of size s not holding i: s! (p - s - 1)! / p!
        double[] weight = new double[p];
        for (int s = 0; s < p; s++) {
            weight[s] = 1.0 / (p * binomial(p - 1, s));
        }
        double[] phi = new double[p];
        for (int mask = 0; mask < subsets; mask++) {
            int size = Integer.bitCount(mask);
            for (int i = 0; i < p; i++) {
                if ((mask & (1 << i)) == 0) {
                    phi[i] += weight[size] * (value[mask | (1 << i)] - value[mask]);
                }
            }
        }
        return phi;
    }

    private static double[] sampled(ToDoubleFunction<double[]> f, double[] x, double[] reference, long seed) {
        int p = x.length;
        Random random = new Random(seed);
        double[] phi = new double[p];
        int[] order = new int[p];
        double[] input = new double[p];
        for (int round = 0; round < ORDERINGS; round++) {
            for (int i = 0; i < p; i++) {
                order[i] = i;
            }
            for (int i = p - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            System.arraycopy(reference, 0, input, 0, p);
            double previous = f.applyAsDouble(input);
            for (int i : order) {
                input[i] = x[i];
                double next = f.applyAsDouble(input);
                phi[i] += (next - previous) / ORDERINGS;
                previous = next;
            }
        }
        return phi;
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }
}
