package org.marketlink.quality.experiments;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A/B comparisons with the test that suits the metric: the two-proportion z-test for rates, Welch's t-test for means;
 * and the sample size per group needed to detect a given effect. Distributions come from commons-math3. Pure
 * functions, thread-safe.
 */
public final class Experiments {
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private Experiments() {
    }

    /**
     * Compares the rates of two groups.
     *
     * @throws IllegalArgumentException when a group has no trials, successes exceed trials or are negative, or the
     *                                  confidence is not in (0, 1)
     */
    public static RateComparison compareRates(long controlTrials, long controlSuccesses, long treatmentTrials,
                                              long treatmentSuccesses, double confidence) {
        checkGroup("control", controlTrials, controlSuccesses);
        checkGroup("treatment", treatmentTrials, treatmentSuccesses);
        checkConfidence(confidence);
        double pA = (double) controlSuccesses / controlTrials;
        double pB = (double) treatmentSuccesses / treatmentTrials;
        double pooled = (double) (controlSuccesses + treatmentSuccesses) / (controlTrials + treatmentTrials);
        double pooledSe = Math.sqrt(pooled * (1 - pooled) * (1.0 / controlTrials + 1.0 / treatmentTrials));
        double diff = pB - pA;
        double z = pooledSe == 0 ? 0 : diff / pooledSe;
        double p = pooledSe == 0 ? 1 : 2 * NORMAL.cumulativeProbability(-Math.abs(z));
        double se = Math.sqrt(pA * (1 - pA) / controlTrials + pB * (1 - pB) / treatmentTrials);
        double critical = NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double low = diff - critical * se;
        double high = diff + critical * se;
        return new RateComparison(controlTrials, controlSuccesses, treatmentTrials, treatmentSuccesses, pA, pB, diff,
                low, high, relative(diff, pA), relative(low, pA), relative(high, pA), z, p, confidence);
    }

    /**
     * Compares the means of two samples with Welch's t-test.
     *
     * @throws IllegalArgumentException when a sample has fewer than 2 values or a value is not finite
     */
    public static MeanComparison compareMeans(double[] control, double[] treatment, double confidence) {
        checkConfidence(confidence);
        double[] a = moments("control", control);
        double[] b = moments("treatment", treatment);
        double va = a[1] / control.length;
        double vb = b[1] / treatment.length;
        double diff = b[0] - a[0];
        double se = Math.sqrt(va + vb);
        double df = se == 0 ? control.length + treatment.length - 2
                : (va + vb) * (va + vb) / (va * va / (control.length - 1) + vb * vb / (treatment.length - 1));
        TDistribution dist = new TDistribution(null, df);
        double t = se == 0 ? 0 : diff / se;
        double p = se == 0 ? 1 : 2 * dist.cumulativeProbability(-Math.abs(t));
        double critical = dist.inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double low = diff - critical * se;
        double high = diff + critical * se;
        return new MeanComparison(control.length, a[0], treatment.length, b[0], diff, low, high, relative(diff, a[0]),
                relative(low, a[0]), relative(high, a[0]), t, df, p, confidence);
    }

    /**
     * Trials needed in each group for the two-proportion test to detect a change of the rate from {@code baseRate}
     * to {@code baseRate + minimumDifference} with two-sided significance {@code alpha} and the given power.
     */
    public static long sampleSizeForRates(double baseRate, double minimumDifference, double alpha, double power) {
        double p2 = baseRate + minimumDifference;
        if (!(baseRate > 0 && baseRate < 1 && p2 > 0 && p2 < 1 && minimumDifference != 0)) {
            throw new IllegalArgumentException("rates must stay within (0, 1) and differ, were " + baseRate + " and "
                    + p2);
        }
        checkTest(alpha, power);
        double za = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        double zb = NORMAL.inverseCumulativeProbability(power);
        double mean = (baseRate + p2) / 2;
        double root = za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(baseRate * (1 - baseRate) + p2 * (1 - p2));
        return (long) Math.ceil(root * root / (minimumDifference * minimumDifference));
    }

    /**
     * Observations needed in each group for a two-sided test of means (normal approximation) to detect a difference
     * of {@code minimumDifference} when each group's standard deviation is {@code stddev}.
     */
    public static long sampleSizeForMeans(double stddev, double minimumDifference, double alpha, double power) {
        if (!(stddev > 0) || !(minimumDifference != 0) || !Double.isFinite(stddev + minimumDifference)) {
            throw new IllegalArgumentException("stddev must be positive and the difference non-zero, were " + stddev
                    + " and " + minimumDifference);
        }
        checkTest(alpha, power);
        double z = NORMAL.inverseCumulativeProbability(1 - alpha / 2) + NORMAL.inverseCumulativeProbability(power);
        return (long) Math.ceil(2 * z * z * stddev * stddev / (minimumDifference * minimumDifference));
    }

    private static double relative(double difference, double base) {
        return base == 0 ? Double.NaN : difference / base;
    }

    // mean and sample variance, Welford's way
    private static double[] moments(String group, double[] x) {
        if (x == null || x.length < 2) {
            throw new IllegalArgumentException(group + " needs at least 2 observations, had "
                    + (x == null ? 0 : x.length));
        }
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(group + " observation " + i + " must be finite, was " + x[i]);
            }
            double d = x[i] - mean;
            mean += d / (i + 1);
            m2 += d * (x[i] - mean);
        }
        return new double[] {mean, m2 / (x.length - 1)};
    }

    private static void checkGroup(String group, long trials, long successes) {
        if (trials < 1 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(group + " group needs trials ≥ 1 and 0 ≤ successes ≤ trials, had "
                    + successes + " of " + trials);
        }
    }

    private static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
        }
    }

    private static void checkTest(double alpha, double power) {
        if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) {
            throw new IllegalArgumentException("alpha and power must be between 0 and 1, were " + alpha + ", " + power);
        }
    }
}
