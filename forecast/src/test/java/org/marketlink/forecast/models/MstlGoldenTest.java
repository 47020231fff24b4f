package org.marketlink.forecast.models;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MSTL against R's {@code forecast::mstl} (R 4.2.2, forecast 8.20) on the first two M4-Hourly training series,
 * periods 24 and 168: {@code golden/mstl.R} wrote the components R found, with every point smoothed
 * ({@code s.jump = t.jump = l.jump = 1}, as our STL smooths) and with R's default jumps.
 */
class MstlGoldenTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mstl-jump1.csv, 1e-9", "mstl-default.csv, 0.03"})
    void components_matchRs(String file, double tolerance) throws IOException {
        Map<String, List<double[]>> golden = read(file);
        assertThat(golden).hasSize(2);
        for (Map.Entry<String, List<double[]>> e : golden.entrySet()) {
            List<double[]> rows = e.getValue();
            double[] y = rows.stream().mapToDouble(r -> r[0]).toArray();
            Mstl.Decomposition d = Mstl.decompose(y, 24, 168);
            double scale = spread(y);
            double[][] ours = {d.trend(), d.seasonal()[0], d.seasonal()[1], d.remainder()};
            for (int c = 0; c < 4; c++) {
                double worst = 0;
                for (int t = 0; t < y.length; t++) {
                    worst = Math.max(worst, Math.abs(ours[c][t] - rows.get(t)[c + 1]));
                }
                // relative to the series' spread: exact to rounding without jumps; R's jumps (it smooths every
                // ceil(window / 10)-th point and interpolates) move a component by up to 2.5%
                assertThat(worst / scale).as("%s %s component %d", file, e.getKey(), c).isLessThan(tolerance);
            }
        }
    }

    private static Map<String, List<double[]>> read(String file) throws IOException {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        try (InputStream in = MstlGoldenTest.class.getResourceAsStream("/golden/" + file)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].replace("\"", "").split(",");
                double[] row = new double[5];
                for (int c = 0; c < 5; c++) {
                    row[c] = Double.parseDouble(f[2 + c]);
                }
                out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(row);
            }
        }
        return out;
    }

    private static double spread(double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double s = 0;
        for (double v : y) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / y.length);
    }
}
