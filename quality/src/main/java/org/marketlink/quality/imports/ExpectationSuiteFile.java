package org.marketlink.quality.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.marketlink.quality.Severity;
import org.marketlink.quality.rules.RuleSpec;

/**
 * Reads a Great Expectations expectation suite (the JSON of {@code ExpectationSuite}: 0.x with
 * {@code expectation_suite_name} and {@code expectation_type}, or 1.x with {@code name} and {@code type}) as one
 * MarketLink suite. Supported: {@code expect_column_to_exist}, {@code expect_column_values_to_not_be_null},
 * {@code …_to_be_between}, {@code …_to_be_in_set}, {@code …_to_match_regex}, {@code …_to_be_unique},
 * {@code expect_column_value_lengths_to_be_between}/{@code _to_equal},
 * {@code expect_table_row_count_to_be_between}/{@code _to_equal}, {@code expect_column_mean/stdev/min/max_to_be_between}
 * and {@code expect_column_unique_value_count_to_be_between}, with {@code mostly}, {@code strict_min} and
 * {@code strict_max}; a {@code row_condition} of the {@code pandas} or {@code spark} parser made of comparisons
 * joined by {@code &} and {@code |} becomes the rule's filter (see {@code Filters.fromGreatExpectations}); a 1.x
 * {@code severity} ({@code critical}, {@code warning}, {@code info}) is kept. Each rule is
 * named after its expectation and column, for example {@code expect_column_values_to_not_be_null(id)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ExpectationSuiteFile {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ExpectationSuiteFile() {
    }

    /**
     * The suite a Great Expectations suite file describes.
     *
     * @param json the file's text
     * @return the suite and the expectations not imported
     * @throws IllegalArgumentException when the text is not JSON or has no expectations list
     */
    public static ImportResult read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON expectation suite: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON expectation suite: the top level is not an object");
        }
        String suite = root.hasNonNull("expectation_suite_name") ? root.get("expectation_suite_name").asText()
                : root.path("name").asText("");
        if (suite.isBlank()) {
            throw new IllegalArgumentException("expectation_suite_name: missing");
        }
        JsonNode expectations = root.get("expectations");
        if (expectations == null || !expectations.isArray()) {
            throw new IllegalArgumentException("expectations: missing or not a list");
        }
        Collector out = new Collector();
        out.dataset(suite);
        for (int i = 0; i < expectations.size(); i++) {
            JsonNode e = expectations.get(i);
            String place = "expectations[" + i + "]";
            String type = e.hasNonNull("expectation_type") ? e.get("expectation_type").asText()
                    : e.path("type").asText("");
            try {
                if (type.isBlank()) {
                    throw new NotMapped("no expectation_type");
                }
                JsonNode kwargs = e.path("kwargs");
                RuleSpec spec = Expectations.spec(type, kwargs.isObject() ? kwargs : JSON.createObjectNode());
                Severity severity = severity(e.path("severity").asText(""));
                spec = severity == null ? spec : spec.withSeverity(severity);
                String column = kwargs.path("column").asText("");
                out.add(suite, place, column.isEmpty() ? type : type + "(" + column + ")", spec);
            } catch (NotMapped n) {
                out.skip(suite, place, type, n.getMessage());
            }
        }
        return out.result();
    }

    private static Severity severity(String gx) {
        return switch (gx) {
            case "" -> null;
            case "critical" -> Severity.ERROR;
            case "warning" -> Severity.WARNING;
            case "info" -> Severity.INFO;
            default -> throw new NotMapped("severity: '" + gx + "' is none of critical, warning, info");
        };
    }
}
