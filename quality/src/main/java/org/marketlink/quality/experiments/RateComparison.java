package org.marketlink.quality.experiments;

/**
 * Two groups compared on a rate (for example click-through) with the two-proportion z-test.
 *
 * @param controlTrials      trials in the control group (A)
 * @param controlSuccesses   successes in A
 * @param treatmentTrials    trials in the treatment group (B)
 * @param treatmentSuccesses successes in B
 * @param controlRate        A's rate
 * @param treatmentRate      B's rate
 * @param difference         {@code treatmentRate - controlRate}
 * @param differenceLow      lower end of the difference's confidence interval (unpooled Wald)
 * @param differenceHigh     upper end
 * @param lift               relative lift {@code treatmentRate / controlRate - 1}; NaN when A's rate is 0
 * @param liftLow            lower end of the lift's interval: the difference's interval over A's rate
 * @param liftHigh           upper end
 * @param z                  the test statistic with the pooled rate
 * @param pValue             two-sided p-value
 * @param confidence         the confidence level of the intervals, for example 0.95
 */
public record RateComparison(long controlTrials, long controlSuccesses, long treatmentTrials, long treatmentSuccesses,
                             double controlRate, double treatmentRate, double difference, double differenceLow,
                             double differenceHigh, double lift, double liftLow, double liftHigh, double z,
                             double pValue, double confidence) {
    /** Whether the difference is significant at {@code 1 - confidence}. */
    public boolean significant() {
        return pValue < 1 - confidence;
    }
}
