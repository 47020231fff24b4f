package org.marketlink.store.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.UnableToWriteException;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Sink;
import org.marketlink.core.pipeline.Stage;
import org.marketlink.core.pipeline.Violation;
import org.marketlink.store.MarketStore;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.DatabaseErrors;
import org.marketlink.store.internal.Rows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Labelled training sets in the store ({@code training_sets}, {@code training_examples}): written by a pipeline
 * sink, one version per run (the run id), and read back whole for training. A model registered with that run id
 * then leads to the exact rows it learned from, and the run's lineage row to where they came from.
 *
 * <p>Rows are stored with their entity keys as a JSON object, so erasing a group or a buyer finds and deletes the
 * rows about it; features as a JSON array, missing values as {@code null}. Writing a chunk again (the runner retries
 * failed chunks) writes the same rows over themselves. Thread-safe.
 */
public final class TrainingSets {
    private static final List<String> SET_COLUMNS = List.of("set_name", "run_id", "feature_names", "created_at");
    private static final List<String> ROW_COLUMNS = List.of("set_name", "run_id", "row_no", "entity_keys", "as_of",
            "label", "features");

    /**
     * A plain mapper for the feature arrays: the shared {@code Json.mapper()} reads numbers as decimals, which turns
     * -0.0 into 0.0, and a value must read back as it was written.
     */
    private static final ObjectMapper NUMBERS = new ObjectMapper();

    private final MarketStore store;
    private final String upsertSet;
    private final String upsertRow;

    private TrainingSets(MarketStore store) {
        this.store = store;
        this.upsertSet = store.dialect().mergeOnKey("training_sets", SET_COLUMNS, List.of("set_name", "run_id"));
        this.upsertRow = store.dialect().mergeOnKey("training_examples", ROW_COLUMNS,
                List.of("set_name", "run_id", "row_no"));
    }

    /**
     * The training sets of {@code store}.
     *
     * @throws IllegalArgumentException when {@code store} is null
     */
    public static TrainingSets of(MarketStore store) {
        if (store == null) {
            throw new IllegalArgumentException("store must not be null");
        }
        return new TrainingSets(store);
    }

    /**
     * A sink writing its run's rows as the version {@code runId} of set {@code name}: row numbers (from 1) follow the run's
     * row order, so a set reads back in the order it was written.
     *
     * @param name         the set, for example {@code shg_buyer_match}
     * @param featureNames the names of the values {@code features} gives, in order
     * @param keys         what a row is about (non-empty, no null keys or values)
     * @param asOf         the time a row's features describe
     * @param label        a row's label (finite)
     * @param features     a row's values, {@code featureNames.size()} of them, finite or NaN (missing)
     * @return the sink; in a pipeline its admission stage quarantines a row that breaks these rules ({@code NO_KEYS},
     *         {@code NO_TIME}, {@code LABEL_NOT_FINITE}, {@code WRONG_WIDTH}, {@code FEATURE_INFINITE}) instead of
     *         failing the run; written directly, such a row fails its chunk, naming the row and the set
     * @throws IllegalArgumentException when an argument is null or blank, or the feature names repeat
     */
    public <T> Sink<T> sink(String name, List<String> featureNames, Function<T, Map<String, String>> keys,
                            Function<T, Instant> asOf, ToDoubleFunction<T> label, Function<T, double[]> features) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (featureNames == null || featureNames.isEmpty() || featureNames.stream().distinct().count()
                != featureNames.size() || featureNames.stream().anyMatch(f -> f == null || f.isBlank())) {
            throw new IllegalArgumentException("featureNames must be distinct, non-blank names, were " + featureNames);
        }
        if (keys == null || asOf == null || label == null || features == null) {
            throw new IllegalArgumentException("keys, asOf, label and features must not be null");
        }
        List<String> names = List.copyOf(featureNames);
        return new Sink<>() {
            @Override
            public String name() {
                return "training_examples:" + name;
            }

            @Override
            public void write(ChunkKey chunk, List<T> rows) {
                writeChunk(name, names, chunk, rows, keys, asOf, label, features);
            }

            /**
             * Quarantines a row the set could not hold instead of failing its chunk: {@code NO_KEYS},
             * {@code NO_TIME}, {@code LABEL_NOT_FINITE}, {@code WRONG_WIDTH} and {@code FEATURE_INFINITE} (naming
             * the feature).
             */
            @Override
            public Optional<Stage<T, T>> admission() {
                return Optional.of((row, out) -> {
                    Violation unfit = unfit(names, row, keys, asOf, label, features);
                    if (unfit == null) {
                        out.emit(row);
                    } else {
                        out.reject(List.of(unfit));
                    }
                });
            }
        };
    }

    /** Why a row cannot be one of the set's, or null when it can. */
    private static <T> Violation unfit(List<String> names, T row, Function<T, Map<String, String>> keys,
                                       Function<T, Instant> asOf, ToDoubleFunction<T> label,
                                       Function<T, double[]> features) {
        return unfit(names, keys.apply(row), asOf.apply(row), label.applyAsDouble(row), features.apply(row));
    }

    /** Why a row of these keys, time, label and values cannot be one of the set's, or null when it can. */
    private static Violation unfit(List<String> names, Map<String, String> k, Instant at, double y, double[] x) {
        if (k == null || k.isEmpty() || k.entrySet().stream().anyMatch(e -> e.getKey() == null
                || e.getValue() == null)) {
            return new Violation("NO_KEYS", "", "needs entity keys without nulls");
        }
        if (at == null) {
            return new Violation("NO_TIME", "", "needs the time its features describe");
        }
        if (!Double.isFinite(y)) {
            return new Violation("LABEL_NOT_FINITE", "", "needs a finite label, had " + y);
        }
        if (x == null || x.length != names.size()) {
            return new Violation("WRONG_WIDTH", "", "needs " + names.size() + " values, had "
                    + (x == null ? "none" : x.length));
        }
        for (int j = 0; j < x.length; j++) {
            if (Double.isInfinite(x[j])) {
                return new Violation("FEATURE_INFINITE", names.get(j), "feature " + names.get(j) + " is infinite");
            }
        }
        return null;
    }

    private <T> void writeChunk(String name, List<String> names, ChunkKey chunk, List<T> rows,
                                Function<T, Map<String, String>> keys, Function<T, Instant> asOf,
                                ToDoubleFunction<T> label, Function<T, double[]> features) {
        List<Bound> bound = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            long rowNo = chunk.firstRow() + i;
            T row = rows.get(i);
            // each function called once: the same values are checked and written
            Map<String, String> k = keys.apply(row);
            Instant at = asOf.apply(row);
            double y = label.applyAsDouble(row);
            double[] x = features.apply(row);
            Violation unfit = unfit(names, k, at, y, x);
            if (unfit != null) {
                throw new IllegalArgumentException("row " + rowNo + " of training set " + name + ": "
                        + unfit.message());
            }
            StringBuilder values = new StringBuilder(x.length * 8).append('[');
            for (int j = 0; j < x.length; j++) {
                values.append(j == 0 ? "" : ",").append(Double.isNaN(x[j]) ? "null" : Double.toString(x[j]));
            }
            bound.add(new Bound(rowNo, Rows.toJson(new TreeMap<>(k)), at, y, values.append(']').toString()));
        }
        try {
            store.jdbi().useTransaction(h -> {
                h.createUpdate(upsertSet).bind("set_name", name).bind("run_id", chunk.runId())
                        .bind("feature_names", Rows.toJson(names)).bind("created_at", Args.timestamp(Instant.now()))
                        .execute();
                PreparedBatch batch = h.prepareBatch(upsertRow);
                for (Bound b : bound) {
                    batch.bind("set_name", name).bind("run_id", chunk.runId()).bind("row_no", b.rowNo())
                            .bind("entity_keys", b.keys()).bind("as_of", Args.timestamp(b.asOf()))
                            .bind("label", b.label()).bind("features", b.features()).add();
                }
                if (!bound.isEmpty()) {
                    batch.execute();
                }
            });
        } catch (JdbiException e) {
            throw new UnableToWriteException("could not write " + rows.size() + " rows of training set " + name
                    + ": " + DatabaseErrors.describe(e), DatabaseErrors.withheld(e));
        }
    }

    /** The versions (run ids) of set {@code name}, oldest first. */
    public List<String> versions(String name) {
        try {
            return store.jdbi().withHandle(h -> h.createQuery("SELECT run_id FROM training_sets WHERE set_name = :n "
                    + "ORDER BY created_at, run_id").bind("n", name).mapTo(String.class).list());
        } catch (JdbiException e) {
            throw new UnableToReadException("could not list the versions of training set " + name + ": "
                    + DatabaseErrors.describe(e), DatabaseErrors.withheld(e));
        }
    }

    /** Version {@code runId} of set {@code name}, rows in the order they were written; empty when there is none. */
    public Optional<TrainingSet> read(String name, String runId) {
        try {
            return store.jdbi().withHandle(h -> {
                Optional<List<String>> header = h.createQuery("SELECT feature_names FROM training_sets WHERE "
                        + "set_name = :n AND run_id = :r").bind("n", name).bind("r", runId)
                        .map((rs, c) -> Rows.strings(rs, "feature_names")).findOne();
                if (header.isEmpty()) {
                    return Optional.empty();
                }
                List<String> names = header.get();
                List<Map<String, String>> keys = new ArrayList<>();
                List<Instant> times = new ArrayList<>();
                List<Double> labels = new ArrayList<>();
                List<double[]> rows = new ArrayList<>();
                h.createQuery("SELECT entity_keys, as_of, label, features FROM training_examples WHERE set_name = :n "
                                + "AND run_id = :r ORDER BY row_no").bind("n", name).bind("r", runId)
                        .map((rs, c) -> {
                            keys.add(Rows.texts(rs, "entity_keys"));
                            double[] x = new double[names.size()];
                            JsonNode values = values(name, rs.getString("features"));
                            for (int j = 0; j < x.length; j++) {
                                JsonNode v = values.get(j);
                                x[j] = v == null || v.isNull() ? Double.NaN : v.asDouble();
                            }
                            rows.add(x);
                            times.add(Rows.instant(rs, "as_of"));
                            labels.add(rs.getDouble("label"));
                            return null;
                        }).list();
                return Optional.of(new TrainingSet(name, runId, names, keys, times,
                        labels.stream().mapToDouble(Double::doubleValue).toArray(), rows.toArray(double[][]::new)));
            });
        } catch (JdbiException e) {
            throw new UnableToReadException("could not read training set " + name + " version " + runId + ": "
                    + DatabaseErrors.describe(e), DatabaseErrors.withheld(e));
        }
    }

    private static JsonNode values(String set, String json) {
        try {
            return NUMBERS.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnableToReadException("training set " + set + " has a row whose features are not valid JSON", e);
        }
    }

    /** One row as bound to the insert: its number, keys and features already JSON text. */
    private record Bound(long rowNo, String keys, Instant asOf, double label, String features) {
    }
}
