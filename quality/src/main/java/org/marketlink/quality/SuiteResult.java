package org.marketlink.quality;

import org.marketlink.core.data.Json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of a suite over a dataset.
 *
 * @param suite    suite name
 * @param rows     rows checked
 * @param outcomes       one per rule, in suite order (and the {@link ScoreThreshold score} last, when the suite has
 *                       a threshold)
 * @param rowsFailingAny rows that failed at least one row rule, each counted once; -1 when not known (a result
 *                       computed in SQL)
 * @param levels         each outcome's rule by name: judged {@link Level#ROW row by row} or over the
 *                       {@link Level#DATASET dataset}; empty when not known
 */
public record SuiteResult(String suite, long rows, List<RuleOutcome> outcomes, long rowsFailingAny,
                          Map<String, Level> levels) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public SuiteResult {
        outcomes = List.copyOf(outcomes);
        levels = levels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(levels));
        if (rowsFailingAny < -1 || rowsFailingAny > rows) {
            throw new IllegalArgumentException("rowsFailingAny: must be -1 or in 0.." + rows + ", was "
                    + rowsFailingAny);
        }
    }

    /**
     * A result whose rules' levels are not known.
     *
     * @param suite          suite name
     * @param rows           rows checked
     * @param outcomes       one per rule, in suite order
     * @param rowsFailingAny rows that failed at least one row rule, or -1
     */
    public SuiteResult(String suite, long rows, List<RuleOutcome> outcomes, long rowsFailingAny) {
        this(suite, rows, outcomes, rowsFailingAny, Map.of());
    }

    /**
     * How a rule of this result judged the data.
     *
     * @param rule the outcome's rule name
     * @return its level, empty when the result does not know it
     */
    public Optional<Level> level(String rule) {
        return Optional.ofNullable(levels.get(rule));
    }

    /** How a rule judges the data. */
    public enum Level {
        /** Row by row: its metric is the share of rows that pass, and a failing row can be quarantined. */
        ROW,
        /** Over the whole dataset: a count, a statistic, uniqueness, freshness; no single row fails it. */
        DATASET
    }

    /**
     * A result whose count of rows failing any row rule is not known.
     *
     * @param suite    suite name
     * @param rows     rows checked
     * @param outcomes one per rule, in suite order
     */
    public SuiteResult(String suite, long rows, List<RuleOutcome> outcomes) {
        this(suite, rows, outcomes, -1);
    }

    /**
     * The suite's quality score: the share of rows that pass every row rule (1 with no rows, NaN when not known)
     * and the share of rules that pass (1 with no rules). The {@value ScoreThreshold#RULE_NAME} outcome itself is
     * not counted.
     *
     * @return the score
     */
    public Score score() {
        double rowShare = rowsFailingAny < 0 ? Double.NaN : rows == 0 ? 1 : (double) (rows - rowsFailingAny) / rows;
        long judged = 0;
        long passed = 0;
        for (RuleOutcome o : outcomes) {
            if (o.rule().equals(ScoreThreshold.RULE_NAME)) {
                continue;
            }
            judged++;
            if (o instanceof RuleOutcome.Passed) {
                passed++;
            }
        }
        return new Score(rowShare, judged == 0 ? 1 : (double) passed / judged);
    }

    /**
     * A suite's quality score.
     *
     * @param rows  the share of rows that pass every row rule
     * @param rules the share of rules that pass
     */
    public record Score(double rows, double rules) {
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
