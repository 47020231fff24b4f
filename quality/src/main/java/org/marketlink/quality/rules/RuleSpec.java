package org.marketlink.quality.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.marketlink.quality.Severity;

import java.io.Serializable;
import java.util.List;

/**
 * A rule as it is written in a suite file (YAML or JSON). {@code type} names the rule; the other fields are its
 * parameters, absent when not used.
 *
 * @param type       the kind's {@link RuleKind#word() word}: complete, between, nonNegative, positive, inSet,
 *                   matches, parsesAs, length, compare, unique, primaryKey, rowCount, meanBetween, stddevBetween,
 *                   distinctCount or quantile
 * @param column     the column (all but unique, primaryKey, compare and rowCount)
 * @param columns    the columns (unique, primaryKey; compare: left and right)
 * @param min        lower bound (between, rowCount, meanBetween)
 * @param max        upper bound
 * @param inclusive  whether bounds are included (between; default true)
 * @param values     allowed values (inSet); the type (parsesAs); the operator (compare)
 * @param pattern    regular expression (matches)
 * @param mostly     share of rows that must pass (row rules; default 1)
 * @param errorAbove failing share up to which a failure is only a warning (row rules; default 0)
 * @param severity   severity beyond {@code errorAbove} (row rules; default ERROR)
 * @param q          the quantile (quantile)
 * @param exact      exact instead of sketched (distinctCount, quantile; default false)
 *
 * @serial exclude
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleSpec(String type, String column, List<String> columns, Double min, Double max, Boolean inclusive,
                       List<String> values, String pattern, Double mostly, Double errorAbove, Severity severity,
                       Double q, Boolean exact) implements Serializable {

    static RuleSpec of(RuleKind kind) {
        return new RuleSpec(kind.word(), null, null, null, null, null, null, null, null, null, null, null, null);
    }

    RuleSpec q(double v) {
        return new RuleSpec(type, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove, severity,
                v, exact);
    }

    RuleSpec exact(boolean v) {
        return new RuleSpec(type, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove, severity,
                q, v);
    }

    RuleSpec column(String c) {
        return new RuleSpec(type, c, columns, min, max, inclusive, values, pattern, mostly, errorAbove, severity, q, exact);
    }

    RuleSpec columns(List<String> c) {
        return new RuleSpec(type, column, c, min, max, inclusive, values, pattern, mostly, errorAbove, severity, q, exact);
    }

    RuleSpec min(double v) {
        return new RuleSpec(type, column, columns, v, max, inclusive, values, pattern, mostly, errorAbove, severity, q, exact);
    }

    RuleSpec max(double v) {
        return new RuleSpec(type, column, columns, min, v, inclusive, values, pattern, mostly, errorAbove, severity, q, exact);
    }

    RuleSpec inclusive(boolean v) {
        return new RuleSpec(type, column, columns, min, max, v, values, pattern, mostly, errorAbove, severity, q, exact);
    }

    RuleSpec values(List<String> v) {
        return new RuleSpec(type, column, columns, min, max, inclusive, v, pattern, mostly, errorAbove, severity, q, exact);
    }

    RuleSpec pattern(String p) {
        return new RuleSpec(type, column, columns, min, max, inclusive, values, p, mostly, errorAbove, severity, q, exact);
    }

    RuleSpec options(RuleOptions o) {
        return new RuleSpec(type, column, columns, min, max, inclusive, values, pattern, o.mostly(), o.errorAbove(),
                o.severity(), q, exact);
    }

    /** The row options this spec gives, with the defaults of {@link RuleOptions#strict()} for those it does not. */
    RuleOptions rowOptions() {
        return new RuleOptions(mostly == null ? 1.0 : mostly, errorAbove == null ? 0.0 : errorAbove,
                severity == null ? Severity.ERROR : severity);
    }

    /**
     * The kind this spec's {@code type} names.
     *
     * @return the kind
     * @throws IllegalArgumentException when the type is missing or names no kind a suite file can hold
     */
    public RuleKind kind() {
        if (type == null) {
            throw new IllegalArgumentException("type: missing");
        }
        try {
            return RuleKind.ofWord(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("type: " + e.getMessage(), e);
        }
    }

    /**
     * The rule this spec describes.
     *
     * @param path where the spec sits in its file, for error messages (for example {@code rules[2]})
     * @return the rule, which carries this spec back into files
     * @throws IllegalArgumentException naming the path and the parameter when one is missing, not taken by the
     *                                  rule's kind, or wrong
     */
    public Rule toRule(String path) {
        try {
            return kind().rule(this);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + (namesParameter(e.getMessage()) ? "." : ": ") + e.getMessage(),
                    e);
        }
    }

    /** Whether a message starts with a parameter, {@code "min: missing"}: the path then leads to it with a dot. */
    private static boolean namesParameter(String message) {
        if (message == null) {
            return false;
        }
        if (message.startsWith("type: ")) {
            return true;
        }
        for (RuleKind.Parameter p : RuleKind.Parameter.values()) {
            if (message.startsWith(p.word() + ": ")) {
                return true;
            }
        }
        return false;
    }
}
