package org.marketlink.quality.experiments;

/**
 * Two groups compared on a mean (for example order value) with Welch's t-test, which does not assume equal
 * variances.
 *
 * @param controlCount     observations in the control group (A)
 * @param controlMean      A's mean
 * @param treatmentCount   observations in the treatment group (B)
 * @param treatmentMean    B's mean
 * @param difference       {@code treatmentMean - controlMean}
 * @param differenceLow    lower end of the difference's confidence interval (Welch)
 * @param differenceHigh   upper end
 * @param lift             relative lift {@code treatmentMean / controlMean - 1}; NaN when A's mean is 0
 * @param liftLow          lower end of the lift's interval: the difference's interval over A's mean
 * @param liftHigh         upper end
 * @param t                the t statistic
 * @param degreesOfFreedom Welch–Satterthwaite degrees of freedom
 * @param pValue           two-sided p-value
 * @param confidence       the confidence level of the intervals
 */
public record MeanComparison(long controlCount, double controlMean, long treatmentCount, double treatmentMean,
                             double difference, double differenceLow, double differenceHigh, double lift,
                             double liftLow, double liftHigh, double t, double degreesOfFreedom, double pValue,
                             double confidence) {
    /** Whether the difference is significant at {@code 1 - confidence}. */
    public boolean significant() {
        return pValue < 1 - confidence;
    }
}
