package org.marketlink.benchmarks.forecast;

import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.evaluation.CompetitionSet;
import org.marketlink.forecast.evaluation.Metrics;
import org.marketlink.forecast.models.Arima;
import org.marketlink.forecast.models.AutoForecaster;
import org.marketlink.forecast.models.Combination;
import org.marketlink.forecast.models.Ets;
import org.marketlink.forecast.models.Naive2;
import org.marketlink.forecast.models.Ses;
import org.marketlink.forecast.models.Theta;
import org.marketlink.testing.SharedData;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Every set in shared/data/forecast (M4 file layout) through Naive2, SES, Theta, AutoETS, AutoARIMA, the ETS–Theta
 * combination, the M4 Comb benchmark and the default AutoForecaster (see its javadoc for the rule it follows): sMAPE, MASE and OWA against Naive2 as in M4,
 * and series per CPU-second on one thread. Compare with the R figures in shared/data/forecast/REFERENCE.md.
 *
 * <p>Arguments: set names, default all six.
 */
public final class ForecastBenchmark {
    private ForecastBenchmark() {
    }

    public static void main(String[] args) {
        List<String> sets = args.length > 0 ? List.of(args)
                : List.of("M4-Weekly", "M4-Hourly", "M3-Yearly", "M3-Quarterly", "M3-Monthly", "M3-Other");
        Path folder = SharedData.file("forecast");
        Map<String, Forecaster> methods = new LinkedHashMap<>();
        methods.put("Naive2", Naive2.create());
        methods.put("SES", Ses.create());
        methods.put("Theta", Theta.create());
        methods.put("AutoETS", Ets.auto());
        methods.put("AutoARIMA", Arima.auto());
        methods.put("Mean(AutoETS,Theta)", Combination.of(Combination.Method.MEAN, Ets.auto(), Theta.create()));
        methods.put("M4 Comb(SES,Holt,Damped)", Combination.m4Comb());
        methods.put("Auto (default)", AutoForecaster.create());
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<String> reference = readReference(folder.resolve("REFERENCE.md"));
        for (String name : sets) {
            CompetitionSet set = CompetitionSet.read(folder, name);
            System.out.printf("%n## %s (%d series)%n%n", name, set.series().size());
            System.out.println("| method | sMAPE | MASE | OWA | series per CPU s |");
            System.out.println("|---|---|---|---|---|");
            double naive2Smape = Double.NaN;
            double naive2Mase = Double.NaN;
            for (Map.Entry<String, Forecaster> m : methods.entrySet()) {
                long c0 = cpu.getCurrentThreadCpuTime();
                double smape = 0;
                double mase = 0;
                for (CompetitionSet.Series s : set.series()) {
                    double[] f = m.getValue().fit(s.train(), s.seasonalPeriod()).forecast(s.horizon()).mean();
                    smape += Metrics.smape(s.test(), f);
                    mase += Metrics.mase(s.train(), s.test(), f, s.seasonalPeriod());
                }
                double seconds = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
                int n = set.series().size();
                smape /= n;
                mase /= n;
                if (m.getKey().equals("Naive2")) {
                    naive2Smape = smape;
                    naive2Mase = mase;
                }
                System.out.printf("| %s | %.3f | %.3f | %.3f | %,.1f |%n", m.getKey(), smape, mase,
                        Metrics.owa(smape, mase, naive2Smape, naive2Mase), n / Math.max(seconds, 1e-9));
            }
            System.out.println();
            System.out.println("Throughput on all cores (wall clock, fit and forecast):");
            for (String fast : List.of("Naive2", "SES", "Theta")) {
                Forecaster f = methods.get(fast);
                int threads = Runtime.getRuntime().availableProcessors();
                // a small set takes tens of milliseconds, so one pass mostly measures thread start-up and GC:
                // repeat the pass and print the best and the median
                double[] rates = new double[5];
                for (int round = 0; round < rates.length; round++) {
                    rates[round] = allCoreRate(set, f, threads);
                }
                Arrays.sort(rates);
                System.out.printf("  %s: %,.0f series/s best, %,.0f median of %d passes on %d threads%n", fast,
                        rates[rates.length - 1], rates[rates.length / 2], rates.length, threads);
            }
            System.out.println();
            System.out.println("R reference (shared/data/forecast/REFERENCE.md):");
            boolean in = false;
            for (String line : reference) {
                if (line.startsWith("## ")) {
                    in = line.startsWith("## " + name + " ");
                } else if (in && line.startsWith("|")) {
                    System.out.println(line);
                }
            }
        }
    }

    /** Series per second of one pass over the set, fitting and forecasting on {@code threads} threads. */
    private static double allCoreRate(CompetitionSet set, Forecaster f, int threads) {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            int per = (set.series().size() + threads - 1) / threads;
            for (int i = 0; i < set.series().size(); i += per) {
                List<CompetitionSet.Series> part = set.series().subList(i, Math.min(set.series().size(), i + per));
                jobs.add(pool.submit(() -> part.forEach(s -> f.fit(s.train(), s.seasonalPeriod())
                        .forecast(s.horizon()))));
            }
            for (var j : jobs) {
                j.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        return set.series().size() / ((System.nanoTime() - t0) / 1e9);
    }

    private static List<String> readReference(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
