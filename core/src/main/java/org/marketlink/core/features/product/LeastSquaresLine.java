package org.marketlink.core.features.product;

/**
 * An ordinary least-squares line y = a + b·x over points added one at a time: its slope, the slope's standard
 * error and the two-sided p-value of the slope's t-test. Written here rather than taken from commons-math3 so that
 * core keeps no numerical dependency; {@code LeastSquaresLineTest} checks it against commons-math3's
 * {@code SimpleRegression} (sums are updated the same way, so the figures agree to rounding).
 *
 * <p>Not thread-safe: one instance per computation.
 */
final class LeastSquaresLine {
    private long n;
    private double xBar;
    private double yBar;
    private double sumXX;
    private double sumYY;
    private double sumXY;

    /** Adds a point, updating the centred sums (West's update, as {@code SimpleRegression} does). */
    void add(double x, double y) {
        if (n == 0) {
            xBar = x;
            yBar = y;
        } else {
            double fact1 = 1.0 + n;
            double fact2 = n / (1.0 + n);
            double dx = x - xBar;
            double dy = y - yBar;
            sumXX += dx * dx * fact2;
            sumYY += dy * dy * fact2;
            sumXY += dx * dy * fact2;
            xBar += dx / fact1;
            yBar += dy / fact1;
        }
        n++;
    }

    long count() {
        return n;
    }

    /** The slope, NaN with fewer than two points or no spread in x. */
    double slope() {
        if (n < 2 || Math.abs(sumXX) < 10 * Double.MIN_VALUE) {
            return Double.NaN;
        }
        return sumXY / sumXX;
    }

    /** The standard error of the slope, NaN with fewer than three points. */
    double slopeStandardError() {
        return Math.sqrt(meanSquareError() / sumXX);
    }

    /** The two-sided p-value of the hypothesis that the slope is zero (Student t, n − 2 degrees of freedom). */
    double slopePValue() {
        if (n < 3) {
            return Double.NaN;
        }
        double t = Math.abs(slope()) / slopeStandardError();
        return StudentT.twoSidedPValue(t, n - 2);
    }

    private double meanSquareError() {
        if (n < 3) {
            return Double.NaN;
        }
        double sse = Math.max(0d, sumYY - sumXY * sumXY / sumXX);
        return sse / (n - 2);
    }
}
