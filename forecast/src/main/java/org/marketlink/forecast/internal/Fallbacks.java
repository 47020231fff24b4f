package org.marketlink.forecast.internal;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Prepared;

import java.util.Optional;

/** What every model does with a series it cannot fit: the same rules everywhere, always named in the result. */
public final class Fallbacks {
    private Fallbacks() {
    }

    /**
     * The model for an empty, all-missing or constant series, or empty when the series is regular and the
     * requested model should be fitted.
     */
    public static Optional<FittedModel> forIrregular(Prepared p) {
        return switch (p.kind()) {
            case EMPTY, ALL_MISSING -> Optional.of(SimpleModel.constant(0, "Zero",
                    p.note().orElse("no data") + "; forecasting 0"));
            case CONSTANT -> Optional.of(SimpleModel.constant(p.values()[0], "Constant(" + p.values()[0] + ")",
                    "the series is constant" + p.note().map(n -> "; " + n).orElse("")));
            case REGULAR -> Optional.empty();
        };
    }

    /** The random walk, used when a series is too short for the requested model. */
    /** The naive fallback of a model family none of whose models could be fitted to {@code y}, saying so. */
    public static FittedModel noModel(String family, double[] y, boolean nonNegative) {
        return naive(y, "no " + family + " model could be fitted to " + y.length + " values", nonNegative);
    }

    public static FittedModel naive(double[] y, String why, boolean nonNegative) {
        double last = y[y.length - 1];
        double se = Naives.randomWalkSe(y);
        return new SimpleModel("Naive", Optional.of(why), h -> last, h -> se * Math.sqrt(h), null, nonNegative);
    }

    /** Joins the reason for a fallback with what was done to the data. */
    public static Optional<String> note(Prepared p) {
        return p.note();
    }
}
