package org.marketlink.quality.metrics;

import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;
import org.marketlink.quality.rules.RuleState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The newest value of one timestamp column, judged by its age at the time the clock gives when the outcome is
 * computed; failed when there are no values. Not thread-safe.
 */
public final class Newest implements RuleState {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final int column;
    private final Duration maxAge;
    private final Clock clock;
    private Instant newest;

    /**
     * No timestamp seen yet.
     *
     * @param name   the rule's name
     * @param column the position of the timestamp column
     * @param maxAge the oldest the newest value may be
     * @param clock  gives "now" when the outcome is computed
     */
    public Newest(String name, int column, Duration maxAge, Clock clock) {
        this.name = name;
        this.column = column;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public void accept(RowView row) {
        Instant t = row.getTimestamp(column);
        if (t != null && (newest == null || t.isAfter(newest))) {
            newest = t;
        }
    }

    @Override
    public void merge(RuleState other) {
        Instant t = ((Newest) other).newest;
        if (t != null && (newest == null || t.isAfter(newest))) {
            newest = t;
        }
    }

    @Override
    public RuleOutcome outcome() {
        if (newest == null) {
            return new RuleOutcome.Failed(name, Double.NaN, "no timestamps at all", Severity.ERROR, 0, List.of(),
                    List.of());
        }
        Duration age = Duration.between(newest, clock.instant());
        String msg = "newest " + newest + " is " + age + " old, allowed " + maxAge;
        return age.compareTo(maxAge) <= 0 ? new RuleOutcome.Passed(name, age.toSeconds(), msg)
                : new RuleOutcome.Failed(name, age.toSeconds(), msg, Severity.ERROR, 0, List.of(), List.of());
    }
}
