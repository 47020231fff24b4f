package org.marketlink.quality.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.marketlink.core.Checks;
import org.marketlink.quality.Severity;
import org.marketlink.quality.rules.References;
import org.marketlink.quality.rules.RuleKind;
import org.marketlink.quality.rules.RuleSpec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the data tests of a dbt {@code schema.yml} (models, seeds, snapshots and sources' tables; {@code tests:} or
 * dbt 1.8's {@code data_tests:}; arguments inline or under dbt 1.10's {@code arguments:}) as MarketLink suites, one
 * per model or table. Supported: {@code not_null}, {@code unique} (nulls left out, as dbt's SQL does),
 * {@code accepted_values}, {@code dbt_utils.accepted_range}, {@code dbt_utils.not_null_proportion},
 * {@code dbt_utils.unique_combination_of_columns} and the {@code dbt_expectations} tests that Great Expectations
 * names ({@link ExpectationSuiteFile}). The {@code severity}, {@code warn_if} and {@code error_if} configurations are
 * kept: on row tests a count threshold such as {@code error_if: ">10"} becomes the number of failing rows allowed, and a
 * test with both a warning and an error threshold becomes two rules, the first at WARNING. A {@code where} becomes the
 * rule's {@code filter} when {@link org.marketlink.quality.rules.RowFilter} reads it (else the test is listed as not
 * imported); {@code relationships} becomes a {@code references} rule when the file is read with the
 * {@link References} that hold the other model's keys (else it is listed as not imported). Each rule is named like dbt's test, for example {@code not_null(order_id)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class DbtSchemaFile {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Pattern REF = Pattern.compile(
            "^\\s*(?:ref|source)\\(\\s*['\"]([^'\"]+)['\"]\\s*(?:,\\s*['\"]([^'\"]+)['\"]\\s*)?\\)\\s*$");
    private static final Pattern COUNT_CONDITION = Pattern.compile("^\\s*(!=|<>|>|>=)\\s*([0-9]+)\\s*$");
    private static final Set<String> HARMLESS_CONFIG = Set.of("tags", "meta", "enabled", "store_failures",
            "store_failures_as", "limit", "fail_calc", "alias", "schema", "database", "description", "name");
    /** Configurations that change what a test means; each is either kept on the rule or reported. */
    private static final Set<String> MEANINGFUL_CONFIG = Set.of("severity", "where", "warn_if", "error_if");

    private DbtSchemaFile() {
    }

    /**
     * The suites a dbt properties file describes.
     *
     * @param yaml the file's text
     * @return one suite per model (or source table) with tests, and the tests not imported
     * @throws IllegalArgumentException when the text is not YAML
     */
    public static ImportResult read(String yaml) {
        return read(yaml, References.none());
    }

    /**
     * The suites a dbt properties file describes, its {@code relationships} tests resolved with {@code references}:
     * {@code to: ref('customers'), field: id} looks up the keys {@code customers.id} (a {@code source('s', 't')}
     * gives {@code s.t.id}). A relationship whose keys {@code references} does not hold is listed as not imported.
     *
     * @param yaml       the file's text
     * @param references the keys the relationships name
     * @return one suite per model (or source table) with tests, and the tests not imported
     * @throws IllegalArgumentException when the text is not YAML
     */
    public static ImportResult read(String yaml, References references) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a dbt properties file: " + e.getOriginalMessage(), e);
        }
        Collector out = new Collector(Checks.notNull("references", references));
        if (root == null || !root.isObject()) {
            return out.result();
        }
        for (String section : List.of("models", "seeds", "snapshots")) {
            JsonNode list = root.path(section);
            for (int i = 0; i < list.size(); i++) {
                node(out, list.get(i), section + "[" + i + "]", list.get(i).path("name").asText(""));
            }
        }
        JsonNode sources = root.path("sources");
        for (int i = 0; i < sources.size(); i++) {
            JsonNode tables = sources.get(i).path("tables");
            String source = sources.get(i).path("name").asText("");
            for (int j = 0; j < tables.size(); j++) {
                node(out, tables.get(j), "sources[" + i + "].tables[" + j + "]", source + "."
                        + tables.get(j).path("name").asText(""));
            }
        }
        return out.result();
    }

    private static void node(Collector out, JsonNode model, String place, String suite) {
        if (suite.isBlank() || suite.endsWith(".")) {
            out.skip(place, place, "name", "a model or table without a name");
            return;
        }
        out.dataset(suite);
        tests(out, suite, place, null, model);
        JsonNode columns = model.path("columns");
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c).path("name").asText("");
            tests(out, suite, place + ".columns[" + c + "]", column, columns.get(c));
        }
    }

    private static void tests(Collector out, String suite, String place, String column, JsonNode owner) {
        String field = owner.has("data_tests") ? "data_tests" : "tests";
        JsonNode tests = owner.path(field);
        for (int t = 0; t < tests.size(); t++) {
            JsonNode test = tests.get(t);
            String at = place + "." + field + "[" + t + "]";
            String name = test.isTextual() ? test.asText() : test.isObject() && test.size() == 1
                    ? test.fieldNames().next() : "";
            JsonNode body = test.isObject() ? test.get(name) : null;
            ObjectNode args = YAML.createObjectNode();
            ObjectNode config = YAML.createObjectNode();
            if (body != null && body.isObject()) {
                body.fields().forEachRemaining(e -> {
                    if (e.getKey().equals("config") && e.getValue().isObject()) {
                        config.setAll((ObjectNode) e.getValue());
                    } else if (e.getKey().equals("arguments") && e.getValue().isObject()) {
                        args.setAll((ObjectNode) e.getValue());
                    } else if (MEANINGFUL_CONFIG.contains(e.getKey())
                            || HARMLESS_CONFIG.contains(e.getKey())) {
                        config.set(e.getKey(), e.getValue());
                    } else {
                        args.set(e.getKey(), e.getValue());
                    }
                });
            }
            try {
                if (name.isBlank()) {
                    throw new NotMapped("a test is a name, or one name with its arguments");
                }
                add(out, suite, at, name, column, args, config);
            } catch (NotMapped n) {
                out.skip(suite, at, name, n.getMessage());
            }
        }
    }

    private static void add(Collector out, String suite, String place, String test, String column, ObjectNode args,
                            ObjectNode config) {
        for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!HARMLESS_CONFIG.contains(k) && !MEANINGFUL_CONFIG.contains(k)) {
                throw new NotMapped("the configuration '" + k + "' has no MarketLink equivalent");
            }
        }
        RuleSpec spec = spec(test, column, args).withFilter(Filters.checked("where", config.path("where")
                .asText(null)));
        String label = test.substring(test.lastIndexOf('.') + 1) + (column == null ? "" : "(" + column + ")");
        boolean warnOnly = config.path("severity").asText("error").equalsIgnoreCase("warn");
        String warnIf = config.path("warn_if").asText("!=0");
        String errorIf = config.path("error_if").asText("!=0");
        boolean row = spec.kind().rowLevel();
        if (warnOnly) {
            out.add(suite, place, label, limited(spec, warnIf, row).withSeverity(Severity.WARNING));
        } else if (allowedFailures(warnIf) == allowedFailures(errorIf)) {
            out.add(suite, place, label, limited(spec, errorIf, row).withSeverity(Severity.ERROR));
        } else {
            RuleSpec warn = limited(spec, warnIf, row).withSeverity(Severity.WARNING);
            RuleSpec error = limited(spec, errorIf, row).withSeverity(Severity.ERROR);
            out.add(suite, place, label + " [warn]", warn);
            out.add(suite, place, label + " [error]", error);
        }
    }

    /** The spec with the failing rows a dbt condition ({@code ">10"}) allows. */
    private static RuleSpec limited(RuleSpec spec, String condition, boolean row) {
        long allowed = allowedFailures(condition);
        if (allowed == 0) {
            return spec;
        }
        if (!row) {
            throw new NotMapped("a failure count threshold ('" + condition + "') on a test that is not row by row");
        }
        return spec.withMaxFailing(allowed);
    }

    /** How many failing rows a dbt condition lets pass: {@code !=0} none, {@code >10} ten, {@code >=10} nine. */
    private static long allowedFailures(String condition) {
        Matcher m = COUNT_CONDITION.matcher(condition);
        if (!m.matches()) {
            throw new NotMapped("the condition '" + condition + "' is not a failure count MarketLink reads (!=0, >n,"
                    + " >=n)");
        }
        long n = Long.parseLong(m.group(2));
        return switch (m.group(1)) {
            case ">" -> n;
            case ">=" -> Math.max(0, n - 1);
            default -> {
                if (n != 0) {
                    throw new NotMapped("the condition '" + condition + "' fails on a count other than zero");
                }
                yield 0;
            }
        };
    }

    private static RuleSpec spec(String test, String column, ObjectNode args) {
        if (test.startsWith("dbt_expectations.")) {
            if (column != null) {
                args.put("column", column);
            }
            return Expectations.spec(test.substring("dbt_expectations.".length()), args);
        }
        switch (test) {
            case "not_null":
                noArgs(test, args);
                return RuleSpec.of(RuleKind.NOT_NULL).withColumn(needColumn(test, column));
            case "unique":
                noArgs(test, args);
                return RuleSpec.of(RuleKind.UNIQUE).withColumns(List.of(needColumn(test, column))).withSkipNulls(true);
            case "accepted_values":
                args.remove("quote");
                RuleSpec in = RuleSpec.of(RuleKind.IN_SET).withColumn(needColumn(test, column))
                        .withValues(Expectations.texts(args, "values"));
                args.remove("values");
                noArgs(test, args);
                return in;
            case "relationships": {
                String to = refName(args.path("to").asText(""));
                String field = args.path("field").asText("");
                if (to.isEmpty() || field.isEmpty()) {
                    throw new NotMapped("relationships needs `to: ref('model')` and `field`");
                }
                args.remove(List.of("to", "field"));
                noArgs(test, args);
                return RuleSpec.of(RuleKind.REFERENCES).withColumn(needColumn(test, column)).withReference(to + "." + field);
            }
            case "dbt_utils.accepted_range": {
                boolean inclusive = args.path("inclusive").asBoolean(true);
                JsonNode lo = args.get("min_value");
                JsonNode hi = args.get("max_value");
                if ((lo == null || !lo.isNumber()) && (hi == null || !hi.isNumber())) {
                    throw new NotMapped("dbt_utils.accepted_range needs a numeric min_value or max_value");
                }
                Allowed a = new Allowed(lo == null ? Double.NEGATIVE_INFINITY : lo.asDouble(), !inclusive,
                        hi == null ? Double.POSITIVE_INFINITY : hi.asDouble(), !inclusive);
                args.remove(List.of("min_value", "max_value", "inclusive"));
                noArgs(test, args);
                return RuleSpec.of(RuleKind.BETWEEN).withColumn(needColumn(test, column)).withMin(a.closedMin())
                        .withMax(a.closedMax());
            }
            case "dbt_utils.not_null_proportion": {
                double atLeast = Expectations.number(args, "at_least");
                args.remove("at_least");
                noArgs(test, args);
                return RuleSpec.of(RuleKind.NOT_NULL).withColumn(needColumn(test, column)).withMostly(atLeast);
            }
            case "dbt_utils.unique_combination_of_columns": {
                List<String> columns = Expectations.texts(args, "combination_of_columns");
                args.remove("combination_of_columns");
                noArgs(test, args);
                // the macro groups by the columns as they are: empty values form keys like any other
                return RuleSpec.of(RuleKind.UNIQUE).withColumns(columns);
            }
            default:
                throw new NotMapped("no MarketLink rule means the test " + test);
        }
    }

    private static String needColumn(String test, String column) {
        if (column == null) {
            throw new NotMapped(test + " belongs under a column");
        }
        return column;
    }

    private static void noArgs(String test, ObjectNode args) {
        if (args.size() > 0) {
            List<String> names = new ArrayList<>();
            args.fieldNames().forEachRemaining(names::add);
            throw new NotMapped(test + ": the arguments " + names + " have no MarketLink equivalent");
        }
    }

    /** {@code ref('customers')} → {@code customers}; {@code source('shop', 'customers')} → {@code shop.customers}. */
    static String refName(String jinja) {
        Matcher m = REF.matcher(jinja);
        if (!m.matches()) {
            return "";
        }
        return m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2);
    }
}
