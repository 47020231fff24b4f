package org.marketlink.quality.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.marketlink.quality.Severity;
import org.marketlink.quality.rules.RuleKind;
import org.marketlink.quality.rules.RuleSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SodaCL checks ({@code checks for orders:} sections) as MarketLink suites, one per dataset. Supported:
 * {@code row_count}; {@code missing_count}/{@code missing_percent}; {@code duplicate_count}/{@code duplicate_percent}
 * at 0; {@code invalid_count}/{@code invalid_percent} with {@code valid values}, {@code valid regex},
 * {@code valid format} (integer, positive integer, decimal, email, uuid, date iso 8601), {@code valid min}/{@code valid
 * max} or {@code valid length}/{@code valid min length}/{@code valid max length}; {@code freshness}; {@code min},
 * {@code max}, {@code avg} and {@code stddev}; thresholds {@code =}, {@code <}, {@code <=}, {@code >}, {@code >=} and
 * {@code between … and …}, and {@code warn:}/{@code fail:} with {@code when …} (a warn and a fail threshold become two
 * rules, the first at WARNING). Missing values are nulls, as Soda counts them by default; invalid counts leave them
 * out. Each rule is named by its check's own text, for example {@code missing_count(email) = 0}.
 *
 * <p>The {@code valid format} patterns are MarketLink's own and may differ from Soda's at the edges. Stateless and
 * thread-safe.
 */
public final class SodaChecksFile {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Pattern CHECK = Pattern.compile("^\\s*([a-z_]+)\\s*(?:\\(([^)]*)\\))?\\s*(.*?)\\s*$");
    private static final Pattern COMPARISON = Pattern.compile("^(=|==|!=|<=|>=|<|>)\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*(%?)$");
    private static final Pattern BETWEEN = Pattern.compile(
            "^between\\s+(-?[0-9]+(?:\\.[0-9]+)?)\\s*(%?)\\s+and\\s+(-?[0-9]+(?:\\.[0-9]+)?)\\s*(%?)$");
    private static final Pattern NOT_BETWEEN = Pattern.compile("^not " + BETWEEN.pattern().substring(1));
    private static final Pattern AGE = Pattern.compile("^(<|<=)\\s*([0-9dhms]+)$");
    private static final Pattern AGE_FAILING = Pattern.compile("^(>|>=)\\s*([0-9dhms]+)$");
    private static final Set<String> METRICS = Set.of("row_count", "missing_count", "missing_percent",
            "invalid_count", "invalid_percent", "duplicate_count", "duplicate_percent", "freshness", "min", "max", "avg",
            "stddev", "stddev_samp");
    private static final Set<String> IGNORED = Set.of("attributes", "samples limit", "identity");
    private static final Map<String, String> FORMATS = Map.of(
            "integer", "[-+]?[0-9]+",
            "positive integer", "\\+?[0-9]+",
            "decimal", "[-+]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)",
            "email", "[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
            "uuid", "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            "date iso 8601", "[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?"
                    + "(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?");

    private SodaChecksFile() {
    }

    /**
     * The suites a SodaCL checks file describes.
     *
     * @param yaml the file's text
     * @return one suite per {@code checks for} section, and the checks not imported
     * @throws IllegalArgumentException when the text is not YAML or a section is not a list
     */
    public static ImportResult read(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a SodaCL file: " + e.getOriginalMessage(), e);
        }
        Collector out = new Collector();
        if (root == null || !root.isObject()) {
            return out.result();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            String key = section.getKey().trim();
            if (!key.startsWith("checks for ")) {
                out.skip(key, key, key, "only 'checks for <dataset>' sections are read");
                continue;
            }
            String dataset = key.substring("checks for ".length()).trim();
            if (!section.getValue().isArray()) {
                throw new IllegalArgumentException(key + ": not a list of checks");
            }
            out.dataset(dataset);
            JsonNode checks = section.getValue();
            for (int i = 0; i < checks.size(); i++) {
                JsonNode c = checks.get(i);
                String place = key + "[" + i + "]";
                String text = c.isTextual() ? c.asText() : c.isObject() && c.size() == 1 ? c.fieldNames().next() : "";
                JsonNode config = c.isObject() ? c.get(text) : null;
                try {
                    if (text.isBlank()) {
                        throw new NotMapped("a check is a line of text, or one line with its configuration");
                    }
                    check(out, dataset, place, text.trim(), config == null || config.isNull() ? YAML.createObjectNode()
                            : config);
                } catch (NotMapped n) {
                    out.skip(dataset, place, text, n.getMessage());
                }
            }
        }
        return out.result();
    }

    private static void check(Collector out, String dataset, String place, String text, JsonNode config) {
        if (!config.isObject()) {
            throw new NotMapped("the configuration of a check is a map");
        }
        Matcher m = CHECK.matcher(text);
        if (!m.matches()) {
            throw new NotMapped("not a metric check");
        }
        String metric = m.group(1);
        List<String> args = m.group(2) == null ? List.of() : Arrays.stream(m.group(2).split(",")).map(String::trim)
                .filter(a -> !a.isEmpty()).toList();
        String threshold = m.group(3);
        if (!METRICS.contains(metric)) {
            throw new NotMapped("no MarketLink rule means the metric " + metric);
        }
        for (Iterator<String> f = config.fieldNames(); f.hasNext(); ) {
            String k = f.next();
            if (k.startsWith("missing ")) {
                throw new NotMapped("'" + k + "': only nulls count as missing in MarketLink's import");
            }
            if (!IGNORED.contains(k) && !k.equals("name") && !k.equals("filter") && !k.equals("warn") && !k.equals("fail")
                    && !k.startsWith("valid ")) {
                throw new NotMapped("the configuration key '" + k + "' has no MarketLink equivalent");
            }
        }
        String name = config.hasNonNull("name") ? config.get("name").asText() : text;
        String filter = Filters.checked("filter", config.path("filter").asText(null));
        if (!threshold.isEmpty()) {
            if (config.has("warn") || config.has("fail")) {
                throw new NotMapped("a threshold in the check and warn/fail in its configuration");
            }
            out.add(dataset, place, name, rule(metric, args, threshold, false, config).withSeverity(Severity.ERROR)
                    .withFilter(filter));
            return;
        }
        List<RuleSpec> specs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String level : List.of("warn", "fail")) {
            JsonNode when = config.get(level);
            if (when == null) {
                continue;
            }
            String t = when.asText().trim();
            if (!t.startsWith("when ")) {
                throw new NotMapped(level + ": expected 'when <condition>', was '" + t + "'");
            }
            specs.add(rule(metric, args, t.substring(5).trim(), true, config).withSeverity(level.equals("warn")
                    ? Severity.WARNING : Severity.ERROR));
            names.add(name + " [" + level + "]");
        }
        if (specs.isEmpty()) {
            throw new NotMapped("no threshold");
        }
        // both are built before either is added: a check is imported whole or not at all
        for (int i = 0; i < specs.size(); i++) {
            out.add(dataset, place, names.get(i), specs.get(i).withFilter(filter));
        }
    }

    /** The rule of one metric under one threshold ({@code when}: the threshold names the failing values). */
    private static RuleSpec rule(String metric, List<String> args, String threshold, boolean when, JsonNode config) {
        if (metric.equals("freshness")) {
            // a check states the ages allowed (< 1d); a warn or fail condition the ages that fail (when > 1d)
            Matcher age = (when ? AGE_FAILING : AGE).matcher(threshold);
            if (!age.matches()) {
                throw new NotMapped("freshness: expected '" + (when ? "when > <age>" : "< <age>") + "', was '"
                        + threshold + "'");
            }
            return RuleSpec.of(RuleKind.FRESHNESS).withColumn(one(metric, args)).withMaxAge(age.group(2));
        }
        Allowed allowed = threshold(threshold, when);
        switch (metric) {
            case "row_count":
                none(metric, args);
                return RuleSpec.of(RuleKind.ROW_COUNT).withMin(allowed.countMin()).withMax(allowed.countMax());
            case "missing_count":
            case "missing_percent":
                return failures(RuleSpec.of(RuleKind.NOT_NULL).withColumn(one(metric, args)), metric, allowed,
                        metric.endsWith("percent"));
            case "invalid_count":
            case "invalid_percent":
                return failures(validity(one(metric, args), config), metric, allowed, metric.endsWith("percent"));
            case "duplicate_count":
            case "duplicate_percent":
                if (args.isEmpty()) {
                    throw new NotMapped(metric + " needs its columns");
                }
                if (allowed.countMax() != 0 || !allowed.boundsFromAboveOnly()) {
                    throw new NotMapped(metric + " other than = 0: MarketLink's unique allows no duplicates");
                }
                return RuleSpec.of(RuleKind.UNIQUE).withColumns(args).withSkipNulls(true);
            case "min":
                return statistic(RuleKind.MIN_BETWEEN, metric, args, allowed);
            case "max":
                return statistic(RuleKind.MAX_BETWEEN, metric, args, allowed);
            case "avg":
                return statistic(RuleKind.MEAN_BETWEEN, metric, args, allowed);
            case "stddev":
            case "stddev_samp":
                return statistic(RuleKind.STDDEV_BETWEEN, metric, args, allowed);
            default:
                throw new NotMapped("no MarketLink rule means the metric " + metric);
        }
    }

    /** A row rule whose failures the threshold bounds from above, by count or by percent. */
    private static RuleSpec failures(RuleSpec row, String metric, Allowed allowed, boolean percent) {
        if (!allowed.boundsFromAboveOnly()) {
            throw new NotMapped(metric + ": only thresholds that bound failures from above ('= 0', '< n', '<= n')"
                    + " have a rule");
        }
        if (percent) {
            double share = allowed.closedMax() / 100;
            return share >= 1 ? row.withMostly(0.0) : row.withMostly(Math.max(0, 1 - share));
        }
        return row.withMaxFailing((long) allowed.countMax());
    }

    private static RuleSpec statistic(RuleKind kind, String metric, List<String> args, Allowed allowed) {
        return RuleSpec.of(kind).withColumn(one(metric, args)).withMin(allowed.closedMin()).withMax(allowed
                .closedMax());
    }

    /** The row rule a check's {@code valid …} configuration states. */
    private static RuleSpec validity(String column, JsonNode config) {
        List<String> keys = new ArrayList<>();
        config.fieldNames().forEachRemaining(k -> {
            if (k.startsWith("valid ")) {
                keys.add(k);
            }
        });
        if (keys.isEmpty()) {
            throw new NotMapped("invalid_count needs a 'valid …' configuration");
        }
        if (keys.size() > 1 && !(keys.stream().allMatch(k -> k.equals("valid min") || k.equals("valid max"))
                || keys.stream().allMatch(k -> k.endsWith("length")))) {
            throw new NotMapped("several validity conditions " + keys + " in one check have no single rule");
        }
        String k = keys.get(0);
        JsonNode v = config.get(k);
        switch (k) {
            case "valid values":
                return RuleSpec.of(RuleKind.IN_SET).withColumn(column).withValues(Expectations.texts(config, k));
            case "valid regex":
                return RuleSpec.of(RuleKind.MATCHES).withColumn(column).withPattern(Expectations.searched(v.asText()));
            case "valid format": {
                String regex = FORMATS.get(v.asText());
                if (regex == null) {
                    throw new NotMapped("valid format '" + v.asText() + "' is none of " + FORMATS.keySet().stream()
                            .sorted().toList());
                }
                return RuleSpec.of(RuleKind.MATCHES).withColumn(column).withPattern(regex);
            }
            case "valid min":
            case "valid max":
                return RuleSpec.of(RuleKind.BETWEEN).withColumn(column)
                        .withMin(config.has("valid min") ? config.get("valid min").asDouble() : Double.NEGATIVE_INFINITY)
                        .withMax(config.has("valid max") ? config.get("valid max").asDouble() : Double.POSITIVE_INFINITY);
            case "valid length":
                return RuleSpec.of(RuleKind.LENGTH).withColumn(column).withMin(v.asDouble()).withMax(v.asDouble());
            case "valid min length":
            case "valid max length":
                return RuleSpec.of(RuleKind.LENGTH).withColumn(column)
                        .withMin(config.path("valid min length").asDouble(0))
                        .withMax(config.has("valid max length") ? config.get("valid max length").asDouble()
                                : Integer.MAX_VALUE);
            default:
                throw new NotMapped("'" + k + "' has no MarketLink equivalent");
        }
    }

    private static Allowed threshold(String text, boolean when) {
        Matcher c = COMPARISON.matcher(text);
        if (c.matches()) {
            double v = Double.parseDouble(c.group(2));
            return when ? Allowed.not(c.group(1), v) : Allowed.of(c.group(1), v);
        }
        // a check allows "between a and b"; a failure condition allows what "not between a and b" leaves
        Matcher b = (when ? NOT_BETWEEN : BETWEEN).matcher(text);
        if (b.matches()) {
            return new Allowed(Double.parseDouble(b.group(1)), false, Double.parseDouble(b.group(3)), false);
        }
        throw new NotMapped("the threshold '" + text + "' is not one MarketLink reads (=, <, <=, >, >=, between)");
    }

    private static String one(String metric, List<String> args) {
        if (args.size() != 1) {
            throw new NotMapped(metric + " takes one column, had " + args);
        }
        return args.get(0);
    }

    private static void none(String metric, List<String> args) {
        if (!args.isEmpty()) {
            throw new NotMapped(metric + " takes no column, had " + args);
        }
    }
}
