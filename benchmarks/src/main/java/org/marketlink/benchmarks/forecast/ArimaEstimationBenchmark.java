package org.marketlink.benchmarks.forecast;

import org.marketlink.forecast.evaluation.CompetitionSet;
import org.marketlink.forecast.evaluation.Metrics;
import org.marketlink.forecast.models.Arima;
import org.marketlink.testing.SharedData;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * AutoARIMA with coefficients by the conditional sum of squares (the default) against the same search with the
 * chosen model refitted by exact maximum likelihood ({@code Options.withExactLikelihood}, R's CSS-ML), on every set
 * in {@code shared/data/forecast}: mean MASE, sMAPE and CPU seconds on one thread, two rounds interleaved.
 * Run: {@code java -cp <benchmarks classpath> org.marketlink.benchmarks.forecast.ArimaEstimationBenchmark [sets...]}.
 */
public final class ArimaEstimationBenchmark {
    private ArimaEstimationBenchmark() {
    }

    /** Prints one table row per set, estimation and round. */
    public static void main(String[] args) {
        List<String> sets = args.length > 0 ? List.of(args)
                : List.of("M3-Yearly", "M3-Quarterly", "M3-Monthly", "M3-Other", "M4-Weekly");
        Path folder = SharedData.file("forecast");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Arima css = Arima.auto();
        Arima exact = Arima.create(new Arima.Options(null, true, false).withExactLikelihood(true));
        System.out.println("| set | round | estimation | MASE | sMAPE | CPU s |");
        System.out.println("|---|---|---|---|---|---|");
        for (String name : sets) {
            List<CompetitionSet.Series> series = CompetitionSet.read(folder, name).series();
            for (int round = 1; round <= 2; round++) {
                for (Arima method : new Arima[] {css, exact}) {
                    double mase = 0;
                    double smape = 0;
                    long c0 = cpu.getCurrentThreadCpuTime();
                    for (CompetitionSet.Series s : series) {
                        double[] f = method.fit(s.train(), s.seasonalPeriod()).forecast(s.horizon()).mean();
                        mase += Metrics.mase(s.train(), s.test(), f, s.seasonalPeriod());
                        smape += Metrics.smape(s.test(), f);
                    }
                    System.out.printf("| %s | %d | %s | %.4f | %.3f | %.1f |%n", name, round,
                            method == css ? "CSS" : "CSS-ML", mase / series.size(), smape / series.size(),
                            (cpu.getCurrentThreadCpuTime() - c0) / 1e9);
                }
            }
        }
    }
}
