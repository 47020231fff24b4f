package org.marketlink.benchmarks.forecast;

import org.marketlink.core.data.Row;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.examples.data.OnlineRetail;
import org.marketlink.examples.data.SharedFiles;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.evaluation.Metrics;
import org.marketlink.forecast.models.Croston;
import org.marketlink.forecast.models.Intermittent;
import org.marketlink.forecast.models.TemporalAggregation;
import org.marketlink.testing.SharedData;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Intervals for intermittent demand on the Online Retail file: daily units sold per stock code (returns and the
 * file's pseudo items left out, every calendar day counted), the last 28 days held out. Only the series the
 * Syntetos–Boylan classification calls intermittent or lumpy on their training part, with at least 10 demand days,
 * are scored. Each Croston-family method is scored with normal intervals and with the empirical demand intervals:
 * coverage at 80% and 95% and the scaled pinball loss over the quantiles 2.5, 10, 90 and 97.5% (each series'
 * pinball loss divided by its in-sample mean absolute one-day change, then averaged; lower is better). Point forecasts,
 * with ADIDA and IMAPA beside them, are scored by the scaled cumulative error: the mean over the held-out days of
 * |Σ actual − Σ forecast| so far, divided by the same scale (how far stock planned from the forecast drifts from what
 * sold; lower is better).
 */
public final class IntermittentBenchmark {
    private static final int TEST_DAYS = 28;
    private static final double[] LEVELS = {80, 95};

    private IntermittentBenchmark() {
    }

    public static void main(String[] args) {
        Map<String, double[]> series = dailyUnits();
        List<double[]> intermittent = new ArrayList<>();
        for (double[] y : series.values()) {
            double[] train = Arrays.copyOf(y, y.length - TEST_DAYS);
            int demands = 0;
            for (double v : train) {
                demands += v > 0 ? 1 : 0;
            }
            Intermittent.Pattern p = Intermittent.classify(train);
            if (demands >= 10 && (p == Intermittent.Pattern.INTERMITTENT || p == Intermittent.Pattern.LUMPY)) {
                intermittent.add(y);
            }
        }
        System.out.printf("Online Retail daily units: %d stock codes, %d intermittent or lumpy; %d days, last %d "
                + "held out%n%n", series.size(), intermittent.size(), series.values().iterator().next().length,
                TEST_DAYS);
        System.out.println("| method | intervals | 80% coverage | 95% coverage | scaled pinball | scaled cumulative error |");
        System.out.println("|---|---|---|---|---|---|");
        Map<String, Croston.Variant> variants = new LinkedHashMap<>();
        variants.put("Croston", Croston.Variant.CROSTON);
        variants.put("SBA", Croston.Variant.SBA);
        variants.put("TSB", Croston.Variant.TSB);
        for (var v : variants.entrySet()) {
            for (Croston.IntervalMethod m : Croston.IntervalMethod.values()) {
                Forecaster f = Croston.create(new Croston.Options(v.getValue(), 0.1, 0.1, m));
                double[] s = score(f, intermittent);
                System.out.printf("| %s | %s | %.1f | %.1f | %.4f | %.3f |%n", v.getKey(), m, s[0], s[1], s[2],
                        s[3]);
            }
        }
        for (TemporalAggregation t : List.of(TemporalAggregation.adida(), TemporalAggregation.imapa())) {
            double[] s = score(t, intermittent);
            System.out.printf("| %s | EMPIRICAL | %.1f | %.1f | %.4f | %.3f |%n", t.name(), s[0], s[1], s[2], s[3]);
        }
    }

    /**
     * 80% coverage, 95% coverage (percent), the mean scaled pinball loss over four quantiles and the mean scaled
     * cumulative error.
     */
    private static double[] score(Forecaster method, List<double[]> panel) {
        long in80 = 0;
        long in95 = 0;
        long points = 0;
        double pinball = 0;
        double cumulative = 0;
        int scaled = 0;
        for (double[] y : panel) {
            double[] train = Arrays.copyOf(y, y.length - TEST_DAYS);
            double[] test = Arrays.copyOfRange(y, y.length - TEST_DAYS, y.length);
            Forecast f = method.fit(train, 7).forecast(TEST_DAYS, LEVELS);
            Interval i80 = f.interval(80).orElseThrow();
            Interval i95 = f.interval(95).orElseThrow();
            for (int k = 0; k < TEST_DAYS; k++) {
                in80 += test[k] >= i80.lower()[k] && test[k] <= i80.upper()[k] ? 1 : 0;
                in95 += test[k] >= i95.lower()[k] && test[k] <= i95.upper()[k] ? 1 : 0;
                points++;
            }
            double scale = 0;
            for (int t = 1; t < train.length; t++) {
                scale += Math.abs(train[t] - train[t - 1]);
            }
            scale /= train.length - 1;
            if (scale > 0) {
                double loss = Metrics.pinball(test, i95.lower(), 0.025) + Metrics.pinball(test, i80.lower(), 0.10)
                        + Metrics.pinball(test, i80.upper(), 0.90) + Metrics.pinball(test, i95.upper(), 0.975);
                pinball += loss / 4 / scale;
                double drift = 0;
                double gap = 0;
                double[] mean = f.mean();
                for (int k = 0; k < TEST_DAYS; k++) {
                    drift += test[k] - mean[k];
                    gap += Math.abs(drift);
                }
                cumulative += gap / TEST_DAYS / scale;
                scaled++;
            }
        }
        return new double[] {100.0 * in80 / points, 100.0 * in95 / points, pinball / scaled, cumulative / scaled};
    }

    /** Units sold per stock code per calendar day, from the first to the last day of the file. */
    private static Map<String, double[]> dailyUnits() {
        Map<String, Map<Long, Double>> byCode = new HashMap<>();
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        int code = OnlineRetail.SCHEMA.indexOf("StockCode");
        int quantity = OnlineRetail.SCHEMA.indexOf("Quantity");
        int date = OnlineRetail.SCHEMA.indexOf("InvoiceDate");
        try (Cursor<Row> c = OnlineRetail.source(SharedData.file(SharedFiles.ONLINE_RETAIL)).open()) {
            Cursor.RowConsumer<Row> take = (row, n) -> {
                long q = row.getLong(quantity);
                String stock = row.getString(code);
                if (q <= 0 || OnlineRetail.PSEUDO_ITEMS.contains(stock)) {
                    return;
                }
                long day = LocalDate.ofInstant(row.getTimestamp(date), ZoneOffset.UTC).toEpochDay();
                range[0] = Math.min(range[0], day);
                range[1] = Math.max(range[1], day);
                byCode.computeIfAbsent(stock, k -> new HashMap<>()).merge(day, (double) q, Double::sum);
            };
            while (c.next(take, rejection -> { })) {
                // reads the whole file; rejected rows are left out
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read the Online Retail file", e);
        }
        int days = (int) ChronoUnit.DAYS.between(LocalDate.ofEpochDay(range[0]), LocalDate.ofEpochDay(range[1])) + 1;
        Map<String, double[]> out = new LinkedHashMap<>();
        byCode.forEach((stock, sales) -> {
            double[] y = new double[days];
            sales.forEach((day, q) -> y[(int) (day - range[0])] = q);
            out.put(stock, y);
        });
        return out;
    }
}
