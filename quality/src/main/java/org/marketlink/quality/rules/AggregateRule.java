package org.marketlink.quality.rules;

import org.marketlink.quality.Severity;

import java.util.function.Supplier;

/** A rule over the dataset as a whole (row counts, uniqueness, statistics); it does not judge single rows. */
abstract class AggregateRule implements Rule {
    private final String name;
    private final Severity severity;

    AggregateRule(String name, Severity severity) {
        this.name = name;
        this.severity = severity;
    }

    @Override
    public String name() {
        return name;
    }

    Severity severity() {
        return severity;
    }

    BoundRule bound(Supplier<RuleState> states) {
        return new BoundRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public RuleState newState() {
                return states.get();
            }

            @Override
            public boolean rowLevel() {
                return false;
            }
        };
    }
}
