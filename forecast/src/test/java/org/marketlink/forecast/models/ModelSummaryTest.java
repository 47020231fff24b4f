package org.marketlink.forecast.models;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.ModelSummary;
import org.marketlink.forecast.evaluation.LjungBox;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/**
 * The in-sample summaries of the models checked against their definitions (ETS is checked against R in
 * {@code ModelSummaryGoldenTest}): alignment with the series, missing values, the ARIMA residuals' variance, the naive
 * rules' fitted values, a combination's mean, and a Ljung–Box test that tells a well-specified model from a wrong one.
 */
class ModelSummaryTest {
    /** An AR(1) series with coefficient 0.7 around 10, seeded. */
    static double[] ar1(int n, long seed) {
        Random r = new Random(seed);
        double[] y = new double[n];
        double x = 0;
        for (int t = 0; t < n; t++) {
            x = 0.7 * x + r.nextGaussian();
            y[t] = 10 + x;
        }
        return y;
    }

    @Test
    void arimaResidualsAreAlignedWithTheSeriesAndTheLjungBoxTestTellsTheRightOrderFromAWrongOne() {
        double[] y = ar1(300, 7);
        ModelSummary right = Arima.of(1, 0, 0, true).fit(y, 1).summary().orElseThrow();
        ModelSummary wrong = Arima.of(0, 0, 0, true).fit(y, 1).summary().orElseThrow();
        double squares = 0;
        for (int t = 0; t < y.length; t++) {
            assertThat(right.fitted()[t] + right.residuals()[t]).isCloseTo(y[t], offset(1e-9));
            squares += right.residuals()[t] * right.residuals()[t];
        }
        // σ² of the conditional fit: the residuals' sum of squares over n minus the 2 estimated parameters
        assertThat(right.sigma2()).isCloseTo(squares / (y.length - 2), offset(1e-9));
        assertThat(right.fitDf()).isEqualTo(1);
        assertThat(right.aicc().orElseThrow()).isLessThan(wrong.aicc().orElseThrow() - 50);
        LjungBox.Result ok = right.ljungBox(1);
        LjungBox.Result bad = wrong.ljungBox(1);
        assertThat(ok.lags()).isEqualTo(10);
        assertThat(ok.degreesOfFreedom()).isEqualTo(9);
        assertThat(ok.pValue()).isGreaterThan(0.05);
        assertThat(bad.pValue()).isLessThan(1e-10);
    }

    @Test
    void aDifferencedArimaHasNoFittedValueForItsFirstObservations() {
        double[] y = ar1(120, 11);
        for (int t = 1; t < y.length; t++) {
            y[t] += y[t - 1] - 10; // integrate: ARIMA(1,1,0) data
        }
        ModelSummary s = Arima.of(1, 1, 0, false).fit(y, 1).summary().orElseThrow();
        assertThat(s.fitted()[0]).isNaN();
        assertThat(s.residuals()[0]).isNaN();
        assertThat(s.fitted()[1]).isFinite();
        assertThat(s.ljungBox(1).pValue()).isGreaterThan(0.01);
    }

    @Test
    void aMissingObservationHasAFittedValueButNoResidual() {
        double[] y = ar1(100, 3);
        y[40] = Double.NaN;
        for (ModelSummary s : new ModelSummary[] {Ets.of("ANN").fit(y, 1).summary().orElseThrow(),
                Arima.of(1, 0, 0, true).fit(y, 1).summary().orElseThrow(),
                Naive.create().fit(y, 1).summary().orElseThrow()}) {
            assertThat(s.fitted()).hasSize(100);
            assertThat(s.fitted()[40]).as(s.model()).isFinite();
            assertThat(s.residuals()[40]).as(s.model()).isNaN();
            assertThat(s.innovations()[40]).as(s.model()).isNaN();
            assertThat(s.residuals()[41]).as(s.model()).isFinite();
            // the test interpolates the missing innovation instead of failing on it
            assertThat(s.ljungBox(1).statistic()).as(s.model()).isFinite();
        }
    }

    @Test
    void naiveRulesFitThePreviousValueAndTheSameSeasonLastCycle() {
        double[] y = ar1(48, 5);
        ModelSummary naive = Naive.create().fit(y, 12).summary().orElseThrow();
        ModelSummary seasonal = SeasonalNaive.create().fit(y, 12).summary().orElseThrow();
        assertThat(naive.fitted()[0]).isNaN();
        assertThat(seasonal.fitted()[11]).isNaN();
        for (int t = 1; t < y.length; t++) {
            assertThat(naive.fitted()[t]).isEqualTo(y[t - 1]);
            assertThat(naive.residuals()[t]).isEqualTo(y[t] - y[t - 1]);
        }
        for (int t = 12; t < y.length; t++) {
            assertThat(seasonal.fitted()[t]).isEqualTo(y[t - 12]);
        }
        assertThat(naive.logLikelihood()).isEmpty();
        assertThat(naive.fitDf()).isZero();
    }

    @Test
    void aCombinationFitsTheMeanOfItsMembersFitsAndHasNoneWhenAMemberHasNone() {
        double[] y = ar1(80, 9);
        ModelSummary ets = Ets.of("ANN").fit(y, 1).summary().orElseThrow();
        ModelSummary naive = Naive.create().fit(y, 1).summary().orElseThrow();
        ModelSummary mean = Combination.of(Combination.Method.MEAN, Ets.of("ANN"), Naive.create()).fit(y, 1)
                .summary().orElseThrow();
        assertThat(mean.fitted()[0]).isNaN();
        for (int t = 1; t < y.length; t++) {
            double expected = (ets.fitted()[t] + naive.fitted()[t]) / 2;
            assertThat(mean.fitted()[t]).isCloseTo(expected, offset(1e-12));
            assertThat(mean.residuals()[t]).isCloseTo(y[t] - expected, offset(1e-9));
        }
        assertThat(mean.model()).startsWith("Mean(ETS(A,N,N)");
        assertThat(Combination.of(Combination.Method.MEAN, Ets.of("ANN"), Theta.create()).fit(y, 1).summary())
                .as("Theta keeps no in-sample fit").isEmpty();
    }

    @Test
    void theAirlineModelFitsAirlineDataAndSeasonalOrdersNeedASeason() {
        // (1 - B)(1 - B^12) y_t = (1 - 0.4 B)(1 - 0.6 B^12) e_t, e ~ N(0, 1), 12 years of months
        Random r = new Random(31);
        int n = 144;
        double[] e = new double[n];
        double[] w = new double[n];
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            e[t] = r.nextGaussian();
            w[t] = e[t] - 0.4 * (t >= 1 ? e[t - 1] : 0) - 0.6 * (t >= 12 ? e[t - 12] : 0)
                    + 0.24 * (t >= 13 ? e[t - 13] : 0);
            y[t] = w[t] + (t >= 1 ? y[t - 1] : 0) + (t >= 12 ? y[t - 12] : 0) - (t >= 13 ? y[t - 13] : 0);
        }
        for (int t = 0; t < n; t++) {
            y[t] += 100;
        }
        ModelSummary airline = Arima.of(0, 1, 1, 0, 1, 1, false).fit(y, 12).summary().orElseThrow();
        ModelSummary plain = Arima.of(0, 1, 1, false).fit(y, 12).summary().orElseThrow();
        assertThat(airline.model()).isEqualTo("ARIMA(0,1,1)(0,1,1)[12]");
        for (int t = 0; t < 13; t++) {
            assertThat(airline.fitted()[t]).as("t=%d", t).isNaN();
        }
        assertThat(airline.fitted()[13]).isFinite();
        assertThat(airline.fitDf()).isEqualTo(2);
        assertThat(airline.sigma2()).isBetween(0.8, 1.25);
        assertThat(airline.ljungBox(12).pValue()).isGreaterThan(0.05);
        assertThat(plain.ljungBox(12).pValue()).isLessThan(0.001);
        assertThatThrownBy(() -> Arima.of(0, 1, 1, 0, 1, 1, false).fit(y, 1))
                .hasMessageContaining("seasonal orders (0,1,1) need a seasonal period from 2 to 52, fit was given 1");
        assertThatThrownBy(() -> Arima.of(-1, 1, 1, false)).hasMessageContaining("order p must be ≥ 0, was -1");
    }
}
