package org.marketlink.forecast.drivers;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link DynamicRegression} fitted to one series: the intercept, one coefficient (and its standard error) per
 * driver, the share of the series' variance the drivers explain, and the error model, which together forecast from
 * the drivers' future values. Immutable and thread-safe.
 */
public final class FittedRegression {
    private final List<String> names;
    private final double intercept;
    private final Map<String, Double> coefficients;
    private final Map<String, Double> standardErrors;
    private final double rSquared;
    private final String errorModel;
    private final FittedModel errors;

    FittedRegression(List<String> names, double intercept, Map<String, Double> coefficients,
                     Map<String, Double> standardErrors, double rSquared, String errorModel, FittedModel errors) {
        this.names = names;
        this.intercept = intercept;
        this.coefficients = Collections.unmodifiableMap(new LinkedHashMap<>(coefficients));
        this.standardErrors = Map.copyOf(standardErrors);
        this.rSquared = rSquared;
        this.errorModel = errorModel;
        this.errors = errors;
    }

    /** The intercept {@code a}. */
    public double intercept() {
        return intercept;
    }

    /**
     * The coefficient of the named driver: what one unit more of it adds to the series (on log demand and log
     * price, the price elasticity).
     *
     * @throws IllegalArgumentException for a name the fit did not have
     */
    public double coefficient(String driver) {
        Double b = coefficients.get(driver);
        if (b == null) {
            throw new IllegalArgumentException("no driver '" + driver + "' (drivers: " + names + ")");
        }
        return b;
    }

    /** The least-squares standard error of the named driver's coefficient (errors taken as independent). */
    public double standardError(String driver) {
        coefficient(driver);
        return standardErrors.get(driver);
    }

    /** The share of the series' variance the drivers explain, from 0 to 1. */
    public double rSquared() {
        return rSquared;
    }

    /**
     * Forecasts as many steps as {@code future} covers: the drivers' effect at each step plus the error model's
     * forecast, with its intervals at {@code levels} (percent) shifted by the drivers' effect.
     *
     * @throws IllegalArgumentException when {@code future} names other drivers than the fit had
     */
    public Forecast forecast(Drivers future, double... levels) {
        if (!future.names().equals(names)) {
            throw new IllegalArgumentException("future drivers " + future.names() + " are not the fitted " + names);
        }
        int h = future.length();
        if (h < 1) {
            throw new IllegalArgumentException("future drivers must cover at least one step");
        }
        double[] effect = new double[h];
        for (int t = 0; t < h; t++) {
            double v = intercept;
            for (int j = 0; j < names.size(); j++) {
                v += coefficients.get(names.get(j)) * future.value(j, t);
            }
            effect[t] = v;
        }
        Forecast f = errors.forecast(h, levels);
        return f.shiftedBy(effect, "regression on " + names + " with " + f.model() + " errors");
    }

    @Override
    public String toString() {
        return "FittedRegression[intercept " + intercept + ", coefficients " + coefficients + ", R² " + rSquared
                + ", errors " + errorModel + "]";
    }
}
