package org.marketlink.quality.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Metrics in memory, for tests and short-lived hosts. Thread-safe. */
public final class InMemoryMetricsRepository implements MetricsRepository {
    private final List<MetricPoint> points = new ArrayList<>();

    @Override
    public synchronized void save(List<MetricPoint> more) {
        points.addAll(more);
    }

    @Override
    public synchronized List<MetricPoint> history(String dataset, String rule, Instant from, Instant to) {
        return points.stream().filter(p -> p.dataset().equals(dataset) && p.rule().equals(rule)
                        && !p.measuredAt().isBefore(from) && p.measuredAt().isBefore(to))
                .sorted(Comparator.comparing(MetricPoint::measuredAt)).toList();
    }
}
