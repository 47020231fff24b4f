package org.marketlink.forecast.internal;

import org.marketlink.forecast.Prepared;

import java.util.Optional;

/**
 * A series read as demand, for the intermittent-demand methods: negative values count as no demand (and the note
 * says so), and the periods with demand are counted.
 *
 * @param values  the values, negatives raised to 0
 * @param demands periods with demand above 0
 * @param note    what was changed, with the preparation's own note
 */
public record DemandHistory(double[] values, int demands, Optional<String> note) {

    /** The demand history of a regular prepared series. */
    public static DemandHistory of(Prepared p) {
        double[] y = p.values().clone();
        boolean negative = false;
        int demands = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0) {
                y[i] = 0;
                negative = true;
            }
            demands += y[i] > 0 ? 1 : 0;
        }
        Optional<String> note = negative
                ? Optional.of("negative values treated as no demand" + p.note().map(n -> "; " + n).orElse(""))
                : p.note();
        return new DemandHistory(y, demands, note);
    }
}
