package org.marketlink.quality.imports;

import com.fasterxml.jackson.databind.JsonNode;
import org.marketlink.quality.rules.RuleKind;
import org.marketlink.quality.rules.RuleSpec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Great Expectations' expectations as MarketLink rules; dbt-expectations uses the same names and arguments. Column
 * map expectations leave null values out, as Great Expectations does, and take {@code mostly}; regular expressions
 * are searched for anywhere in the value ({@code re.search}), as Great Expectations and the databases do.
 */
final class Expectations {
    /** Arguments that shape how a result is shown, not what is checked. */
    private static final Set<String> PRESENTATION = Set.of("result_format", "include_config", "catch_exceptions",
            "meta", "notes", "description", "severity", "quote_values");

    private Expectations() {
    }

    /**
     * The rule an expectation means.
     *
     * @param type   the expectation, for example {@code expect_column_values_to_not_be_null}
     * @param kwargs its arguments
     * @return the rule's spec, without a name
     * @throws NotMapped when no rule means the same, naming what is missing
     */
    static RuleSpec spec(String type, JsonNode kwargs) {
        List<String> used = new ArrayList<>(List.of("column"));
        RuleSpec s = switch (type) {
            case "expect_column_to_exist" -> RuleSpec.of(RuleKind.COLUMN_EXISTS).withColumn(column(kwargs));
            case "expect_column_values_to_not_be_null" -> rowRule(RuleKind.NOT_NULL, kwargs, used);
            case "expect_column_values_to_be_between" -> {
                if (textBound(kwargs.get("min_value")) || textBound(kwargs.get("max_value"))) {
                    yield timeRange(kwargs, used);
                }
                Allowed a = range(kwargs, used);
                yield rowRule(RuleKind.BETWEEN, kwargs, used).withMin(a.closedMin()).withMax(a.closedMax());
            }
            case "expect_column_values_to_be_in_set" -> {
                used.add("value_set");
                yield rowRule(RuleKind.IN_SET, kwargs, used).withValues(texts(kwargs, "value_set"));
            }
            case "expect_column_values_to_match_regex" -> {
                used.add("regex");
                yield rowRule(RuleKind.MATCHES, kwargs, used).withPattern(searched(text(kwargs, "regex")));
            }
            case "expect_column_value_lengths_to_be_between" -> {
                Allowed a = range(kwargs, used);
                yield rowRule(RuleKind.LENGTH, kwargs, used).withMin(Math.max(0, a.countMin()))
                        .withMax(Math.min(Integer.MAX_VALUE, a.countMax()));
            }
            case "expect_column_value_lengths_to_equal" -> {
                used.add("value");
                double v = number(kwargs, "value");
                yield rowRule(RuleKind.LENGTH, kwargs, used).withMin(v).withMax(v);
            }
            case "expect_column_values_to_be_unique" -> {
                if (kwargs.has("mostly") && kwargs.get("mostly").asDouble() < 1) {
                    throw new NotMapped("mostly below 1 on uniqueness: MarketLink's unique has no share of duplicates"
                            + " allowed");
                }
                used.add("mostly");
                yield RuleSpec.of(RuleKind.UNIQUE).withColumns(List.of(column(kwargs))).withSkipNulls(true);
            }
            case "expect_table_row_count_to_be_between" -> {
                used.remove("column");
                Allowed a = range(kwargs, used);
                yield RuleSpec.of(RuleKind.ROW_COUNT).withMin(a.countMin()).withMax(a.countMax());
            }
            case "expect_table_row_count_to_equal" -> {
                used.remove("column");
                used.add("value");
                double v = number(kwargs, "value");
                yield RuleSpec.of(RuleKind.ROW_COUNT).withMin(v).withMax(v);
            }
            case "expect_column_mean_to_be_between" -> statistic(RuleKind.MEAN_BETWEEN, kwargs, used);
            case "expect_column_stdev_to_be_between" -> statistic(RuleKind.STDDEV_BETWEEN, kwargs, used);
            case "expect_column_min_to_be_between" -> statistic(RuleKind.MIN_BETWEEN, kwargs, used);
            case "expect_column_max_to_be_between" -> statistic(RuleKind.MAX_BETWEEN, kwargs, used);
            case "expect_column_unique_value_count_to_be_between" -> {
                Allowed a = range(kwargs, used);
                yield RuleSpec.of(RuleKind.DISTINCT_COUNT).withColumn(column(kwargs)).withMin(a.countMin())
                        .withMax(a.countMax()).withExact(true);
            }
            default -> throw new NotMapped("no MarketLink rule means " + type);
        };
        JsonNode condition = kwargs.get("row_condition");
        if (condition != null && !condition.isNull()) {
            used.addAll(List.of("row_condition", "condition_parser"));
            s = s.withFilter(Filters.checked("row_condition", Filters.fromGreatExpectations(condition.asText(),
                    kwargs.path("condition_parser").asText("pandas"))));
        }
        refuseOthers(kwargs, used);
        return s;
    }

    private static RuleSpec rowRule(RuleKind kind, JsonNode kwargs, List<String> used) {
        RuleSpec s = RuleSpec.of(kind).withColumn(column(kwargs));
        used.add("mostly");
        JsonNode mostly = kwargs.get("mostly");
        return mostly == null || mostly.isNull() ? s : s.withMostly(mostly.asDouble());
    }

    private static boolean textBound(JsonNode b) {
        return b != null && b.isTextual();
    }

    /** A between over dates or instants written as text ({@code "2024-01-01"}): a timeBetween rule. */
    private static RuleSpec timeRange(JsonNode kwargs, List<String> used) {
        used.addAll(List.of("min_value", "max_value", "parse_strings_as_datetimes"));
        if (kwargs.path("strict_min").asBoolean(false) || kwargs.path("strict_max").asBoolean(false)) {
            throw new NotMapped("strict bounds on dates: timeBetween includes its bounds");
        }
        used.addAll(List.of("strict_min", "strict_max"));
        RuleSpec s = rowRule(RuleKind.TIME_BETWEEN, kwargs, used);
        JsonNode lo = kwargs.get("min_value");
        JsonNode hi = kwargs.get("max_value");
        s = lo == null || lo.isNull() ? s : s.withFrom(lo.asText());
        return hi == null || hi.isNull() ? s : s.withTo(hi.asText());
    }

    private static RuleSpec statistic(RuleKind kind, JsonNode kwargs, List<String> used) {
        Allowed a = range(kwargs, used);
        return RuleSpec.of(kind).withColumn(column(kwargs)).withMin(a.closedMin()).withMax(a.closedMax());
    }

    /** {@code min_value}/{@code max_value} with {@code strict_min}/{@code strict_max} (dbt-expectations: {@code strictly}). */
    private static Allowed range(JsonNode kwargs, List<String> used) {
        used.addAll(List.of("min_value", "max_value", "strict_min", "strict_max", "strictly"));
        JsonNode lo = kwargs.get("min_value");
        JsonNode hi = kwargs.get("max_value");
        boolean none = (lo == null || lo.isNull()) && (hi == null || hi.isNull());
        if (none) {
            throw new NotMapped("neither min_value nor max_value is given");
        }
        for (JsonNode b : new JsonNode[] {lo, hi}) {
            if (b != null && !b.isNull() && !b.isNumber()) {
                throw new NotMapped("the bound '" + b.asText() + "' is not a number");
            }
        }
        boolean strictly = kwargs.path("strictly").asBoolean(false);
        boolean strictMin = strictly || kwargs.path("strict_min").asBoolean(false);
        boolean strictMax = strictly || kwargs.path("strict_max").asBoolean(false);
        return new Allowed(lo == null || lo.isNull() ? Double.NEGATIVE_INFINITY : lo.asDouble(), strictMin,
                hi == null || hi.isNull() ? Double.POSITIVE_INFINITY : hi.asDouble(), strictMax);
    }

    /** A pattern Java matches against the whole value that finds {@code regex} anywhere in it, as a search does. */
    static String searched(String regex) {
        return "(?s).*(?:" + regex + ").*";
    }

    private static void refuseOthers(JsonNode kwargs, List<String> used) {
        for (Iterator<String> it = kwargs.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (used.contains(k) || PRESENTATION.contains(k)) {
                continue;
            }
            throw new NotMapped("the argument '" + k + "' has no MarketLink equivalent");
        }
    }

    static String column(JsonNode kwargs) {
        return text(kwargs, "column");
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            throw new NotMapped(field + ": missing");
        }
        return v.asText();
    }

    static double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new NotMapped(field + ": missing or not a number");
        }
        return v.asDouble();
    }

    static List<String> texts(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new NotMapped(field + ": missing or not a list");
        }
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asText()));
        return out;
    }
}
