package org.marketlink.forecast.internal;

import java.util.Locale;

/**
 * One member of the ETS family: error (A or M), trend (N, A, M, or either damped), season (N, A or M).
 *
 * @param multiplicativeError whether errors are relative (M) rather than absolute (A)
 * @param trend               whether there is a trend
 * @param damped              whether the trend is damped (only with a trend)
 * @param season              'N', 'A' or 'M'
 * @param multiplicativeTrend whether the trend is a growth rate (M: the level is multiplied by {@code b} each step)
 *                            rather than an increment (A); only with a trend
 */
public record EtsSpec(boolean multiplicativeError, boolean trend, boolean damped, char season,
                      boolean multiplicativeTrend) {
    public EtsSpec {
        if (damped && !trend) {
            throw new IllegalArgumentException("a damped model needs a trend");
        }
        if (multiplicativeTrend && !trend) {
            throw new IllegalArgumentException("a multiplicative trend needs a trend");
        }
        if (season != 'N' && season != 'A' && season != 'M') {
            throw new IllegalArgumentException("season must be N, A or M, was " + season);
        }
    }

    /** A model with no trend or an additive one. */
    public EtsSpec(boolean multiplicativeError, boolean trend, boolean damped, char season) {
        this(multiplicativeError, trend, damped, season, false);
    }

    /** Parses names such as {@code "MAdN"}, {@code "ANA"} or {@code "MMdM"}. */
    public static EtsSpec parse(String code) {
        String c = code.strip().toUpperCase(Locale.ROOT);
        boolean damped = c.length() == 4 && c.charAt(2) == 'D';
        String t = damped ? c.substring(0, 2) + c.substring(3) : c;
        if (t.length() != 3) {
            throw new IllegalArgumentException("not an ETS model code: " + code);
        }
        char e = t.charAt(0);
        char tr = t.charAt(1);
        char s = t.charAt(2);
        if (e != 'A' && e != 'M' || tr != 'N' && tr != 'A' && tr != 'M' || damped && tr == 'N') {
            throw new IllegalArgumentException("not an ETS model code: " + code);
        }
        return new EtsSpec(e == 'M', tr != 'N', damped, s, tr == 'M');
    }

    public boolean seasonal() {
        return season != 'N';
    }

    /** The usual name, for example {@code ETS(M,Ad,N)}. */
    public String label() {
        String t = !trend ? "N" : (multiplicativeTrend ? "M" : "A") + (damped ? "d" : "");
        return "ETS(" + (multiplicativeError ? 'M' : 'A') + "," + t + "," + season + ")";
    }

    /** Whether its prediction intervals have a closed form (all components additive). */
    public boolean analyticIntervals() {
        return !multiplicativeError && season != 'M' && !multiplicativeTrend;
    }
}
