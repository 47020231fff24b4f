package org.marketlink.forecast;

import org.marketlink.core.timeseries.TimeSeries;

import java.util.Optional;

/**
 * A series made ready for fitting: missing values filled (and said so), and the cases every model must handle
 * without an exception recognised. Public for model authors beyond this module (the global gradient-boosting
 * forecaster). Immutable and thread-safe, but {@code values} is the array itself: do not change it.
 *
 * @param values the series with gaps filled
 * @param kind   what kind of series it is
 * @param note   what was done to it, if anything
 */
public record Prepared(double[] values, Kind kind, Optional<String> note) {

    /** Series no model can do better on than a simple rule. */
    public enum Kind {
        /** No values at all. */
        EMPTY,
        /** Every value is missing (NaN). */
        ALL_MISSING,
        /** Every value is the same. */
        CONSTANT,
        /** A series a model can be fitted to. */
        REGULAR
    }

    /**
     * The series prepared: any input, empty, {@code null} and missing values (NaN) included, gives a {@link Kind}.
     *
     * @throws IllegalArgumentException if the series holds an infinite value (no model can fit it)
     */
    public static Prepared of(double[] series) {
        if (series == null || series.length == 0) {
            return new Prepared(new double[0], Kind.EMPTY, Optional.of("the series is empty"));
        }
        int missing = 0;
        for (double v : series) {
            if (Double.isNaN(v)) {
                missing++;
            } else if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("the series holds an infinite value");
            }
        }
        if (missing == series.length) {
            return new Prepared(new double[0], Kind.ALL_MISSING, Optional.of("every value of the series is missing"));
        }
        double[] y = missing == 0 ? series.clone() : TimeSeries.fillMissing(series);
        Optional<String> note = missing == 0 ? Optional.empty()
                : Optional.of(missing + " missing value(s) filled by interpolation");
        boolean constant = true;
        for (double v : y) {
            if (v != y[0]) {
                constant = false;
                break;
            }
        }
        return new Prepared(y, constant ? Kind.CONSTANT : Kind.REGULAR, note);
    }
}
