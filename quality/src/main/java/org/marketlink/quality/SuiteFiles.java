package org.marketlink.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.marketlink.core.Checks;
import org.marketlink.quality.rules.References;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.RuleSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Suites as YAML or JSON files:
 *
 * <pre>
 * name: orders
 * score: {rows: 0.95}      # optional: 95% of rows must pass every row rule
 * rules:
 *   - type: complete
 *     column: CustomerID
 *     mostly: 0.95
 *   - type: inSet
 *     column: status
 *     values: [PENDING, PAID]
 *   - type: unique
 *     columns: [InvoiceNo, StockCode]
 * </pre>
 *
 * An unknown rule, an unknown field or a bad parameter is an error naming its place in the file
 * ({@code rules[1].values: missing}). Suites built in Java from {@link org.marketlink.quality.rules.Rules} write back
 * to the same form; rules made from code (predicates) cannot be written and say so. Thread-safe.
 */
public final class SuiteFiles {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * The file form of a suite.
     *
     * @param name  the suite's name
     * @param score the score the suite must reach, or null for none
     * @param rules its rules
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SuiteSpec(String name, ScoreSpec score, List<RuleSpec> rules) {
    }

    /**
     * The file form of a {@link ScoreThreshold}: {@code score: {rows: 0.95, rules: 0.9}}.
     *
     * @param rows     the least share of rows passing every row rule (default 0)
     * @param rules    the least share of rules passing (default 0)
     * @param severity the severity below the threshold (default ERROR)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScoreSpec(Double rows, Double rules, Severity severity) {
    }

    private SuiteFiles() {
    }

    /** Reads a suite from YAML (JSON is valid YAML too); it may not name references (see {@link References}). */
    public static Suite readYaml(String text) {
        return read(YAML, text, References.none());
    }

    /**
     * Reads a suite from YAML whose references and drift rules compare with what {@code references} holds.
     *
     * @param text       the file's text
     * @param references the keys and reference profiles the rules name
     * @return the suite
     * @throws IllegalArgumentException naming the place in the file, also when a reference is not known
     */
    public static Suite readYaml(String text, References references) {
        return read(YAML, text, Checks.notNull("references", references));
    }

    /** The suite a JSON suite file describes; errors name the place in the file. */
    public static Suite readJson(String text) {
        return read(JSON, text, References.none());
    }

    /**
     * The suite a JSON suite file describes, its references resolved with {@code references}.
     *
     * @param text       the file's text
     * @param references the keys and reference profiles the rules name
     * @return the suite
     * @throws IllegalArgumentException naming the place in the file, also when a reference is not known
     */
    public static Suite readJson(String text, References references) {
        return read(JSON, text, Checks.notNull("references", references));
    }

    private static Suite read(ObjectMapper mapper, String text, References references) {
        SuiteSpec spec;
        try {
            spec = mapper.readValue(text, SuiteSpec.class);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining()).replaceFirst("^\\.", "");
            throw new IllegalArgumentException((path.isEmpty() ? "suite" : path) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid suite file: " + e.getOriginalMessage(), e);
        }
        if (spec == null || spec.name() == null || spec.name().isBlank()) {
            throw new IllegalArgumentException("name: missing");
        }
        if (spec.rules() == null) {
            throw new IllegalArgumentException("rules: missing");
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < spec.rules().size(); i++) {
            RuleSpec r = spec.rules().get(i);
            if (r == null) {
                throw new IllegalArgumentException("rules[" + i + "]: empty");
            }
            rules.add(r.toRule("rules[" + i + "]", references));
        }
        Suite suite = Suite.of(spec.name(), rules);
        if (spec.score() == null) {
            return suite;
        }
        ScoreSpec sc = spec.score();
        try {
            return suite.withScoreThreshold(new ScoreThreshold(sc.rows() == null ? 0 : sc.rows(),
                    sc.rules() == null ? 0 : sc.rules(), sc.severity() == null ? Severity.ERROR : sc.severity()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("score." + e.getMessage(), e);
        }
    }

    /** The suite as a YAML suite file; rules made from code (predicates) cannot be written. */
    public static String writeYaml(Suite suite) {
        return write(YAML, suite);
    }

    /** The suite as a JSON suite file; rules made from code (predicates) cannot be written. */
    public static String writeJson(Suite suite) {
        return write(JSON, suite);
    }

    private static String write(ObjectMapper mapper, Suite suite) {
        List<RuleSpec> specs = new ArrayList<>();
        for (Rule r : suite.rules()) {
            specs.add(r.spec().orElseThrow(() -> new IllegalArgumentException("rule " + r.name()
                    + " is made from code and cannot be written to a suite file")));
        }
        try {
            ScoreSpec score = suite.scoreThreshold().map(t -> new ScoreSpec(t.rows(), t.rules(), t.severity()))
                    .orElse(null);
            return mapper.writeValueAsString(new SuiteSpec(suite.name(), score, specs));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write suite " + suite.name(), e);
        }
    }
}
