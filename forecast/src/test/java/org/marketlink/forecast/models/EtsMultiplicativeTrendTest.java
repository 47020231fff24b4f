package org.marketlink.forecast.models;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.evaluation.CompetitionSet;
import org.marketlink.forecast.internal.EtsFit;
import org.marketlink.forecast.internal.EtsSpec;
import org.marketlink.testing.SharedData;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/**
 * ETS with a multiplicative trend against R's {@code ets()} (4.2.2, forecast 8.20; {@code golden/multtrend.R} wrote
 * the files): log-likelihood, AICc, smoothing parameters, initial level and growth, and point forecasts of MMN, MMdN
 * and MMM fits; and the models automatic selection picks when multiplicative trends are allowed.
 */
class EtsMultiplicativeTrendTest {
    private static final Map<String, CompetitionSet.Series> SERIES = new HashMap<>();
    private static List<String[]> fits;
    private static List<String[]> selected;

    @BeforeAll
    static void load() throws IOException {
        for (String set : new String[] {"M3-Yearly", "M3-Quarterly", "M3-Monthly", "M3-Other"}) {
            CompetitionSet.read(SharedData.file("forecast"), set).series().forEach(s -> SERIES.put(s.id(), s));
        }
        fits = ModelSummaryGoldenTest.csv("multtrend.csv");
        selected = ModelSummaryGoldenTest.csv("multtrend-selected.csv");
    }

    private static double number(String s) {
        return s.equals("NA") ? Double.NaN : Double.parseDouble(s);
    }

    @Test
    void multiplicativeTrendFitsMatchR() {
        for (String[] row : fits.subList(1, fits.size())) {
            // id, model (R's "MMNd" for damped), label, loglik, aicc, alpha, beta, phi, l, b, f1, f6, f6_textbook
            String id = row[0];
            boolean damped = row[1].endsWith("d");
            String code = damped ? row[1].substring(0, 2) + "d" + row[1].charAt(2) : row[1];
            CompetitionSet.Series s = SERIES.get(id);
            EtsFit fit = EtsFit.fit(EtsSpec.parse(code), s.train(), s.seasonalPeriod());
            String at = id + " " + code;
            assertThat(fit).as(at).isNotNull();
            assertThat(fit.spec().label()).as(at).isEqualTo(row[2]);
            assertThat(fit.logLik()).as(at + " loglik").isCloseTo(number(row[3]), offset(1e-3));
            assertThat(fit.aicc()).as(at + " aicc").isCloseTo(number(row[4]), offset(1e-3));
            assertThat(fit.alpha()).as(at + " alpha").isCloseTo(number(row[5]), offset(1e-3));
            assertThat(fit.beta()).as(at + " beta").isCloseTo(number(row[6]), offset(1e-3));
            if (damped) {
                assertThat(fit.phi()).as(at + " phi").isCloseTo(number(row[7]), offset(1e-3));
            }
            assertThat(fit.initialState()[0]).as(at + " l").isCloseTo(number(row[8]), offset(5e-4 * number(row[8])));
            assertThat(fit.initialState()[1]).as(at + " b").isCloseTo(number(row[9]), offset(1e-3));
            Forecast f = Ets.of(code).fit(s.train(), s.seasonalPeriod()).forecast(6);
            assertThat(f.mean()[0]).as(at + " f1").isCloseTo(number(row[10]), offset(1e-4 * number(row[10])));
            // R's own f6 for undamped models; for damped ones the textbook from R's final states (R's C forecast
            // steps a damped multiplicative trend's exponent by one power of phi too few: see multtrend.R)
            assertThat(f.mean()[5]).as(at + " f6").isCloseTo(number(row[12]), offset(1e-4 * number(row[12])));
            if (!damped) {
                assertThat(number(row[12])).isCloseTo(number(row[11]), offset(1e-9 * number(row[11])));
            }
        }
    }

    @Test
    void automaticSelectionWithMultiplicativeTrendsPicksWhatRPicks() {
        Ets auto = Ets.create(Ets.Options.defaults().withMultiplicativeTrend(true));
        for (String[] row : selected.subList(1, selected.size())) {
            CompetitionSet.Series s = SERIES.get(row[0]);
            assertThat(auto.fit(s.train(), s.seasonalPeriod()).forecast(1).model()).as(row[0]).startsWith(row[1]);
        }
    }

    @Test
    void growthCompoundsAndTheIntervalsAreSimulated() {
        double[] y = new double[30];
        for (int t = 0; t < y.length; t++) {
            y[t] = 100 * Math.pow(1.05, t) * (1 + 0.02 * Math.sin(t * 1.3)); // 5% growth a step
        }
        Forecast f = Ets.of("MMN").fit(y, 1).forecast(10, 80);
        assertThat(f.model()).startsWith("ETS(M,M,N)");
        for (int h = 1; h < 10; h++) {
            assertThat(f.mean()[h] / f.mean()[h - 1]).as("growth at step %d", h + 1).isCloseTo(1.05, offset(0.01));
        }
        Interval i = f.interval(80).orElseThrow();
        for (int h = 0; h < 10; h++) {
            assertThat(i.lower()[h]).isLessThanOrEqualTo(f.mean()[h]);
            assertThat(i.upper()[h]).isGreaterThanOrEqualTo(f.mean()[h]);
        }
        assertThat(i.upper()[9] - i.lower()[9]).isGreaterThan(i.upper()[0] - i.lower()[0]);
        assertThat(EtsSpec.parse("MMdM").label()).isEqualTo("ETS(M,Md,M)");
        assertThat(EtsSpec.parse("mad n".replace(" ", "")).label()).isEqualTo("ETS(M,Ad,N)");
        assertThatThrownBy(() -> EtsSpec.parse("MNdN")).hasMessageContaining("not an ETS model code: MNdN");
        // a series with a value ≤ 0 cannot grow by a rate: the given model falls back, as other multiplicative ones do
        double[] withZero = y.clone();
        withZero[3] = 0;
        assertThat(Ets.of("MMN").fit(withZero, 1).forecast(2).fallback()).isPresent();
    }
}
