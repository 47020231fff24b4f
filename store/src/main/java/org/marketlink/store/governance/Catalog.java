package org.marketlink.store.governance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.Schema;
import org.marketlink.store.governance.Dataset.Column;
import org.marketlink.store.governance.Dataset.Retention;
import org.marketlink.store.governance.Dataset.RetentionAction;
import org.marketlink.store.governance.Dataset.SubjectLink;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The datasets a deployment holds, described: owners, sources, retention, PII and encrypted columns, and how each
 * table refers to data subjects. {@link #builtIn()} describes the marketplace's own tables; hosts add theirs in code
 * ({@link #with}) or YAML ({@link #fromYaml}). The order of datasets is the order erase works in (children before
 * the tables they reference). Immutable and thread-safe.
 */
public final class Catalog {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new Jdk8Module()).registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    // the subject key bound as text, compared with UUID columns
    private static final String SUBJECT_UUID = "CAST(:subject AS UUID)";
    /** Rejected input has no columns to search: a subject is found by its key in the row's text and the reason. */
    private static final List<String> MENTIONED = List.of("raw", "message");
    private static final List<String> QUARANTINE_KEY = List.of("run_id", "chunk_index", "seq");

    private final Map<String, Dataset> datasets;

    private Catalog(Map<String, Dataset> datasets) {
        this.datasets = datasets;
    }

    /** A catalog of {@code datasets}; names must be unique. */
    public static Catalog of(List<Dataset> datasets) {
        Map<String, Dataset> byName = new LinkedHashMap<>();
        for (Dataset d : datasets) {
            if (byName.put(d.name(), d) != null) {
                throw new IllegalArgumentException("dataset " + d.name() + " is described twice");
            }
        }
        return new Catalog(byName);
    }

    /** This catalog with more datasets, which erase handles before the built-in ones. */
    public Catalog with(List<Dataset> more) {
        List<Dataset> all = new ArrayList<>(more);
        all.addAll(datasets.values());
        return of(all);
    }

    /**
     * Reads datasets from YAML: a top-level {@code datasets} list whose entries have the fields of {@link Dataset}
     * in snake case (retention period as an ISO-8601 duration such as {@code P365D}).
     *
     * @throws IllegalArgumentException when the file is not valid, naming the problem
     */
    public static Catalog fromYaml(InputStream in) {
        try {
            record File(List<Dataset> datasets) {
            }
            File file = YAML.readValue(in, File.class);
            return of(file.datasets() == null ? List.of() : file.datasets());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("catalog file is not valid: " + e.getMessage(), e);
        }
    }

    /**
     * @throws UnknownDatasetException when no dataset has this name
     */
    public Dataset dataset(String name) {
        Dataset d = datasets.get(name);
        if (d == null) {
            throw new UnknownDatasetException(name, datasets.keySet());
        }
        return d;
    }

    /** The datasets, in the order erase and retention visit them. */
    public List<Dataset> datasets() {
        return List.copyOf(datasets.values());
    }

    /** The names of every PII column of every dataset. */
    public Set<String> piiColumns() {
        Set<String> out = new LinkedHashSet<>();
        datasets.values().forEach(d -> d.columns().stream().filter(Column::pii).forEach(c -> out.add(c.name())));
        return out;
    }

    /**
     * {@code schema} with every field this catalog marks PII in {@code dataset} marked {@link Field#personal()}
     * (names compared regardless of case and underscores: {@code contact_phone} is {@code contactPhone}); other
     * fields as they were. The masking travels with the schema, to every stage and to Spark executors; nothing is
     * registered anywhere.
     *
     * @throws UnknownDatasetException when no dataset has this name
     */
    public Schema markPersonal(String dataset, Schema schema) {
        Set<String> pii = new HashSet<>();
        dataset(dataset).columns().stream().filter(Column::pii).forEach(c -> pii.add(comparable(c.name())));
        List<Field> fields = new ArrayList<>(schema.size());
        for (Field f : schema.fields()) {
            fields.add(pii.contains(comparable(f.name())) ? f.asPersonal() : f);
        }
        return Schema.of(fields);
    }

    private static String comparable(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The columns of a dataset the catalog marks encrypted, to hand to
     * {@link org.marketlink.store.MarketStore#tableSink(String, org.marketlink.core.data.Schema, List, Set)}.
     */
    public Set<String> encryptedColumns(String dataset) {
        Set<String> out = new LinkedHashSet<>();
        dataset(dataset).columns().stream().filter(Dataset.Column::encrypted).forEach(c -> out.add(c.name()));
        return out;
    }

    /** Whether {@code column} of {@code dataset} is PII. */
    public boolean isPii(String dataset, String column) {
        return dataset(dataset).columns().stream().anyMatch(c -> c.pii() && c.name().equals(column));
    }

    /** The kinds of data subject the catalog knows. */
    public Set<String> subjectKinds() {
        Set<String> out = new LinkedHashSet<>();
        datasets.values().forEach(d -> d.subjects().forEach(s -> out.add(s.kind())));
        return out;
    }

    /** Links of every kind of subject to the rows whose {@code text} columns mention its key. */
    private static List<SubjectLink> mentions(List<String> text, List<String> key) {
        return List.of(SubjectLink.deleteMentions("shg", text, key), SubjectLink.deleteMentions("buyer", text, key),
                SubjectLink.deleteMentions("customer", text, key));
    }

    /** The marketplace's own tables, described. */
    public static Catalog builtIn() {
        String productsOfShg = "product_id IN (SELECT id FROM products WHERE shg_id = " + SUBJECT_UUID + ")";
        Optional<Retention> none = Optional.empty();
        return of(List.of(
                new Dataset("feature_values", "data-platform", "feature values by entity and time",
                        "feature pipelines", "per pipeline run",
                        Optional.of(new Retention(Duration.ofDays(730), "event_time", RetentionAction.DELETE)),
                        List.of(), List.of(
                        SubjectLink.delete("shg", "entity = 'shg' AND entity_key = :subject"),
                        SubjectLink.delete("shg", "entity = 'product' AND entity_key IN (SELECT CAST(id AS VARCHAR) "
                                + "FROM products WHERE shg_id = " + SUBJECT_UUID + ")"),
                        SubjectLink.delete("buyer", "entity = 'buyer' AND entity_key = :subject"),
                        SubjectLink.delete("customer", "entity IN ('customer', 'user') AND entity_key = :subject"))),
                new Dataset("training_examples", "data-platform", "labelled rows of training sets",
                        "training-set pipelines", "per pipeline run", none, List.of(),
                        mentions(List.of("entity_keys"), List.of("set_name", "run_id", "row_no"))),
                new Dataset("training_sets", "data-platform", "versions of training sets and their feature names",
                        "training-set pipelines", "per pipeline run", none, List.of(),
                        mentions(List.of("set_name", "feature_names"), List.of("set_name", "run_id"))),
                new Dataset("quarantine", "data-platform", "rejected rows with their reasons", "pipelines",
                        "per pipeline run", none, List.of(Column.pii("raw"), Column.pii("message")),
                        mentions(MENTIONED, QUARANTINE_KEY)),
                new Dataset("matches", "matching", "recommended SUBJECT_UUID-buyer connections", "matching engine",
                        "continuous", none, List.of(Column.pii("initial_message")), List.of(
                        SubjectLink.delete("shg", "shg_id = " + SUBJECT_UUID),
                        SubjectLink.delete("buyer", "buyer_id = " + SUBJECT_UUID))),
                new Dataset("order_lines", "commerce", "lines of orders", "host orders", "continuous", none,
                        List.of(), List.of(
                        SubjectLink.delete("shg", "order_id IN (SELECT id FROM orders WHERE shg_id = "
                                + SUBJECT_UUID + ")"),
                        // another group's order naming this group's product would lose a line and no longer add up
                        SubjectLink.refuse("shg", productsOfShg + " AND order_id NOT IN (SELECT id FROM orders "
                                + "WHERE shg_id = " + SUBJECT_UUID + ")"),
                        SubjectLink.delete("buyer", "order_id IN (SELECT id FROM orders WHERE buyer_id = " + SUBJECT_UUID
                                + ")"))),
                new Dataset("order_ratings", "commerce", "buyers' ratings of delivered orders", "host orders",
                        "continuous", none, List.of(), List.of(
                        SubjectLink.delete("shg", "order_id IN (SELECT id FROM orders WHERE shg_id = " + SUBJECT_UUID
                                + ")"),
                        SubjectLink.delete("buyer", "order_id IN (SELECT id FROM orders WHERE buyer_id = " + SUBJECT_UUID
                                + ")"))),
                new Dataset("order_returns", "commerce", "units sent back from orders", "host orders", "continuous",
                        none, List.of(), List.of(
                        SubjectLink.delete("shg", "order_id IN (SELECT id FROM orders WHERE shg_id = " + SUBJECT_UUID
                                + ")"),
                        // another group's order naming this group's product: order_lines refuses the erasure first
                        SubjectLink.delete("shg", productsOfShg),
                        SubjectLink.delete("buyer", "order_id IN (SELECT id FROM orders WHERE buyer_id = " + SUBJECT_UUID
                                + ")"))),
                new Dataset("orders", "commerce", "orders between SHGs and buyers", "host orders", "continuous",
                        none, List.of(Column.pii("delivery_address"), Column.pii("feedback")), List.of(
                        SubjectLink.delete("shg", "shg_id = " + SUBJECT_UUID),
                        SubjectLink.delete("buyer", "buyer_id = " + SUBJECT_UUID))),
                new Dataset("market_data", "market-intelligence", "market observations of products",
                        "WFP and market feeds", "daily",
                        Optional.of(new Retention(Duration.ofDays(3 * 365), "observed_at", RetentionAction.DELETE)),
                        List.of(), List.of(SubjectLink.delete("shg", productsOfShg))),
                new Dataset("pricing_history", "market-intelligence", "daily sales and prices per product",
                        "orders, aggregated", "daily",
                        Optional.of(new Retention(Duration.ofDays(5 * 365), "sale_date", RetentionAction.DELETE)),
                        List.of(), List.of(SubjectLink.delete("shg", productsOfShg))),
                new Dataset("demand_forecasts", "forecasting", "demand forecasts with intervals", "forecast engine",
                        "daily",
                        Optional.of(new Retention(Duration.ofDays(365), "generated_at", RetentionAction.DELETE)),
                        List.of(), List.of(SubjectLink.delete("shg", productsOfShg))),
                new Dataset("products", "catalog", "what SHGs sell", "SUBJECT_UUID onboarding", "continuous", none,
                        List.of(), List.of(SubjectLink.delete("shg", "shg_id = " + SUBJECT_UUID))),
                new Dataset("shgs", "onboarding", "self-help groups", "SUBJECT_UUID onboarding", "continuous", none,
                        List.of(Column.pii("contact_person"), Column.pii("contact_phone"), Column.pii("contact_email"),
                                Column.encrypted("bank_details")),
                        List.of(SubjectLink.delete("shg", "id = " + SUBJECT_UUID))),
                new Dataset("buyers", "onboarding", "buyers", "buyer onboarding", "continuous", none,
                        List.of(Column.pii("place"), Column.pii("latitude"), Column.pii("longitude"),
                                Column.pii("payment_terms")),
                        List.of(SubjectLink.delete("buyer", "id = " + SUBJECT_UUID))),
                new Dataset("lineage", "data-platform", "one record per pipeline run", "pipelines", "per run",
                        Optional.of(new Retention(Duration.ofDays(365), "started_at", RetentionAction.DELETE)),
                        List.of(), mentions(List.of("source", "target", "stages", "report"), List.of("run_id"))),
                // the platform's own records hold no subject by design, but a host's names can put one there (a
                // suite or model per group, a file per customer): a row that mentions the subject goes with it
                new Dataset("quality_metrics", "data-quality", "metric history per dataset and rule", "suites",
                        "per suite run", none, List.of(), mentions(List.of("dataset", "rule", "tags"),
                        List.of("dataset", "rule", "measured_at", "tags"))),
                new Dataset("models", "ml-platform", "registered model versions", "training jobs", "per training",
                        none, List.of(), mentions(List.of("name", "feature_set", "parameters", "metrics",
                        "artifact_path"), List.of("name", "version"))),
                new Dataset("model_promotions", "ml-platform", "model status changes and their gates",
                        "model registry", "per promotion", none, List.of(), mentions(List.of("name", "gate", "reason"),
                        List.of("name", "version", "at"))),
                new Dataset("schema_versions", "data-platform", "every version of every registered schema",
                        "schema registry", "per change", none, List.of(), mentions(List.of("dataset", "fields"),
                        List.of("dataset", "version")))));
    }
}
