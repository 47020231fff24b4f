package org.marketlink.forecast.drivers;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.models.Arima;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Regression with AR(1) errors against R's {@code forecast::Arima(order = c(1, 0, 0), xreg = ..., method = "ML")}
 * (R 4.2.2, forecast 8.20) on the series {@code golden/xreg.R} made (elasticity -1.5, promotion lift 0.4, AR 0.6,
 * 300 steps, 12 ahead): R maximises the joint likelihood, we solve feasible GLS then fit the AR(1) on the residuals,
 * so the two need not agree to the last digit; here they agree to the fourth.
 */
class DynamicRegressionGoldenTest {

    @Test
    void coefficientsAndForecasts_matchRsJointMaximumLikelihood() throws IOException {
        double[][] data = columns(text("xreg-data.csv"), 4);
        Map<String, Double> r = new HashMap<>();
        String[] lines = text("xreg-fit.csv").split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].replace("\"", "").split(",");
            r.put(f[0], Double.parseDouble(f[1]));
        }
        int n = 300;
        FittedRegression fit = DynamicRegression.withErrors(Arima.of(1, 0, 0, false)).fit(
                Arrays.copyOf(data[1], n), drivers(data, 0, n), 1);
        double se = fit.standardError("log_price");
        System.out.printf("elasticity %.4f (R %.4f, se %.4f), promotion %.4f (R %.4f), intercept %.4f (R %.4f)%n",
                fit.coefficient("log_price"), r.get("log_price"), se, fit.coefficient("promotion"),
                r.get("promotion"), fit.intercept(), r.get("intercept"));
        // measured: -1.4391 against R's -1.4390 (standard error 0.075), promotion and intercept alike
        assertThat(fit.coefficient("log_price")).isCloseTo(r.get("log_price"), within(0.001));
        assertThat(fit.coefficient("promotion")).isCloseTo(r.get("promotion"), within(0.001));
        assertThat(fit.intercept()).isCloseTo(r.get("intercept"), within(0.001));
        Forecast f = fit.forecast(drivers(data, n, n + 12), 95);
        for (int h = 0; h < 12; h++) {
            assertThat(f.mean()[h]).as("mean %d", h + 1).isCloseTo(r.get("mean" + (h + 1)), within(0.02));
            assertThat(f.intervals().get(0).lower()[h]).as("lower %d", h + 1)
                    .isCloseTo(r.get("lower95_" + (h + 1)), within(0.03));
            assertThat(f.intervals().get(0).upper()[h]).as("upper %d", h + 1)
                    .isCloseTo(r.get("upper95_" + (h + 1)), within(0.03));
        }
    }

    private static Drivers drivers(double[][] data, int from, int to) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("log_price", Arrays.copyOfRange(data[2], from, to));
        m.put("promotion", Arrays.copyOfRange(data[3], from, to));
        return Drivers.of(m);
    }

    private static double[][] columns(String csv, int count) {
        String[] lines = csv.split("\n");
        double[][] out = new double[count][lines.length - 1];
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].replace("\"", "").split(",");
            for (int c = 0; c < count; c++) {
                out[c][i - 1] = Double.parseDouble(f[c]);
            }
        }
        return out;
    }

    private static String text(String file) throws IOException {
        try (InputStream in = DynamicRegressionGoldenTest.class.getResourceAsStream("/golden/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
