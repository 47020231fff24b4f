package org.marketlink.forecast.models;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.ModelSummary;
import org.marketlink.forecast.evaluation.CompetitionSet;
import org.marketlink.testing.SharedData;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/**
 * Box-Cox forecasting against R (4.2.2, forecast 8.20; {@code golden/summary.R} wrote {@code boxcox.csv}): Guerrero's
 * λ of {@code BoxCox.lambda}, and {@code forecast(ets(y, "AAN", lambda, biasadj = TRUE), h = 8, level = c(80, 95))}:
 * bias-adjusted means and back-transformed bounds. Then the definitions: the transform's round trip, the bias
 * adjustment's size, and the series it cannot transform.
 */
class BoxCoxTest {
    private static final Map<String, CompetitionSet.Series> SERIES = new HashMap<>();
    private static final Map<String, List<double[]>> GOLDEN = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        for (String set : new String[] {"M3-Monthly", "M3-Other", "M3-Quarterly"}) {
            CompetitionSet.read(SharedData.file("forecast"), set).series().forEach(s -> SERIES.put(s.id(), s));
        }
        List<String[]> rows = ModelSummaryGoldenTest.csv("boxcox.csv");
        for (String[] row : rows.subList(1, rows.size())) {
            double[] v = new double[row.length - 1];
            for (int c = 1; c < row.length; c++) {
                v[c - 1] = Double.parseDouble(row[c]);
            }
            GOLDEN.computeIfAbsent(row[0], k -> new ArrayList<>()).add(v); // lambda, h, mean, lo80, hi80, lo95, hi95
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"N1402", "N2830", "N646"})
    void guerreroLambdaAndTheBiasAdjustedEtsForecastMatchR(String id) {
        CompetitionSet.Series s = SERIES.get(id);
        List<double[]> r = GOLDEN.get(id);
        double lambda = BoxCox.lambda(s.train(), s.seasonalPeriod(), -1, 2);
        assertThat(lambda).as("lambda").isCloseTo(r.get(0)[0], offset(1e-7));
        Forecast f = BoxCox.guerrero(Ets.of("AAN")).fit(s.train(), s.seasonalPeriod()).forecast(8, 80, 95);
        assertThat(f.model()).startsWith("BoxCox(lambda=").contains("ETS(A,A,N)");
        double worstMean = 0;
        double worstBound = 0;
        for (int h = 0; h < 8; h++) {
            double[] g = r.get(h);
            worstMean = Math.max(worstMean, Math.abs(f.mean()[h] / g[2] - 1));
            worstBound = Math.max(worstBound, Math.max(Math.abs(f.interval(80).orElseThrow().upper()[h] / g[4] - 1),
                    Math.abs(f.interval(95).orElseThrow().upper()[h] / g[6] - 1)));
        }
        System.out.printf("%s: lambda %.6f (R %.6f); means within %.2e, upper bounds within %.2e of R's%n", id, lambda,
                r.get(0)[0], worstMean, worstBound);
        for (int h = 0; h < 8; h++) {
            double[] g = r.get(h);
            String at = id + " h=" + (h + 1);
            // measured: λ to 1e-6 and every value to a relative 1e-11 (Brent's method as R's, the ETS fit on R's
            // parameters); a relative 1e-8 leaves room for the last digits of a different platform's pow
            assertThat(f.mean()[h]).as(at + " mean").isCloseTo(g[2], offset(1e-8 * g[2]));
            assertThat(f.interval(80).orElseThrow().lower()[h]).as(at).isCloseTo(g[3], offset(1e-8 * g[3]));
            assertThat(f.interval(80).orElseThrow().upper()[h]).as(at).isCloseTo(g[4], offset(1e-8 * g[4]));
            assertThat(f.interval(95).orElseThrow().lower()[h]).as(at).isCloseTo(g[5], offset(1e-8 * g[5]));
            assertThat(f.interval(95).orElseThrow().upper()[h]).as(at).isCloseTo(g[6], offset(1e-8 * g[6]));
        }
    }

    @Test
    void theTransformRoundTripsAndTheBiasAdjustmentRaisesTheMedianToTheMean() {
        for (double lambda : new double[] {-0.8, -0.3, 0, 0.25, 0.5, 1, 1.7}) {
            for (double y : new double[] {0.01, 0.7, 1, 3.5, 250, 1e5}) {
                assertThat(BoxCox.inverse(BoxCox.transform(y, lambda), lambda)).as("λ %s, y %s", lambda, y)
                        .isCloseTo(y, offset(1e-9 * y));
            }
        }
        // a log-normal random walk: on the log scale ETS(A,N,N) is right, and exp of its forecast is the median
        Random random = new Random(17);
        double[] y = new double[200];
        double level = Math.log(100);
        for (int t = 0; t < y.length; t++) {
            level += 0.1 * random.nextGaussian();
            y[t] = Math.exp(level + 0.2 * random.nextGaussian());
        }
        Forecast adjusted = BoxCox.of(Ets.of("ANN"), 0).fit(y, 1).forecast(12, 95);
        Forecast median = BoxCox.create(Ets.of("ANN"), BoxCox.Options.defaults().withLambda(0)
                .withBiasAdjustment(false)).fit(y, 1).forecast(12, 95);
        Forecast logScale = Ets.of("ANN").fit(logOf(y), 1).forecast(12, 95);
        for (int h = 0; h < 12; h++) {
            double sd = (logScale.interval(95).orElseThrow().upper()[h] - logScale.interval(95).orElseThrow()
                    .lower()[h]) / (2 * 1.959963984540054);
            assertThat(median.mean()[h]).isCloseTo(Math.exp(logScale.mean()[h]), offset(1e-9 * median.mean()[h]));
            // at λ = 0 the adjustment is the factor 1 + σ²/2, the first terms of the log-normal's exp(σ²/2)
            assertThat(adjusted.mean()[h]).isCloseTo(median.mean()[h] * (1 + sd * sd / 2),
                    offset(1e-9 * median.mean()[h]));
            assertThat(adjusted.interval(95).orElseThrow().upper()[h])
                    .isCloseTo(Math.exp(logScale.interval(95).orElseThrow().upper()[h]), offset(1e-6 * y[0]));
        }
        assertThat(adjusted.mean()[11]).isGreaterThan(median.mean()[11]);
        ModelSummary s = BoxCox.of(Ets.of("ANN"), 0).fit(y, 1).summary().orElseThrow();
        ModelSummary onLogs = Ets.of("ANN").fit(logOf(y), 1).summary().orElseThrow();
        for (int t = 0; t < y.length; t++) {
            assertThat(s.fitted()[t]).isCloseTo(Math.exp(onLogs.fitted()[t]), offset(1e-9 * y[t]));
            assertThat(s.residuals()[t]).isCloseTo(y[t] - s.fitted()[t], offset(1e-9 * y[t]));
        }
        assertThat(s.aicc()).isEqualTo(onLogs.aicc());
    }

    private static double[] logOf(double[] y) {
        double[] out = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            out[t] = Math.log(y[t]);
        }
        return out;
    }

    @Test
    void aSeriesTheTransformCannotTakeIsFittedUntransformedAndSaysSo() {
        double[] y = new double[40];
        for (int t = 0; t < y.length; t++) {
            y[t] = 5 + Math.sin(t) * 6; // dips below 0
        }
        Forecast log = BoxCox.of(Ets.of("ANN"), 0).fit(y, 1).forecast(4, 80);
        assertThat(log.fallback()).hasValueSatisfying(r -> assertThat(r).contains("Box-Cox lambda 0.0000 needs "
                + "positive values; fitted untransformed"));
        assertThat(log.mean()).containsExactly(Ets.of("ANN").fit(y, 1).forecast(4, 80).mean());
        // Guerrero keeps λ ≥ 0 for such a series, as R does; a series of two seasons or less gets λ = 1
        assertThat(BoxCox.lambda(y, 1, -1, 2)).isGreaterThanOrEqualTo(0);
        assertThat(BoxCox.lambda(new double[] {3, 4, 5, 6}, 2, -1, 2)).isEqualTo(1);
        assertThatThrownBy(() -> BoxCox.of(Ets.of("ANN"), Double.NaN)).hasMessageContaining("guerrero()");
        assertThatThrownBy(() -> BoxCox.Options.defaults().withLambda(Double.POSITIVE_INFINITY))
                .hasMessageContaining("lambda must be finite");
        assertThatThrownBy(() -> BoxCox.of(Ets.of("ANN"), 0.5).fit(y, 1).forecast(3, 100))
                .hasMessageContaining("interval level must be in (0, 100), was 100");
    }
}
