package org.marketlink.quality.rules;

import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.metrics.MetricBounds;

import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/** The state of a host-defined aggregate: the host's own mergeable value, judged by its metric. */
final class CustomAggregate<S> implements RuleState {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final BiFunction<S, RowView, S> add;
    private final BinaryOperator<S> merge;
    private final Function<S, Double> metric;
    private final double min;
    private final double max;
    private S state;

    CustomAggregate(String name, S zero, BiFunction<S, RowView, S> add, BinaryOperator<S> merge,
                Function<S, Double> metric, double min, double max) {
        this.name = name;
        this.state = zero;
        this.add = add;
        this.merge = merge;
        this.metric = metric;
        this.min = min;
        this.max = max;
    }

    @Override
    public void accept(RowView row) {
        state = add.apply(state, row);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void merge(RuleState other) {
        state = merge.apply(state, ((CustomAggregate<S>) other).state);
    }

    @Override
    public RuleOutcome outcome() {
        double v = metric.apply(state);
        return Double.isNaN(v) ? new RuleOutcome.Errored(name, v, "metric is not a number")
                : MetricBounds.judge(name, v, min, max, name);
    }
}
