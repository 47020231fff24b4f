package org.marketlink.forecast.drivers;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.models.Arima;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DynamicRegressionTest {
    private static final double ELASTICITY = -1.5;
    private static final double PROMOTION_LIFT = 0.4;

    /**
     * Log demand of a product over {@code n} days: log price (moving in steps, as prices do), a promotion flag and
     * AR(1) errors, with a known elasticity and promotion lift.
     */
    private static double[][] market(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] logPrice = new double[n];
        double[] promotion = new double[n];
        double[] logDemand = new double[n];
        double price = Math.log(2.0);
        double e = 0;
        for (int t = 0; t < n; t++) {
            if (r.nextInt(10) == 0) {
                price = Math.log(1.5 + r.nextDouble());
            }
            logPrice[t] = price;
            promotion[t] = r.nextInt(12) == 0 ? 1 : 0;
            e = 0.6 * e + 0.1 * r.nextGaussian();
            logDemand[t] = 4 + ELASTICITY * logPrice[t] + PROMOTION_LIFT * promotion[t] + e;
        }
        return new double[][] {logDemand, logPrice, promotion};
    }

    private static Drivers drivers(double[] logPrice, double[] promotion) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("log_price", logPrice);
        m.put("promotion", promotion);
        return Drivers.of(m);
    }

    @Test
    void fit_recoversAKnownPriceElasticityAndPromotionLift() {
        for (long seed = 1; seed <= 10; seed++) {
            double[][] d = market(seed, 1000);
            FittedRegression fit = DynamicRegression.withArimaErrors().fit(d[0], drivers(d[1], d[2]), 1);
            assertThat(fit.coefficient("log_price")).as("seed %d", seed).isCloseTo(ELASTICITY, within(0.1))
                    // the standard error allows for the autocorrelated errors: the miss is within three of them
                    .isCloseTo(ELASTICITY, within(3 * fit.standardError("log_price")));
            assertThat(fit.coefficient("promotion")).as("seed %d", seed).isCloseTo(PROMOTION_LIFT, within(0.05));
            assertThat(fit.standardError("log_price")).isBetween(0.02, 0.08);
            assertThat(fit.intercept()).isCloseTo(4, within(0.15));
            assertThat(fit.rSquared()).isBetween(0.5, 1.0);
        }
    }

    @Test
    void forecast_followsTheFuturePriceAndPromotion_andTheErrorsStillCarryOn() {
        double[][] d = market(9, 430);
        int n = 400;
        FittedRegression fit = DynamicRegression.withArimaErrors().fit(Arrays.copyOf(d[0], n),
                drivers(Arrays.copyOf(d[1], n), Arrays.copyOf(d[2], n)), 1);
        double[] cheap = new double[30];
        double[] dear = new double[30];
        double[] promo = new double[30];
        Arrays.fill(cheap, Math.log(1.5));
        Arrays.fill(dear, Math.log(3.0));
        promo[10] = 1;
        Forecast low = fit.forecast(drivers(cheap, promo), 80, 95);
        Forecast high = fit.forecast(drivers(dear, promo), 80, 95);
        // twice the price: demand falls by 2^-1.5 (the log difference is the elasticity times log 2)
        for (int t = 0; t < 30; t++) {
            assertThat(low.mean()[t] - high.mean()[t]).isCloseTo(-ELASTICITY * Math.log(2), within(0.1));
            assertThat(low.intervals().get(0).lower()[t]).isLessThan(low.mean()[t]);
            assertThat(low.intervals().get(1).lower()[t]).isLessThan(low.intervals().get(0).lower()[t]);
        }
        assertThat(low.mean()[10] - low.mean()[9]).as("the promotion day").isCloseTo(PROMOTION_LIFT, within(0.1));
        assertThat(low.model()).startsWith("regression on [log_price, promotion] with ");
        // the actual path of the held-out days lies mostly within the 95% band
        Forecast actualDrivers = fit.forecast(drivers(Arrays.copyOfRange(d[1], n, 430),
                Arrays.copyOfRange(d[2], n, 430)), 95);
        int inside = 0;
        for (int t = 0; t < 30; t++) {
            double y = d[0][n + t];
            inside += y >= actualDrivers.intervals().get(0).lower()[t] && y <= actualDrivers.intervals().get(0)
                    .upper()[t] ? 1 : 0;
        }
        assertThat(inside).isGreaterThanOrEqualTo(25);
    }

    @Test
    void etsErrorsAndAnyForecaster_fitTheSameCoefficients() {
        double[][] d = market(4, 300);
        Drivers x = drivers(d[1], d[2]);
        double arima = DynamicRegression.withArimaErrors().fit(d[0], x, 1).coefficient("log_price");
        double ets = DynamicRegression.withEtsErrors().fit(d[0], x, 1).coefficient("log_price");
        double own = DynamicRegression.withErrors(Arima.of(1, 0, 0, false)).fit(d[0], x, 1).coefficient("log_price");
        assertThat(ets).isEqualTo(arima).isEqualTo(own);
    }

    @Test
    void holidays_comeFromTheHostsCalendar() {
        LocalDate first = LocalDate.of(2026, 12, 23);
        double[] h = Drivers.holidays(List.of(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1)), first, 12);
        assertThat(h).containsExactly(0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0);
    }

    @Test
    void badInput_isNamed() {
        double[][] d = market(2, 50);
        Drivers x = drivers(d[1], d[2]);
        DynamicRegression r = DynamicRegression.withArimaErrors();
        assertThatThrownBy(() -> r.fit(Arrays.copyOf(d[0], 49), x, 1))
                .hasMessage("drivers cover 50 steps, the series 49");
        double[] missing = d[0].clone();
        missing[7] = Double.NaN;
        assertThatThrownBy(() -> r.fit(missing, x, 1))
                .hasMessage("series[7] must be a finite number, was NaN: a regression needs every step");
        assertThatThrownBy(() -> r.fit(d[0], drivers(d[1], new double[50]), 1))
                .hasMessage("driver 'promotion' is constant: the intercept already holds it");
        double[] twice = d[1].clone();
        for (int t = 0; t < twice.length; t++) {
            twice[t] *= 2;
        }
        assertThatThrownBy(() -> r.fit(d[0], drivers(d[1], twice), 1)).hasMessageContaining("collinear");
        assertThatThrownBy(() -> r.fit(Arrays.copyOf(d[0], 4), drivers(Arrays.copyOf(d[1], 4),
                Arrays.copyOf(d[2], 4)), 1)).hasMessageContaining("at least 5 are needed");
        assertThatThrownBy(() -> drivers(d[1], new double[3])).hasMessage("driver 'promotion' has 3 values, "
                + "driver 'log_price' 50");
        double[] inf = d[1].clone();
        inf[3] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> Drivers.of("log_price", inf))
                .hasMessage("driver 'log_price' at step 3 must be a finite number, was Infinity");
        FittedRegression fit = r.fit(d[0], x, 1);
        assertThatThrownBy(() -> fit.forecast(Drivers.of("price", new double[3])))
                .hasMessage("future drivers [price] are not the fitted [log_price, promotion]");
        assertThatThrownBy(() -> fit.coefficient("price"))
                .hasMessage("no driver 'price' (drivers: [log_price, promotion])");
    }
}
