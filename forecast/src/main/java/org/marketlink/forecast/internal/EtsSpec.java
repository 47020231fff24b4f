package org.marketlink.forecast.internal;

import java.util.Locale;

/**
 * One member of the ETS family: error (A or M), trend (N, A or damped A), season (N, A or M).
 *
 * @param multiplicativeError whether errors are relative (M) rather than absolute (A)
 * @param trend               whether there is an additive trend
 * @param damped              whether the trend is damped (only with a trend)
 * @param season              'N', 'A' or 'M'
 */
public record EtsSpec(boolean multiplicativeError, boolean trend, boolean damped, char season) {
    public EtsSpec {
        if (damped && !trend) {
            throw new IllegalArgumentException("a damped model needs a trend");
        }
        if (season != 'N' && season != 'A' && season != 'M') {
            throw new IllegalArgumentException("season must be N, A or M, was " + season);
        }
    }

    /** Parses names such as {@code "MAdN"} or {@code "ANA"}. */
    public static EtsSpec parse(String code) {
        String c = code.strip().toUpperCase(Locale.ROOT);
        boolean damped = c.contains("AD");
        String t = c.replace("AD", "D");
        if (t.length() != 3) {
            throw new IllegalArgumentException("not an ETS model code: " + code);
        }
        char e = t.charAt(0);
        char tr = t.charAt(1);
        char s = t.charAt(2);
        if (e != 'A' && e != 'M' || tr != 'N' && tr != 'A' && tr != 'D') {
            throw new IllegalArgumentException("not an ETS model code: " + code);
        }
        return new EtsSpec(e == 'M', tr != 'N', damped, s);
    }

    public boolean seasonal() {
        return season != 'N';
    }

    /** The usual name, for example {@code ETS(M,Ad,N)}. */
    public String label() {
        return "ETS(" + (multiplicativeError ? 'M' : 'A') + "," + (trend ? (damped ? "Ad" : "A") : "N") + ","
                + season + ")";
    }

    /** Whether its prediction intervals have a closed form (all components additive). */
    public boolean analyticIntervals() {
        return !multiplicativeError && season != 'M';
    }
}
