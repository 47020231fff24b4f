package org.marketlink.quality.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.marketlink.core.data.FieldType;
import org.marketlink.quality.Severity;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * A rule as it is written in a suite file (YAML or JSON). {@code type} names the rule; the other fields are its
 * parameters, absent when not used.
 *
 * @param type       complete, between, nonNegative, positive, inSet, matches, unique, primaryKey, compare,
 *                   rowCount, meanBetween, stddevBetween, distinctCount, quantile, parsesAs or length
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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleSpec(String type, String column, List<String> columns, Double min, Double max, Boolean inclusive,
                       List<String> values, String pattern, Double mostly, Double errorAbove, Severity severity,
                       Double q, Boolean exact) implements Serializable {

    static RuleSpec of(String type) {
        return new RuleSpec(type, null, null, null, null, null, null, null, null, null, null, null, null);
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

    /**
     * The rule this spec describes.
     *
     * @param path where the spec sits in its file, for error messages (for example {@code rules[2]})
     * @throws IllegalArgumentException naming the path and the field when a parameter is missing or wrong
     */
    public Rule toRule(String path) {
        if (type == null) {
            throw new IllegalArgumentException(path + ".type: missing");
        }
        RuleOptions o = new RuleOptions(mostly == null ? 1.0 : mostly, errorAbove == null ? 0.0 : errorAbove,
                severity == null ? Severity.ERROR : severity);
        try {
            return switch (type) {
                case "complete" -> Rules.complete(need(path, "column", column), o);
                case "between" -> Rules.between(need(path, "column", column), need(path, "min", min),
                        need(path, "max", max), inclusive == null || inclusive, o);
                case "nonNegative" -> Rules.nonNegative(need(path, "column", column));
                case "positive" -> Rules.positive(need(path, "column", column));
                case "inSet" -> Rules.inSet(need(path, "column", column), Set.copyOf(need(path, "values", values)), o);
                case "matches" -> Rules.matches(need(path, "column", column), need(path, "pattern", pattern), o);
                case "unique" -> Rules.unique(need(path, "columns", columns).toArray(new String[0]));
                case "primaryKey" -> Rules.primaryKey(need(path, "columns", columns).toArray(new String[0]));
                case "compare" -> {
                    List<String> sides = need(path, "columns", columns);
                    if (sides.size() != 2) {
                        throw new IllegalArgumentException(path + ".columns: compare needs two columns, had "
                                + sides.size());
                    }
                    List<String> op = need(path, "values", values);
                    if (op.size() != 1 || !ColumnComparison.OPERATORS.contains(op.get(0))) {
                        throw new IllegalArgumentException(path + ".values: compare needs one operator of "
                                + "<, <=, ==, !=, >=, >; had " + op);
                    }
                    yield Rules.compare(sides.get(0), op.get(0), sides.get(1), o);
                }
                case "rowCount" -> Rules.rowCount(need(path, "min", min).longValue(), need(path, "max", max).longValue());
                case "meanBetween" -> Rules.meanBetween(need(path, "column", column), need(path, "min", min),
                        need(path, "max", max));
                case "parsesAs" -> Rules.parsesAs(need(path, "column", column), FieldType
                        .valueOf(need(path, "values", values).get(0)), o);
                case "length" -> Rules.length(need(path, "column", column), need(path, "min", min).intValue(),
                        need(path, "max", max).intValue(), o);
                case "stddevBetween" -> Rules.stddevBetween(need(path, "column", column), need(path, "min", min),
                        need(path, "max", max));
                case "distinctCount" -> Rules.distinctCount(need(path, "column", column),
                        need(path, "min", min).longValue(), need(path, "max", max).longValue(),
                        exact != null && exact);
                case "quantile" -> Rules.quantile(need(path, "column", column), need(path, "q", q),
                        need(path, "min", min), need(path, "max", max), exact != null && exact);
                default -> throw new IllegalArgumentException(path + ".type: unknown rule '" + type + "'; known: "
                        + "complete, between, nonNegative, positive, inSet, matches, unique, primaryKey, compare, rowCount, meanBetween, "
                        + "distinctCount, quantile, parsesAs, length, stddevBetween");
            };
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(path + ".pattern: not a regular expression: " + e.getDescription(), e);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(path)) {
                throw e;
            }
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static <T> T need(String path, String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(path + "." + field + ": missing");
        }
        return value;
    }
}
