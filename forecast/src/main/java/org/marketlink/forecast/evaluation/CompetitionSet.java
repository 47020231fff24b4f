package org.marketlink.forecast.evaluation;

import org.marketlink.core.UnableToReadException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A forecasting competition set in the M4 file layout: {@code NAME-train.csv} (one series per row,
 * {@code id,v1,v2,...}), {@code NAME-test.csv} (the next {@code horizon} true values) and
 * {@code series-info.csv} (id, dataset, seasonal period, horizon, ...).
 *
 * @param name   set name, for example {@code M3-Monthly}
 * @param series the series, in file order
 */
public record CompetitionSet(String name, List<Series> series) {

    /**
     * One series.
     *
     * @param id             its id
     * @param train          the training values
     * @param test           the values to forecast
     * @param seasonalPeriod the period used for MASE (and for seasonal adjustment)
     */
    public record Series(String id, double[] train, double[] test, int seasonalPeriod) {
        /** The number of values to forecast: the length of the test part. */
        public int horizon() {
            return test.length;
        }
    }

    /** Reads set {@code name} from {@code folder}. */
    public static CompetitionSet read(Path folder, String name) {
        Map<String, Integer> periods = new HashMap<>();
        for (String[] row : rows(folder.resolve("series-info.csv"))) {
            if (row[1].equals(name)) {
                periods.put(row[0], Integer.parseInt(row[2]));
            }
        }
        Map<String, double[]> tests = new HashMap<>();
        for (String[] row : rows(folder.resolve(name + "-test.csv"))) {
            tests.put(row[0], values(row));
        }
        List<Series> series = new ArrayList<>();
        for (String[] row : rows(folder.resolve(name + "-train.csv"))) {
            double[] test = tests.get(row[0]);
            Integer period = periods.get(row[0]);
            if (test == null || period == null) {
                throw new UnableToReadException("series " + row[0] + " of " + name + " has no test values or info");
            }
            series.add(new Series(row[0], values(row), test, period));
        }
        return new CompetitionSet(name, List.copyOf(series));
    }

    private static double[] values(String[] row) {
        int n = row.length - 1;
        while (n > 0 && row[n].isBlank()) {
            n--;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Double.parseDouble(row[i + 1]);
        }
        return v;
    }

    /** The data rows of a file; a first line starting {@code id} or {@code V1} is a header and skipped. */
    private static List<String[]> rows(Path file) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            boolean first = true;
            while ((line = in.readLine()) != null) {
                String unquoted = line.replace("\"", "");
                boolean header = first && (unquoted.startsWith("id,") || unquoted.startsWith("V1,"));
                first = false;
                if (!line.isBlank() && !header) {
                    rows.add(line.replace("\"", "").split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new UnableToReadException("could not read " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }
}
