package org.marketlink.quality;

import org.marketlink.core.data.Json;

import java.util.List;

/**
 * The result of a suite over a dataset.
 *
 * @param suite    suite name
 * @param rows     rows checked
 * @param outcomes one per rule, in suite order
 */
public record SuiteResult(String suite, long rows, List<RuleOutcome> outcomes) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public SuiteResult {
        outcomes = List.copyOf(outcomes);
    }

    /** The overall status: ERROR if any rule failed at error severity or errored, else WARNING, INFO or PASSED. */
    public Status status() {
        Status s = Status.PASSED;
        for (RuleOutcome o : outcomes) {
            Status next;
            if (o instanceof RuleOutcome.Failed f) {
                next = switch (f.severity()) {
                    case INFO -> Status.INFO;
                    case WARNING -> Status.WARNING;
                    case ERROR -> Status.ERROR;
                };
            } else if (o instanceof RuleOutcome.Errored) {
                next = Status.ERROR;
            } else {
                next = Status.PASSED;
            }
            if (next.ordinal() > s.ordinal()) {
                s = next;
            }
        }
        return s;
    }

    /** The outcome of the rule with this name. */
    public RuleOutcome outcome(String rule) {
        return outcomes.stream().filter(o -> o.rule().equals(rule)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule '" + rule + "' in suite " + suite));
    }

    /** The result as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Overall status of a suite run. */
    public enum Status {
        /** Every rule passed. */
        PASSED,
        /** The worst failure is of {@link Severity#INFO}. */
        INFO,
        /** The worst failure is of {@link Severity#WARNING}. */
        WARNING,
        /** A rule failed at {@link Severity#ERROR}, or could not be evaluated. */
        ERROR
    }
}
