package org.marketlink.spark.quality;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Violation;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.spark.data.SparkColumnarReader;
import org.marketlink.spark.data.SparkRowReader;
import org.marketlink.spark.data.SparkSchemas;
import org.marketlink.spark.internal.Shipping;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Runs a quality {@link Suite} over a Spark {@link Dataset}, as it runs over rows on one machine. A Dataset that is
 * a columnar scan (Parquet or ORC read with Spark's vectorized reader, a cached Dataset) is read as Spark's own
 * column batches into MarketLink's ({@link SparkColumnarReader}), so rules that scan columns run their column loops
 * with no row in between ({@link #runsOnColumns}); any other Dataset is read as rows. Both give the same result.
 *
 * <p>{@link #run} computes every rule's metric state per partition, brings the states to the driver (one small
 * object per rule and partition; exact uniqueness and exact quantiles carry their values, as they do on one
 * machine) and merges them in partition order, so the {@link SuiteResult} is the one a single pass over the
 * Dataset's rows in that order gives: the same counts and the same sample rows, and the same top offending values
 * while no partition sees more than a thousand distinct offending values of one rule (beyond that a partition counts
 * new values only as overflow, see {@code ValueCounter}). Means and deviations can differ in the last bits (another
 * summation order); KLL quantiles within the sketch's rank error (the sketch is seeded, so one partitioning gives one estimate, but another partitioning compacts other parts).
 *
 * <pre>{@code
 * SuiteResult result = SparkQuality.run(suite, orders);
 * SparkQuality.Split split = SparkQuality.split(suite, orders);
 * split.valid().write().parquet("clean");  split.quarantined().write().parquet("quarantine");
 * }</pre>
 *
 * <p>The suite is shipped to executors by Java serialization: rules made from lambdas need serializable lambdas,
 * and the error says so before any job starts. Stateless and thread-safe.
 */
public final class SparkQuality {
    /** Column added by {@link #rowOutcomes}: whether the row passes every row-level rule. */
    public static final String VALID = "ml_valid";
    /** Column added by {@link #rowOutcomes}: the row's violations (code, column, message), empty when valid. */
    public static final String VIOLATIONS = "ml_violations";
    /** Column of {@link Split#quarantined()}: the reason code of the row's first violation. */
    public static final String REASON_CODE = "ml_reason_code";

    private static final StructType VIOLATION = DataTypes.createStructType(List.of(
            DataTypes.createStructField("code", DataTypes.StringType, false),
            DataTypes.createStructField("column", DataTypes.StringType, false),
            DataTypes.createStructField("message", DataTypes.StringType, false)));

    private SparkQuality() {
    }

    /**
     * The suite's result over every row of {@code data}, read with the schema derived from its columns
     * ({@link SparkSchemas#toSchema}).
     *
     * @throws IllegalArgumentException naming the rule and column when a rule does not fit the Dataset's columns,
     *                                  or naming the suite when it cannot be serialized
     */
    public static SuiteResult run(Suite suite, Dataset<Row> data) {
        SparkRowReader reader = SparkRowReader.of(data.schema());
        Suite.Compiled compiled = suite.compile(reader.schema());
        Shipping.checkShippable("suite '" + suite.name() + "'", suite);
        Optional<ColumnarScan> scan = columnarScan(data, reader.schema());
        List<byte[]> states = scan.isPresent() ? byColumns(suite, scan.get().plan(), scan.get().reader())
                : byRows(suite, data, reader);
        return merged(compiled, states);
    }

    /** A Dataset's columnar scan and the reader of its batches as batches of {@code schema}. */
    private record ColumnarScan(SparkPlan plan, SparkColumnarReader reader) {
    }

    private static Optional<ColumnarScan> columnarScan(Dataset<Row> data, Schema schema) {
        return SparkColumnarReader.columnarScan(data.queryExecution().executedPlan())
                .flatMap(p -> SparkColumnarReader.of(p.schema(), schema).map(r -> new ColumnarScan(p, r)));
    }

    /** The partitions' shipped states merged in partition order into one result. */
    private static SuiteResult merged(Suite.Compiled compiled, List<byte[]> states) {
        Suite.State total = compiled.newState();
        for (byte[] state : states) {
            total.merge(Shipping.<Suite.State>fromBytes(state));
        }
        return total.result();
    }

    /**
     * Whether {@link #run} reads {@code data} as Spark's own column batches: when its plan is a columnar scan
     * (Parquet or ORC with the vectorized reader, a cached Dataset) and nothing more, and its columns have types
     * read that way. Otherwise it reads rows; the result is the same.
     *
     * @param data the Dataset
     * @return true when the suite's rules see column batches straight from the scan
     */
    public static boolean runsOnColumns(Dataset<Row> data) {
        return columnarScan(data, SparkSchemas.toSchema(data.schema())).isPresent();
    }

    /** The states of each partition, by reading the scan's column batches into MarketLink ones. */
    private static List<byte[]> byColumns(Suite suite, SparkPlan scan, SparkColumnarReader reader) {
        JavaRDD<ColumnarBatch> batches = scan.executeColumnar().toJavaRDD();
        return batches.mapPartitions((FlatMapFunction<Iterator<ColumnarBatch>, byte[]>) in -> {
            Suite.State state = suite.compile(reader.schema()).newState();
            ColumnBatch out = null;
            long rowNumber = 1;
            while (in.hasNext()) {
                ColumnarBatch b = in.next();
                if (out == null || out.capacity() < b.numRows()) {
                    out = ColumnBatch.allocate(reader.schema(), Math.max(1, b.numRows()));
                }
                reader.read(b, out, rowNumber);
                rowNumber += b.numRows();
                state.accept(out);
            }
            return List.of(Shipping.toBytes(state)).iterator();
        }).collect();
    }

    /** Package-private for tests: the states of each partition, by reading rows. */
    static SuiteResult runByRows(Suite suite, Dataset<Row> data) {
        SparkRowReader reader = SparkRowReader.of(data.schema());
        return merged(suite.compile(reader.schema()), byRows(suite, data, reader));
    }

    private static List<byte[]> byRows(Suite suite, Dataset<Row> data, SparkRowReader reader) {
        return data.mapPartitions((MapPartitionsFunction<Row, byte[]>) rows -> {
            Suite.State state = suite.compile(reader.schema()).newState();
            while (rows.hasNext()) {
                state.accept(reader.read(rows.next()));
            }
            return List.of(Shipping.toBytes(state)).iterator();
        }, Encoders.BINARY()).collectAsList();
    }

    /**
     * Every row of {@code data} with two columns more: {@value #VALID} and {@value #VIOLATIONS} (an array of
     * {@code struct<code, column, message>}), judged by the suite's row-level rules. Lazy, like any Dataset.
     */
    public static Dataset<Row> rowOutcomes(Suite suite, Dataset<Row> data) {
        SparkRowReader reader = SparkRowReader.of(data.schema());
        suite.compile(reader.schema());
        Shipping.checkShippable("suite '" + suite.name() + "'", suite);
        StructType out = data.schema()
                .add(VALID, DataTypes.BooleanType, false)
                .add(VIOLATIONS, DataTypes.createArrayType(VIOLATION, false), false);
        int width = data.schema().size();
        return data.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            Suite.Compiled compiled = suite.compile(reader.schema());
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    Row row = rows.next();
                    List<Violation> violations = compiled.violations(reader.read(row));
                    Object[] values = new Object[width + 2];
                    for (int i = 0; i < width; i++) {
                        values[i] = row.get(i);
                    }
                    values[width] = violations.isEmpty();
                    values[width + 1] = toArray(violations);
                    return RowFactory.create(values);
                }
            };
        }, Encoders.row(out));
    }

    /**
     * {@code data} split by the suite's row-level rules: valid rows with their own columns, and quarantined rows with
     * {@value #REASON_CODE} (the first violation's code) and {@value #VIOLATIONS} added. Every row is in exactly one
     * of the two. Both are lazy; {@link Dataset#persist() persist} the input if it is expensive to compute twice.
     */
    public static Split split(Suite suite, Dataset<Row> data) {
        Dataset<Row> outcomes = rowOutcomes(suite, data);
        List<Column> own = new ArrayList<>();
        for (String name : data.columns()) {
            own.add(functions.col(name));
        }
        Dataset<Row> valid = outcomes.filter(functions.col(VALID))
                .select(own.toArray(Column[]::new));
        own.add(functions.col(VIOLATIONS).getItem(0).getField("code").as(REASON_CODE));
        own.add(functions.col(VIOLATIONS));
        Dataset<Row> quarantined = outcomes.filter(functions.not(functions.col(VALID)))
                .select(own.toArray(Column[]::new));
        return new Split(valid, quarantined);
    }

    /**
     * A Dataset split in two by a suite.
     *
     * @param valid       rows that pass every row-level rule, with the input's columns
     * @param quarantined the others, with {@value #REASON_CODE} and {@value #VIOLATIONS}
     */
    public record Split(Dataset<Row> valid, Dataset<Row> quarantined) {
    }

    /**
     * The violations as an array column's external value: an array, which every Spark line's row encoder accepts
     * (a Scala collection would tie this source to one Scala version's converters).
     */
    private static Row[] toArray(List<Violation> violations) {
        Row[] rows = new Row[violations.size()];
        for (int i = 0; i < rows.length; i++) {
            Violation v = violations.get(i);
            rows[i] = RowFactory.create(v.code(), v.column(), v.message());
        }
        return rows;
    }

    /** The MarketLink schema {@link #run} reads {@code data} with. */
    public static Schema schemaOf(Dataset<Row> data) {
        return SparkSchemas.toSchema(data.schema());
    }
}
