package org.marketlink.forecast.models;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.evaluation.CompetitionSet;
import org.marketlink.forecast.internal.EtsFit;
import org.marketlink.forecast.internal.EtsSpec;
import org.marketlink.testing.SharedData;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * ETS fits against R's ets() on the named series of shared/data/forecast/REFERENCE.md. Tolerances: log-likelihood
 * within 0.001, parameters within 0.001, initial level within 0.05%, point forecasts within 0.01%, analytic 95%
 * bounds within 0.1%.
 */
class EtsReferenceTest {
    private static final Map<String, CompetitionSet.Series> SERIES = new HashMap<>();

    @BeforeAll
    static void load() {
        for (String set : new String[] {"M3-Yearly", "M3-Quarterly", "M3-Monthly", "M3-Other", "M4-Weekly"}) {
            CompetitionSet.read(SharedData.file("forecast"), set).series().forEach(s -> SERIES.put(s.id(), s));
        }
    }

    private static EtsFit fit(String id, String model) {
        CompetitionSet.Series s = SERIES.get(id);
        return EtsFit.fit(EtsSpec.parse(model), s.train(), s.seasonalPeriod());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "N2, ANN, -113.8971, 236.1942, 0.9999, NaN, NaN, 4135.8",
            "N2, AAN, -110.4941, 238.4883, 0.999899, 0.217392, NaN, 1663.43",
            "N2, MAN, -107.0668, 231.6335, 0.9999, 0.119439, NaN, 1513.39",
            "N646, ANN, -266.3693, 539.4887, 0.9999, NaN, NaN, 3142.11",
            "N646, AAN, -265.3315, 542.6630, 0.998852, 0.000102135, NaN, 3173.83",
            "N646, MAM, -270.3963, 565.7157, 0.994081, 0.000100529, 0.00591769, 3143.06",
            "N1402, MNN, -476.0883, 958.6984, 0.000100029, NaN, NaN, 3610.11",
            "N1402, ANN, -476.9230, 960.3677, 0.070783, NaN, NaN, 3168.72",
            "N1402, MAM, -462.7325, 978.5899, 0.164877, 0.00780942, 0.000109598, 2577.95",
            "N1404, AAN, -461.8361, 935.0358, 0.000100074, 0.000100015, NaN, 1899.55",
            "N1404, MAM, -460.7828, 974.6906, 0.00498962, 0.00447294, 0.000100307, 2199.34",
            "N1500, MNN, -412.5698, 831.6503, 0.15013, NaN, NaN, 3257.72",
            "N1500, MAM, -403.9829, 860.5113, 0.112911, 0.000333747, 0.000139558, 3294.97",
            "N2830, ANN, -688.7112, 1383.6832, 0.999899, NaN, NaN, 3060.44",
            "N2830, AAN, -688.4313, 1387.5293, 0.997513, 0.000100005, NaN, 3150.74",
            "W2, MAdN, -10248.1117, 20508.2727, 0.892726, 0.0658213, NaN, 195.815",
            "W2, AAN, -12110.2703, 24230.5758, 0.9999, 0.00664707, NaN, 195.357",
    })
    void fit_matchesR(String id, String model, double loglik, double aicc, double alpha, double beta, double gamma,
                      double level) {
        EtsFit f = fit(id, model);
        assertThat(f).as("fit").isNotNull();
        assertThat(f.logLik()).isCloseTo(loglik, offset(1e-3));
        assertThat(f.aicc()).isCloseTo(aicc, offset(1e-3));
        assertThat(f.alpha()).isCloseTo(alpha, offset(1e-3));
        if (!Double.isNaN(beta)) {
            assertThat(f.beta()).isCloseTo(beta, offset(1e-3));
        }
        if (!Double.isNaN(gamma)) {
            assertThat(f.gamma()).isCloseTo(gamma, offset(1e-3));
        }
        assertThat(f.initialState()[0]).isCloseTo(level, offset(Math.abs(level) * 5e-4));
    }

    @ParameterizedTest(name = "{0} selects {1}")
    @CsvSource({"N2, ETS(M,A,N)", "N646, ETS(A,N,N)", "N1402, ETS(M,N,N)", "N1404, ETS(A,A,N)", "N1500, ETS(M,N,N)",
            "N2830, ETS(A,N,N)", "W2, ETS(M,Ad,N)"})
    void autoEts_selectsWhatRSelects(String id, String label) {
        CompetitionSet.Series s = SERIES.get(id);
        Forecast f = Ets.auto().fit(s.train(), s.seasonalPeriod()).forecast(s.horizon(), 95);
        assertThat(f.model()).startsWith(label);
    }

    @Test
    void forecastsAndAnalyticIntervals_matchR() {
        CompetitionSet.Series n1404 = SERIES.get("N1404");
        Forecast f = Ets.of("AAN").fit(n1404.train(), 12).forecast(18, 95);
        double[] mean = {5846.9020, 5924.2972, 6001.6924, 6079.0876, 6156.4828, 6233.8780};
        double[] lower = {2879.8419, 2957.2371, 3034.6321, 3112.0271, 3189.4219, 3266.8166};
        double[] upper = {8813.9620, 8891.3573, 8968.7526, 9046.1480, 9123.5436, 9200.9393};
        for (int h = 0; h < mean.length; h++) {
            assertThat(f.mean()[h]).isCloseTo(mean[h], offset(mean[h] * 1e-4));
            assertThat(f.interval(95).orElseThrow().lower()[h]).isCloseTo(lower[h], offset(lower[h] * 1e-3));
            assertThat(f.interval(95).orElseThrow().upper()[h]).isCloseTo(upper[h], offset(upper[h] * 1e-3));
        }
        CompetitionSet.Series w2 = SERIES.get("W2");
        double[] w2Mean = {3463.2739, 3441.9089, 3421.1729, 3401.0476, 3381.5150, 3362.5575, 3344.1583, 3326.3010,
                3308.9695, 3292.1483, 3275.8225, 3259.9775, 3244.5991};
        double[] got = Ets.of("MAdN").fit(w2.train(), 1).forecast(13).mean();
        for (int h = 0; h < 13; h++) {
            assertThat(got[h]).as("W2 step %d", h + 1).isCloseTo(w2Mean[h], offset(w2Mean[h] * 1e-4));
        }
        CompetitionSet.Series n2830 = SERIES.get("N2830");
        Forecast ann = Ets.of("ANN").fit(n2830.train(), 1).forecast(8, 95);
        assertThat(ann.interval(95).orElseThrow().lower()[7]).isCloseTo(3796.3162, offset(3.8));
        assertThat(ann.interval(95).orElseThrow().upper()[0]).isCloseTo(4806.3532, offset(4.8));
    }
}
