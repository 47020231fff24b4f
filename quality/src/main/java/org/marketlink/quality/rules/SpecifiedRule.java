package org.marketlink.quality.rules;

import org.marketlink.core.data.Schema;

import java.util.Optional;

/** A built-in rule together with the spec it was made from, so that it can be written back into a suite file. */
final class SpecifiedRule implements Rule {
    private static final long serialVersionUID = 1L;
    private final RuleSpec spec;
    private final Rule rule;

    SpecifiedRule(RuleSpec spec, Rule rule) {
        this.spec = spec;
        this.rule = rule;
    }

    @Override
    public String name() {
        return rule.name();
    }

    @Override
    public BoundRule bind(Schema schema) {
        return rule.bind(schema);
    }

    @Override
    public Optional<RuleSpec> spec() {
        return Optional.of(spec);
    }
}
