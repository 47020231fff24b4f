package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Prepared;
import org.marketlink.forecast.internal.DemandHistory;
import org.marketlink.forecast.internal.DemandMixture;
import org.marketlink.forecast.internal.Fallbacks;
import org.marketlink.forecast.internal.SimpleModel;

import java.util.Locale;
import java.util.Optional;

/**
 * Temporal aggregation for intermittent demand. ADIDA sums the series into buckets of k periods (k the average
 * inter-demand interval, n / demands, rounded), forecasts the bucket totals with SES and spreads the next bucket's
 * forecast evenly over its k periods; IMAPA does that for every k from 1 to that interval and averages the per-period
 * forecasts. Buckets are counted back from the last period, so the oldest {@code n mod k} values are left out; a level
 * that leaves fewer than 3 buckets is skipped. Aggregation hides the zeros SES cannot model and brings out the level
 * of demand. Forecasts are flat and never negative; intervals are the per-period demand quantiles (no demand with
 * probability demands / n, else one of the series' demand sizes), as {@link Croston.IntervalMethod#EMPIRICAL}.
 * Immutable and thread-safe.
 */
public final class TemporalAggregation implements Forecaster {
    private static final Ses SES = Ses.create(new Ses.Options(false, true, Ses.Optimizer.GLOBAL));
    private final boolean multiple;

    private TemporalAggregation(boolean multiple) {
        this.multiple = multiple;
    }

    /** ADIDA: one aggregation level, the average inter-demand interval. */
    public static TemporalAggregation adida() {
        return new TemporalAggregation(false);
    }

    /** IMAPA: every aggregation level from 1 to the average inter-demand interval, averaged. */
    public static TemporalAggregation imapa() {
        return new TemporalAggregation(true);
    }

    @Override
    public String name() {
        return multiple ? "IMAPA" : "ADIDA";
    }

    @Override
    public FittedModel fit(double[] series, int seasonalPeriod) {
        Prepared p = Prepared.of(series);
        Optional<FittedModel> simple = Fallbacks.forIrregular(p);
        if (simple.isPresent()) {
            return simple.get();
        }
        DemandHistory history = DemandHistory.of(p);
        double[] y = history.values();
        int demands = history.demands();
        if (demands == 0) {
            return SimpleModel.constant(0, name(), "no demand in the series");
        }
        int interval = Math.max(1, (int) Math.round((double) y.length / demands));
        double sum = 0;
        int used = 0;
        for (int k = multiple ? 1 : interval; k <= interval; k++) {
            if (y.length / k < 3) {
                continue;
            }
            sum += perPeriod(y, k);
            used++;
        }
        double point = used == 0 ? perPeriod(y, 1) : sum / used;
        String label = String.format(Locale.ROOT, "%s(interval=%d)", name(), interval);
        return new DemandMixture(label, history.note(), point, (double) demands / y.length, DemandMixture.sizes(y));
    }

    /** SES's next bucket total for buckets of {@code k} periods (counted back from the end), per period. */
    static double perPeriod(double[] y, int k) {
        int buckets = y.length / k;
        int start = y.length - buckets * k;
        double[] totals = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            double s = 0;
            for (int t = start + b * k; t < start + (b + 1) * k; t++) {
                s += y[t];
            }
            totals[b] = s;
        }
        return Math.max(0, SES.fit(totals, 1).forecast(1).mean()[0]) / k;
    }
}
