package org.marketlink.quality;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The quality score a suite must reach ("data quality score above 95%"): a share of rows that pass every row rule,
 * and a share of rules that pass. A suite with a threshold ends every result with an outcome named
 * {@value #RULE_NAME}. Immutable and thread-safe.
 *
 * @param rows     the least share of rows that must pass every row rule, in 0..1 (0: no condition on rows)
 * @param rules    the least share of rules that must pass, in 0..1 (0: no condition on rules)
 * @param severity the severity of the outcome when the score is below the threshold
 *
 * @serial exclude
 */
public record ScoreThreshold(double rows, double rules, Severity severity) implements Serializable {
    /** The name of the outcome that judges the score. */
    public static final String RULE_NAME = "score";

    /**
     * The canonical constructor: checks the components as described above.
     *
     * @throws IllegalArgumentException naming the component when a share is outside 0..1 or the severity missing
     */
    public ScoreThreshold {
        if (!(rows >= 0 && rows <= 1)) {
            throw new IllegalArgumentException("rows: must be in 0..1, was " + rows);
        }
        if (!(rules >= 0 && rules <= 1)) {
            throw new IllegalArgumentException("rules: must be in 0..1, was " + rules);
        }
        if (severity == null) {
            throw new IllegalArgumentException("severity: missing");
        }
    }

    /**
     * The outcome of a score against this threshold; its metric is the row share.
     *
     * @param score the suite's score
     * @return passed, or failed at this threshold's severity
     */
    public RuleOutcome judge(SuiteResult.Score score) {
        String msg = String.format(Locale.ROOT, "%.2f%% of rows pass every row rule (at least %.2f%%), %.2f%% of "
                + "rules pass (at least %.2f%%)", score.rows() * 100, rows * 100, score.rules() * 100, rules * 100);
        boolean rowsOk = Double.isNaN(score.rows()) ? rows == 0 : score.rows() >= rows;
        return rowsOk && score.rules() >= rules ? new RuleOutcome.Passed(RULE_NAME, score.rows(), msg)
                : new RuleOutcome.Failed(RULE_NAME, score.rows(), msg, severity, 0, List.of(), List.of());
    }
}
