package org.marketlink.quality;

import java.util.List;

/**
 * What one rule found: passed, failed (at a severity) or errored (could not be evaluated). Every outcome carries the
 * rule's name, its metric (for example the share of rows that pass) and a message naming the offending values.
 */
public sealed interface RuleOutcome permits RuleOutcome.Passed, RuleOutcome.Failed, RuleOutcome.Errored {

    /** The name of the rule judged. */
    String rule();

    /** The rule's metric (a passing share, a count, a statistic), NaN when there is none. */
    double metric();

    /** What was found, for people; values of personal-data columns are masked. */
    String message();

    /** The rule held. */
    record Passed(String rule, double metric, String message) implements RuleOutcome {
    }

    /**
     * The rule did not hold.
     *
     * @param severity    how much it matters
     * @param failingRows rows that failed a row-level rule (0 for aggregate rules)
     * @param topValues   the most frequent offending values with their counts, most frequent first
     * @param samples     a bounded sample of failing rows
     */
    record Failed(String rule, double metric, String message, Severity severity, long failingRows,
                  List<ValueCount> topValues, List<String> samples) implements RuleOutcome {
        /**
         * The canonical constructor: copies collections, fills defaults and checks the
         * components as described above.
         */
        public Failed {
            topValues = List.copyOf(topValues);
            samples = List.copyOf(samples);
        }
    }

    /** The rule could not be evaluated (for example a mean over no values). */
    record Errored(String rule, double metric, String message) implements RuleOutcome {
    }

    /** An offending value and how often it occurred. */
    record ValueCount(String value, long count) {
    }
}
