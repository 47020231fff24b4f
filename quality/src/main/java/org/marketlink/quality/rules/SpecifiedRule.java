package org.marketlink.quality.rules;

import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.RowView;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Violation;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;

import java.util.Optional;

/**
 * A built-in rule together with the spec it was made from, so that it can be written back into a suite file. It
 * also applies the two parameters every kind takes, which the kinds' own states do not know: an outcome name of the
 * spec's choosing, and the severity of a dataset-level failure (row-level kinds judge severity themselves).
 */
final class SpecifiedRule implements Rule {
    private static final long serialVersionUID = 1L;
    private final RuleSpec spec;
    private final Rule rule;
    private final String name;
    /** The severity a dataset-level failure is restated at; null when the kind's own outcome stands. */
    private final Severity severity;
    /** The rows the rule judges; null for all. */
    private final RowFilter filter;

    SpecifiedRule(RuleSpec spec, Rule rule) {
        this.spec = spec;
        this.rule = rule;
        if (spec.name() != null && spec.name().isBlank()) {
            throw new IllegalArgumentException("name: must not be blank");
        }
        this.name = spec.name() == null ? rule.name() : spec.name();
        boolean rowLevel = spec.kind().rowLevel();
        this.severity = !rowLevel && spec.failureSeverity() != Severity.ERROR ? spec.failureSeverity() : null;
        this.filter = spec.filter() == null ? null : RowFilter.parse(spec.filter());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BoundRule bind(Schema schema) {
        BoundRule bound = rule.bind(schema);
        RowFilter.Bound keeps = filter == null ? null : filter.bind(schema);
        if (name.equals(rule.name()) && severity == null && keeps == null) {
            return bound;
        }
        return new BoundRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public RuleState newState() {
                RuleState state = new Restated(bound.newState(), name, severity);
                return keeps == null ? state : new Filtered(state, keeps);
            }

            @Override
            public boolean rowLevel() {
                return bound.rowLevel();
            }

            @Override
            public Violation check(RowView row) {
                return keeps == null || keeps.keeps(row) ? bound.check(row) : null;
            }
        };
    }

    @Override
    public Optional<RuleSpec> spec() {
        return Optional.of(spec);
    }

    /** A kind's state whose outcome carries the spec's name and, for a failure, the spec's severity. */
    private static final class Restated implements RuleState {
        private static final long serialVersionUID = 1L;
        private final RuleState state;
        private final String name;
        private final Severity severity;

        Restated(RuleState state, String name, Severity severity) {
            this.state = state;
            this.name = name;
            this.severity = severity;
        }

        @Override
        public void accept(RowView row) {
            state.accept(row);
        }

        @Override
        public boolean acceptFailed(RowView row) {
            return state.acceptFailed(row);
        }

        @Override
        public boolean columnar() {
            return state.columnar();
        }

        @Override
        public void acceptColumns(ColumnBatch batch, long[] failed) {
            state.acceptColumns(batch, failed);
        }

        @Override
        public void merge(RuleState other) {
            state.merge(((Restated) other).state);
        }

        @Override
        public RuleOutcome outcome() {
            RuleOutcome o = state.outcome();
            if (o instanceof RuleOutcome.Passed p) {
                return new RuleOutcome.Passed(name, p.metric(), p.message());
            }
            if (o instanceof RuleOutcome.Failed f) {
                return new RuleOutcome.Failed(name, f.metric(), f.message(), severity == null ? f.severity() : severity,
                        f.failingRows(), f.topValues(), f.samples());
            }
            return new RuleOutcome.Errored(name, o.metric(), o.message());
        }
    }

    /** A state fed only the rows the spec's filter keeps: the others are neither judged nor counted. */
    private static final class Filtered implements RuleState {
        private static final long serialVersionUID = 1L;
        private final RuleState state;
        private final RowFilter.Bound keeps;

        Filtered(RuleState state, RowFilter.Bound keeps) {
            this.state = state;
            this.keeps = keeps;
        }

        @Override
        public void accept(RowView row) {
            if (keeps.keeps(row)) {
                state.accept(row);
            }
        }

        @Override
        public boolean acceptFailed(RowView row) {
            return keeps.keeps(row) && state.acceptFailed(row);
        }

        @Override
        public void merge(RuleState other) {
            state.merge(((Filtered) other).state);
        }

        @Override
        public RuleOutcome outcome() {
            return state.outcome();
        }
    }
}
