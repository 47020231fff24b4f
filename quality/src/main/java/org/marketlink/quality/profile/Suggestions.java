package org.marketlink.quality.profile;

import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.Rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Suggests a suite from a profile: completeness for columns without empty values, uniqueness for columns whose
 * values are all distinct, observed ranges for numbers, value sets for text columns with few values, parse-ability
 * for text that is really numbers or dates. {@link #validated} then checks the suggestion on held-out rows and keeps
 * only the rules that pass there, so a suggestion does not fail on clean data. Thread-safe (stateless).
 */
public final class Suggestions {
    private static final int MAX_SET = 20;

    private Suggestions() {
    }

    /** Rules the profile suggests, as a suite named {@code name}. */
    public static Suite suggest(String name, DatasetProfile profile) {
        List<Rule> rules = new ArrayList<>();
        for (ColumnProfile c : profile.columns()) {
            if (c.nullFraction() == 0 && profile.rows() > 0) {
                rules.add(Rules.complete(c.name()));
            }
            if (profile.rows() > 0 && c.distinct() == profile.rows() && c.nullFraction() == 0) {
                rules.add(Rules.unique(c.name()));
            }
            if (c.numeric()) {
                rules.add(Rules.between(c.name(), c.min(), c.max(), true, RuleOptions.strict()));
            } else if (c.declaredType() == FieldType.STRING) {
                if (c.inferredType() != FieldType.STRING) {
                    rules.add(Rules.parsesAs(c.name(), c.inferredType(), RuleOptions.strict()));
                } else if (c.distinct() <= MAX_SET && c.topValues().size() == c.distinct()) {
                    Set<String> values = new LinkedHashSet<>();
                    c.topValues().forEach(v -> values.add(v.value()));
                    if (c.distinct() <= 5) {
                        rules.add(Rules.inSet(c.name(), values));
                    }
                }
            }
        }
        return Suite.of(name, rules);
    }

    /** The rules of {@code suite} that pass on {@code holdout}. */
    public static Suite validated(Suite suite, Schema schema, Iterable<Row> holdout) {
        SuiteResult r = suite.compile(schema).run(holdout);
        List<Rule> kept = new ArrayList<>();
        for (int i = 0; i < suite.rules().size(); i++) {
            if (r.outcomes().get(i) instanceof RuleOutcome.Passed) {
                kept.add(suite.rules().get(i));
            }
        }
        return Suite.of(suite.name(), kept);
    }
}
