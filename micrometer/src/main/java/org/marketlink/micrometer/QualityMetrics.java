package org.marketlink.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.marketlink.core.Checks;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.SuiteResult;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Suite results as meters, each {@link #record}ed result moving them:
 *
 * <ul>
 *   <li>{@code marketlink.quality.rule.metric} (gauge, tags {@code suite}, {@code rule}): the rule's metric in the
 *   latest result (a passing share, a count, a statistic; NaN when it has none);</li>
 *   <li>{@code marketlink.quality.rule.outcomes} (counter, tags {@code suite}, {@code rule}, {@code outcome}:
 *   {@code passed}, {@code failed}, {@code errored}; {@code severity} of a failure, else {@code none});</li>
 *   <li>{@code marketlink.quality.suite.runs} (counter, tags {@code suite}, {@code status}) and
 *   {@code marketlink.quality.suite.rows} (gauge, tag {@code suite}: the rows the latest result judged).</li>
 * </ul>
 *
 * <p>Rule names name columns and thresholds, never values. Thread-safe.
 */
public final class QualityMetrics {
    private final MeterRegistry registry;
    /** The latest metric per suite and rule, as the bits of a double, read by the gauges. */
    private final Map<List<String>, AtomicLong> metrics = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rows = new ConcurrentHashMap<>();

    private QualityMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Quality meters in {@code registry}.
     *
     * @param registry the host's registry
     * @return the recorder
     */
    public static QualityMetrics of(MeterRegistry registry) {
        return new QualityMetrics(Checks.notNull("registry", registry));
    }

    /**
     * Moves the meters by one suite result.
     *
     * @param result a suite's result
     */
    public void record(SuiteResult result) {
        Checks.notNull("result", result);
        String suite = result.suite();
        for (RuleOutcome o : result.outcomes()) {
            latest(metrics, List.of(suite, o.rule()), () -> Gauge.builder("marketlink.quality.rule.metric",
                    metrics.get(List.of(suite, o.rule())), bits -> Double.longBitsToDouble(bits.get()))
                    .tag("suite", suite).tag("rule", o.rule()).description("a rule's metric in the latest result")
                    .register(registry)).set(Double.doubleToLongBits(o.metric()));
            String outcome = o instanceof RuleOutcome.Passed ? "passed" : o instanceof RuleOutcome.Failed
                    ? "failed" : "errored";
            String severity = o instanceof RuleOutcome.Failed f ? f.severity().name().toLowerCase(Locale.ROOT)
                    : "none";
            Counter.builder("marketlink.quality.rule.outcomes").tag("suite", suite).tag("rule", o.rule())
                    .tag("outcome", outcome).tag("severity", severity).description("rule outcomes")
                    .register(registry).increment();
        }
        Counter.builder("marketlink.quality.suite.runs").tag("suite", suite)
                .tag("status", result.status().name().toLowerCase(Locale.ROOT)).description("suite results")
                .register(registry).increment();
        latest(rows, suite, () -> Gauge.builder("marketlink.quality.suite.rows", rows.get(suite), AtomicLong::get)
                .tag("suite", suite).description("rows judged by the latest result").register(registry))
                .set(result.rows());
    }

    /** The holder of {@code key}, made (and its gauge registered, which holds it strongly) on first use. */
    private static <K> AtomicLong latest(Map<K, AtomicLong> holders, K key, Runnable register) {
        AtomicLong holder = holders.get(key);
        if (holder == null) {
            AtomicLong made = new AtomicLong(Double.doubleToLongBits(Double.NaN));
            holder = holders.putIfAbsent(key, made);
            if (holder == null) {
                holder = made;
                register.run();
            }
        }
        return holder;
    }
}
