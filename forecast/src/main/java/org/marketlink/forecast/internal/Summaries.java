package org.marketlink.forecast.internal;

import org.marketlink.forecast.ModelSummary;

/** Helpers for the models' {@link ModelSummary} values. Stateless. */
public final class Summaries {
    private Summaries() {
    }

    /**
     * {@code s} with its residuals and innovations NaN where {@code series} (the series as given, before missing
     * values were filled) is missing: a filled value is not an observation, so it has no error.
     */
    public static ModelSummary masked(ModelSummary s, double[] series) {
        double[] residuals = s.residuals();
        double[] innovations = s.innovations();
        boolean any = false;
        for (int t = 0; t < series.length && t < residuals.length; t++) {
            if (Double.isNaN(series[t])) {
                residuals[t] = Double.NaN;
                innovations[t] = Double.NaN;
                any = true;
            }
        }
        return !any ? s : new ModelSummary(s.model(), s.fitted(), residuals, innovations, s.fitDf(), s.sigma2(),
                s.logLikelihood(), s.aic(), s.aicc(), s.bic());
    }
}
