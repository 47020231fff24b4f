package org.marketlink.quality.history;

import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.SuiteResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where suite metrics are kept over time, keyed by dataset, rule, time and tags. Implementations are thread-safe. */
public interface MetricsRepository {

    /** Keeps these points. */
    void save(List<MetricPoint> points);

    /** The values of one rule on one dataset with {@code from <= measuredAt < to}, oldest first. */
    List<MetricPoint> history(String dataset, String rule, Instant from, Instant to);

    /** Stores every rule's metric of a suite result. */
    default void save(String dataset, Instant at, Map<String, String> tags, SuiteResult result) {
        List<MetricPoint> points = new ArrayList<>();
        for (RuleOutcome o : result.outcomes()) {
            String status = o instanceof RuleOutcome.Passed ? "PASSED" : o instanceof RuleOutcome.Failed ? "FAILED"
                    : "ERRORED";
            points.add(new MetricPoint(dataset, o.rule(), at, tags, o.metric(), status));
        }
        save(points);
    }

    /** The metric values of {@link #history} as an array. */
    default double[] values(String dataset, String rule, Instant from, Instant to) {
        return history(dataset, rule, from, to).stream().mapToDouble(MetricPoint::metric).toArray();
    }
}
