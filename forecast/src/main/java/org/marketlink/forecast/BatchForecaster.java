package org.marketlink.forecast;

import org.marketlink.core.Checks;
import org.marketlink.core.MarketLinkException;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.timeseries.TimeSeries;
import org.marketlink.forecast.calibration.Calibrated;
import org.marketlink.forecast.calibration.ConformalCalibration;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Forecasts many series on a pool of threads with bounded memory: at most {@code 2 × parallelism} series are in
 * flight, read lazily from the caller's iterator. A series that fails (an unexpected exception in a model) is
 * reported with its error and never stops the batch. Results are handed to the caller's consumer on the calling
 * thread, in completion order.
 *
 * <p>Threads: by default each {@link #run} makes {@code parallelism} daemon threads and shuts them down before
 * returning; {@link #onExecutor} runs the series on the host's executor instead, and a series the executor has not
 * started when the calling thread needs its result is forecast on the calling thread, so a small or saturated
 * executor slows a batch and cannot stall it. Thread-safe.
 */
public final class BatchForecaster {
    /**
     * @param parallelism threads
     * @param horizon     steps to forecast
     * @param levels      interval levels in percent
     */
    public record Options(int parallelism, int horizon, double[] levels) {
        /** Checks the components; {@code null} levels mean 80 and 95. */
        public Options {
            Checks.atLeast("parallelism", parallelism, 1);
            Checks.atLeast("horizon", horizon, 1);
            levels = levels == null ? new double[] {80, 95} : levels.clone();
        }

        /** One thread per core, a horizon of 12 and 80 % and 95 % intervals. */
        public static Options defaults() {
            return new Options(Math.max(1, Runtime.getRuntime().availableProcessors()), 12, new double[] {80, 95});
        }

        /** These options with {@code threads} threads. */
        public Options withParallelism(int threads) {
            return new Options(threads, horizon, levels);
        }

        /** These options with a horizon of {@code h} steps. */
        public Options withHorizon(int h) {
            return new Options(parallelism, h, levels);
        }
    }

    /** One series to forecast, under a key the host chooses (for example a product id). */
    public record Task(String key, TimeSeries series) {
    }

    /** The outcome for one series: a forecast, or the error that prevented it. */
    public record Result(String key, TimeSeries series, Optional<Forecast> forecast, Optional<String> error) {
    }

    /** Counts of a finished batch. */
    public record Report(int series, int failed, double seconds) {
        /** Series forecast per second of wall time. */
        public double seriesPerSecond() {
            return series / Math.max(1e-9, seconds);
        }
    }

    private final Forecaster method;
    private final Options options;
    /** The host's threads, or null for a pool of the batch's own. */
    private final Executor executor;

    private BatchForecaster(Forecaster method, Options options, Executor executor) {
        this.method = method;
        this.options = options;
        this.executor = executor;
    }

    /**
     * This batch forecaster running its series on the host's {@code threads} (at most {@code 2 × parallelism} at
     * once) instead of threads of its own.
     *
     * @param threads the host's executor
     * @return a new batch forecaster
     */
    public BatchForecaster onExecutor(Executor threads) {
        return new BatchForecaster(method, options, Checks.notNull("executor", threads));
    }

    /**
     * This batch forecaster with intervals calibrated on {@code tasks} themselves: each series is backtested
     * (see {@link ConformalCalibration}) on the batch's threads, the scores of all series are pooled, and the
     * returned batch forecaster's method is {@code Calibrated.of(method, calibration)}. Give it series of one kind
     * (one frequency); it is meant to be run on the same tasks next. A series whose backtest fails is left out of
     * the calibration (its forecast will report the failure).
     *
     * @throws IllegalArgumentException when no series is long enough for a backtest window of the batch's horizon
     */
    public BatchForecaster calibratedOn(List<Task> tasks, ConformalCalibration.Options calibration) {
        Checks.notNull("tasks", tasks);
        Checks.notNull("calibration", calibration);
        int parts = Math.max(1, Math.min(options.parallelism(), tasks.size()));
        ExecutorService own = executor != null ? null : ownThreads(parts, "marketlink-forecast-calibration");
        Executor threads = executor != null ? executor : own;
        List<FutureTask<ConformalCalibration.Builder>> jobs = new ArrayList<>();
        try {
            int per = (tasks.size() + parts - 1) / parts;
            for (int from = 0; from < tasks.size(); from += per) {
                List<Task> part = tasks.subList(from, Math.min(tasks.size(), from + per));
                FutureTask<ConformalCalibration.Builder> job = new FutureTask<>(() -> backtest(part, calibration));
                try {
                    threads.execute(job);
                } catch (RejectedExecutionException e) {
                    job.run();
                }
                jobs.add(job);
            }
            ConformalCalibration.Builder all = ConformalCalibration.builder(options.horizon(), calibration);
            for (FutureTask<ConformalCalibration.Builder> job : jobs) {
                job.run(); // runs here when the executor has not started it
                all.merge(job.get());
            }
            return new BatchForecaster(Calibrated.of(method, all.build()), options, executor);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MarketLinkException("interrupted while calibrating forecasts", e);
        } catch (ExecutionException e) {
            throw new MarketLinkException("calibrating forecasts failed unexpectedly", e.getCause());
        } finally {
            if (own != null) {
                own.shutdownNow();
            }
        }
    }

    private ConformalCalibration.Builder backtest(List<Task> part, ConformalCalibration.Options calibration) {
        ConformalCalibration.Builder b = ConformalCalibration.builder(options.horizon(), calibration);
        for (Task task : part) {
            TimeSeries s = task.series();
            try {
                b.backtest(method, s.values(), s.frequency().seasonalPeriod());
            } catch (RuntimeException e) {
                // left out of the calibration; forecasting the same series reports the error with its key
            }
        }
        return b;
    }

    /** A batch forecaster that fits {@code method} to every series under {@code options}. */
    public static BatchForecaster of(Forecaster method, Options options) {
        return new BatchForecaster(Checks.notNull("method", method), Checks.notNull("options", options), null);
    }

    /**
     * Forecasts every task; {@code results} receives each outcome on the calling thread as it completes (it is also
     * the batch's progress: one call per series).
     */
    public Report run(Iterator<Task> tasks, Consumer<Result> results) {
        long t0 = System.nanoTime();
        ExecutorService own = executor != null ? null : ownThreads(options.parallelism(), "marketlink-forecast");
        Executor threads = executor != null ? executor : own;
        Deque<FutureTask<Result>> inFlight = new ArrayDeque<>();
        int count = 0;
        int failed = 0;
        try {
            while (tasks.hasNext() || !inFlight.isEmpty()) {
                while (tasks.hasNext() && inFlight.size() < 2 * options.parallelism()) {
                    Task task = tasks.next();
                    FutureTask<Result> f = new FutureTask<>(() -> forecast(task));
                    try {
                        threads.execute(f);
                    } catch (RejectedExecutionException e) {
                        f.run(); // a saturated executor: this thread forecasts the series
                    }
                    inFlight.add(f);
                }
                FutureTask<Result> next = firstDone(inFlight);
                next.run(); // does nothing when the executor has started (or finished) it: then it is waited for
                Result r = next.get();
                count++;
                if (r.error().isPresent()) {
                    failed++;
                }
                results.accept(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MarketLinkException("interrupted while forecasting", e);
        } catch (ExecutionException e) {
            throw new MarketLinkException("a forecast task failed unexpectedly", e.getCause());
        } finally {
            if (own != null) {
                own.shutdownNow();
            }
        }
        return new Report(count, failed, (System.nanoTime() - t0) / 1e9);
    }

    /** Daemon threads of the batch's own, used when the host gave no executor; shut down by the caller. */
    private static ExecutorService ownThreads(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The first finished task in flight, removed; else the oldest, removed, for the caller to run or wait for. */
    private static FutureTask<Result> firstDone(Deque<FutureTask<Result>> inFlight) {
        for (Iterator<FutureTask<Result>> it = inFlight.iterator(); it.hasNext(); ) {
            FutureTask<Result> f = it.next();
            if (f.isDone()) {
                it.remove();
                return f;
            }
        }
        return inFlight.poll();
    }

    /** Forecasts a list and returns the results in input order. */
    public List<Result> runAll(List<Task> tasks) {
        List<Result> out = new ArrayList<>();
        run(tasks.iterator(), out::add);
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            order.putIfAbsent(tasks.get(i).key(), i);
        }
        out.sort(Comparator.comparingInt(r -> order.getOrDefault(r.key(), Integer.MAX_VALUE)));
        return out;
    }

    /**
     * Forecasts one task on the calling thread, as each worker of {@link #run} does: for hosts that bring their own
     * parallelism (a Spark executor, a job queue).
     */
    public Result forecast(Task task) {
        try {
            TimeSeries s = task.series();
            Forecast f = method.fit(s.values(), s.frequency().seasonalPeriod()).forecast(options.horizon(),
                    options.levels());
            return new Result(task.key(), s, Optional.of(f), Optional.empty());
        } catch (RuntimeException e) {
            return new Result(task.key(), task.series(), Optional.empty(),
                    Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /**
     * The forecast as {@link DemandForecast} rows, one per step: the period's first day, its length in days, the
     * point forecast and the bounds at {@code level}, all floored at 0 (demand is never negative).
     */
    public static List<DemandForecast> toDemandForecasts(UUID productId, TimeSeries history, Forecast forecast,
                                                         double level, Instant generatedAt) {
        Interval interval = forecast.interval(level).orElseThrow(() -> new IllegalArgumentException(
                "the forecast has no " + level + "% interval"));
        double[] mean = forecast.mean();
        double[] lo = interval.lower();
        double[] hi = interval.upper();
        String model = forecast.model() + forecast.fallback().map(f -> " (fallback: " + f + ")").orElse("");
        if (model.length() > 200) {
            model = model.substring(0, 197) + "...";
        }
        List<DemandForecast> rows = new ArrayList<>(mean.length);
        for (int h = 0; h < mean.length; h++) {
            var start = history.periodAt(history.length() + h);
            var end = history.periodAt(history.length() + h + 1);
            int days = (int) Math.max(1, ChronoUnit.DAYS.between(start.toLocalDate(), end.toLocalDate()));
            double point = Math.max(0, mean[h]);
            double lower = Math.min(point, Math.max(0, lo[h]));
            double upper = Math.max(point, Math.max(0, hi[h]));
            rows.add(new DemandForecast(productId, start.toLocalDate(), days, point, lower, upper, model,
                    generatedAt));
        }
        return rows;
    }
}
