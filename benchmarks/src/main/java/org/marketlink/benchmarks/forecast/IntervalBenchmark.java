package org.marketlink.benchmarks.forecast;

import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.calibration.Calibrated;
import org.marketlink.forecast.calibration.ConformalCalibration;
import org.marketlink.forecast.evaluation.CompetitionSet;
import org.marketlink.forecast.evaluation.IntervalEvaluation;
import org.marketlink.forecast.models.AutoForecaster;
import org.marketlink.testing.SharedData;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * Interval coverage and MSIS of the default {@link AutoForecaster} on every set in shared/data/forecast, as the
 * models give them and calibrated by {@link ConformalCalibration} on the same set's training parts (each series cut
 * one horizon before the end of its training part: no test value is seen). Point forecasts, and so sMAPE, MASE and
 * OWA, are the same in both. CPU seconds on one thread.
 *
 * <p>Arguments: {@code windows} (default 1), then set names (default all six).
 */
public final class IntervalBenchmark {
    private static final double[] LEVELS = {80, 95};

    private IntervalBenchmark() {
    }

    public static void main(String[] args) {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        List<String> sets = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("M4-Weekly", "M4-Hourly", "M3-Yearly", "M3-Quarterly", "M3-Monthly", "M3-Other");
        Path folder = SharedData.file("forecast");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Forecaster auto = AutoForecaster.create();
        System.out.printf("Default AutoForecaster, intervals as modelled and conformally calibrated (%d window%s)%n%n",
                windows, windows == 1 ? "" : "s");
        System.out.println("| set | intervals | 80% coverage | 95% coverage | MSIS 95 | 95% coverage by step (min–max)"
                + " | CPU s per series |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : sets) {
            CompetitionSet set = CompetitionSet.read(folder, name);
            int horizon = set.series().get(0).horizon();
            int period = set.series().get(0).seasonalPeriod();
            long c0 = cpu.getCurrentThreadCpuTime();
            IntervalEvaluation raw = IntervalEvaluation.of(auto, set, LEVELS);
            long c1 = cpu.getCurrentThreadCpuTime();
            ConformalCalibration calibration = ConformalCalibration.learn(auto,
                    set.series().stream().map(CompetitionSet.Series::train).toList(), period, horizon,
                    ConformalCalibration.Options.defaults().withWindows(windows));
            IntervalEvaluation calibrated = IntervalEvaluation.of(Calibrated.of(auto, calibration), set, LEVELS);
            long c2 = cpu.getCurrentThreadCpuTime();
            int n = set.series().size();
            print(name, "model", raw, (c1 - c0) / 1e9 / n);
            print(name, "conformal", calibrated, (c2 - c1) / 1e9 / n);
            System.out.printf("|  | (calibrated on %d series, %d too short) | | | | | |%n", calibration.seriesUsed(),
                    calibration.seriesSkipped());
        }
    }

    private static void print(String set, String kind, IntervalEvaluation e, double cpuPerSeries) {
        double[] steps = e.coverageByStep(95);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : steps) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        System.out.printf("| %s | %s | %.1f | %.1f | %.2f | %.0f–%.0f | %.3f |%n", set, kind, e.coverageAt(80),
                e.coverageAt(95), e.msisAt(95), min, max, cpuPerSeries);
    }
}
