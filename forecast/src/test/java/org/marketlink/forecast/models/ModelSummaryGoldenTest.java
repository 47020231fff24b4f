package org.marketlink.forecast.models;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.ModelSummary;
import org.marketlink.forecast.evaluation.CompetitionSet;
import org.marketlink.forecast.evaluation.LjungBox;
import org.marketlink.testing.SharedData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/**
 * The in-sample summary of ETS fits against R (4.2.2, forecast 8.20; {@code golden/summary.R} wrote the files):
 * fitted values, innovations, log-likelihood, AIC, AICc, BIC and the Ljung–Box test {@code checkresiduals} runs, with
 * its lags and degrees of freedom. Our fits land on R's parameters (measured: fitted values within 4e-12 of the
 * series' mean level), so everything is compared to 1e-9 of the series' level, the criteria to 1e-6 and the test's
 * statistic and p-value to a relative 1e-6.
 */
class ModelSummaryGoldenTest {
    private static final Map<String, CompetitionSet.Series> SERIES = new HashMap<>();
    private static final Map<String, List<double[]>> FITS = new LinkedHashMap<>();
    private static final Map<String, Map<String, Double>> STATS = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        for (String set : new String[] {"M3-Yearly", "M3-Monthly", "M3-Other"}) {
            CompetitionSet.read(SharedData.file("forecast"), set).series().forEach(s -> SERIES.put(s.id(), s));
        }
        List<String[]> fits = csv("summary-fits.csv");
        for (String[] row : fits.subList(1, fits.size())) {
            FITS.computeIfAbsent(row[0], k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(row[2]), Double.parseDouble(row[3])});
        }
        List<String[]> stats = csv("summary-stats.csv");
        String[] header = stats.get(0);
        for (String[] row : stats.subList(1, stats.size())) {
            Map<String, Double> values = new HashMap<>();
            for (int c = 1; c < header.length; c++) {
                values.put(header[c], row[c].equals("NA") ? Double.NaN : Double.parseDouble(row[c]));
            }
            STATS.put(row[0], values);
        }
    }

    static List<String[]> csv(String file) throws IOException {
        try (InputStream in = ModelSummaryGoldenTest.class.getResourceAsStream("/golden/" + file)) {
            List<String[]> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                out.add(fields(line));
            }
            return out;
        }
    }

    /** The fields of one line of R's {@code write.csv}: commas inside quotes belong to the field. */
    private static String[] fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"N1402, ANN", "N1402, MAM", "N2830, AAN", "N2, MAN"})
    void etsFittedValuesResidualsCriteriaAndLjungBoxMatchR(String id, String model) {
        CompetitionSet.Series s = SERIES.get(id);
        FittedModel fit = Ets.of(model).fit(s.train(), s.seasonalPeriod());
        ModelSummary summary = fit.summary().orElseThrow();
        List<double[]> golden = FITS.get(id + " " + model);
        double[] y = s.train();
        assertThat(summary.fitted()).hasSize(golden.size()).hasSize(y.length);
        double scale = 0;
        for (double v : y) {
            scale += Math.abs(v) / y.length;
        }
        boolean multiplicative = model.charAt(0) == 'M';
        double worst = 0;
        for (int t = 0; t < y.length; t++) {
            worst = Math.max(worst, Math.abs(summary.fitted()[t] - golden.get(t)[0]) / scale);
        }
        for (int t = 0; t < y.length; t++) {
            String at = id + " " + model + " t=" + (t + 1);
            assertThat(summary.fitted()[t]).as(at).isCloseTo(golden.get(t)[0], offset(1e-9 * scale));
            // R's residuals() are the innovations: relative errors for a multiplicative error
            assertThat(summary.innovations()[t]).as(at).isCloseTo(golden.get(t)[1],
                    offset(multiplicative ? 1e-9 : 1e-9 * scale));
            assertThat(summary.residuals()[t]).as(at).isCloseTo(y[t] - summary.fitted()[t], offset(1e-9 * scale));
        }
        Map<String, Double> r = STATS.get(id + " " + model);
        assertThat(summary.logLikelihood().orElseThrow()).isCloseTo(r.get("loglik"), offset(1e-6));
        assertThat(summary.aic().orElseThrow()).isCloseTo(r.get("aic"), offset(1e-6));
        assertThat(summary.aicc().orElseThrow()).isCloseTo(r.get("aicc"), offset(1e-6));
        assertThat(summary.bic().orElseThrow()).isCloseTo(r.get("bic"), offset(1e-6));
        assertThat(summary.fitDf()).isEqualTo(r.get("fitdf").intValue());
        LjungBox.Result lb = summary.ljungBox(s.seasonalPeriod());
        System.out.printf("%s %s: fitted within %.2e of the mean level of R's; Q* %.4f (R %.4f), df %d, p %.4g (R %.4g)%n",
                id, model, worst, lb.statistic(), r.get("lb_stat"), lb.degreesOfFreedom(), lb.pValue(), r.get("lb_p"));
        assertThat(lb.degreesOfFreedom()).isEqualTo(r.get("lb_df").intValue());
        assertThat(lb.statistic()).isCloseTo(r.get("lb_stat"), offset(1e-6 * r.get("lb_stat")));
        assertThat(lb.pValue()).isCloseTo(r.get("lb_p"), offset(1e-6 * r.get("lb_p")));
    }

    @Test
    void ljungBoxOfAFixedVectorIsRsBoxTest() {
        double[] x = new double[40];
        for (int i = 1; i <= 40; i++) {
            x[i - 1] = Math.sin(i * 0.7) + Math.cos(i * 0.13) * 0.5 + (i % 3) * 0.2;
        }
        LjungBox.Result lb = LjungBox.test(x, 7, 2);
        Map<String, Double> r = STATS.get("box.test");
        assertThat(lb.statistic()).isCloseTo(r.get("lb_stat"), offset(1e-9));
        assertThat(lb.degreesOfFreedom()).isEqualTo(5);
        assertThat(lb.pValue()).isCloseTo(r.get("lb_p"), offset(1e-15));
        assertThat(lb.pValue()).isCloseTo(r.get("lb_p"), offset(r.get("lb_p") * 1e-6));
    }

    @Test
    void ljungBoxNamesWhatIsWrong() {
        double[] x = {1, 2, 3, 2, 1, 2, 3};
        assertThatThrownBy(() -> LjungBox.test(x, 7, 0)).hasMessageContaining("lags must be in 1 .. 6")
                .hasMessageContaining("was 7");
        assertThatThrownBy(() -> LjungBox.test(x, 3, 3)).hasMessageContaining("lags (3) must exceed fitDf (3)");
    }
}
