package org.marketlink.spark.pipeline;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.marketlink.core.Checks;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Checksum;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.spark.data.SparkRowReader;
import org.marketlink.spark.data.SparkRowWriter;
import org.marketlink.spark.data.SparkSchemas;
import org.marketlink.spark.internal.Shipping;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Runs a MarketLink stage chain on every partition of a Spark {@link Dataset}: each partition is read as rows of
 * the input schema, passed through the stages by the same runner as on one machine, and comes back as rows of the
 * output schema or as quarantined rows with their reason codes. Every input row ends in exactly one of the two
 * (or is expanded by a stage that emits several rows per input, and counted as such); the run checks this
 * before it returns.
 *
 * <pre>{@code
 * SparkPipeline.Result r = SparkPipeline.of("prices", input, chain, output).run(raw);
 * r.output().write().parquet("prices");  r.quarantine().write().parquet("quarantine");
 * System.out.println(r.report().toJson());
 * }</pre>
 *
 * <p>Each partition's counts travel to the driver through an accumulator, keyed by partition so that a task Spark
 * runs twice is counted once. A chain of stateless stages runs on windows of a few thousand rows as Spark pulls, so
 * a partition of any size needs the memory of one window; a chain with a stateful stage (deduplication, grouping
 * of consecutive rows) runs once over its whole partition, which is then held in memory, and sees that partition
 * only: to deduplicate across the Dataset, repartition it by the key first. A quarantined row's number is its
 * position in its partition (from 1) and its source is {@code <name>#<partition>}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SparkPipeline {
    /** The stage that reads Spark rows as rows of the input schema, and quarantines those it cannot read. */
    public static final String READ_STAGE = "spark-read";
    /** The stage that checks the chain's rows have the output schema. */
    public static final String WRITE_STAGE = "spark-write";
    /** Reason code of a row that does not fit the input schema (a required column empty). */
    public static final String UNREADABLE = "UNREADABLE_ROW";
    /** Reason code of a row the chain emitted with another schema than the output's. */
    public static final String WRONG_SCHEMA = "OUTPUT_SCHEMA_MISMATCH";

    /** Quarantine columns, after the output's. */
    public static final List<String> QUARANTINE_COLUMNS = List.of("ml_reason_code", "ml_stage", "ml_column",
            "ml_message", "ml_raw", "ml_row_number", "ml_source");

    private final String name;
    private final Schema input;
    private final StageChain chain;
    private final Schema output;

    private SparkPipeline(String name, Schema input, StageChain chain, Schema output) {
        this.name = Checks.notBlank("name", name);
        this.input = Checks.notNull("input", input);
        this.chain = Checks.notNull("chain", chain);
        this.output = Checks.notNull("output", output);
        for (String q : QUARANTINE_COLUMNS) {
            if (output.has(q)) {
                throw new IllegalArgumentException("the output schema may not have a column named '" + q + "'");
            }
        }
    }

    /**
     * A pipeline named {@code name} that reads rows of {@code input}, runs {@code chain} and writes rows of
     * {@code output}.
     *
     * @throws IllegalArgumentException when an argument is missing or the chain cannot be shipped to executors
     */
    public static SparkPipeline of(String name, Schema input, StageChain chain, Schema output) {
        Shipping.checkShippable("stage chain of pipeline '" + name + "'", chain);
        return new SparkPipeline(name, input, chain, output);
    }

    /**
     * Runs the pipeline over {@code data}. The combined output and quarantine is computed once and persisted
     * (memory and disk); {@link Result#release()} frees it.
     *
     * @throws IllegalArgumentException naming the column when {@code data} lacks an input column or holds it in
     *                                  another type
     * @throws IllegalStateException    when the counts do not balance (a stage lost rows)
     */
    public Result run(Dataset<Row> data) {
        SparkSession session = data.sparkSession();
        SparkRowReader reader = SparkRowReader.bind(data.schema(), input);
        SparkRowWriter writer = SparkRowWriter.of(session, output, data.schema());
        StructType tagged = taggedStruct(writer.struct());
        CollectionAccumulator<PartitionReport> reports = session.sparkContext()
                .collectionAccumulator("marketlink.pipeline." + name);
        String runName = name;
        StageChain stages = chain;
        Schema out = output;
        Instant started = Instant.now();
        long t0 = System.nanoTime();

        Dataset<Row> all = data.mapPartitions(
                (MapPartitionsFunction<Row, Row>) rows -> new PartitionRun(
                        rows, TaskContext.getPartitionId(), runName, stages, reader, writer, out, reports),
                Encoders.row(tagged)).persist(StorageLevel.MEMORY_AND_DISK());
        long produced = all.count();

        RunReport report = merge(reports.value(), data.rdd().getNumPartitions(), started, t0);
        if (!report.balanced() || produced != report.rowsOut() + report.quarantined()) {
            all.unpersist();
            throw new IllegalStateException("pipeline '" + name + "' lost rows: " + report.rowsIn() + " in + "
                    + report.expanded() + " expanded != " + report.rowsOut() + " out + " + report.quarantined()
                    + " quarantined, " + report.dropped() + " dropped by a stage (Spark produced " + produced + ")");
        }
        Column reason = functions.col(QUARANTINE_COLUMNS.get(0));
        Dataset<Row> outputRows = all.filter(reason.isNull())
                .select(columns(writer.struct().fieldNames()));
        Dataset<Row> quarantined = all.filter(reason.isNotNull())
                .select(columns(QUARANTINE_COLUMNS.toArray(String[]::new)));
        // the tagged rows hold output columns as nullable; the output keeps the schema's own nullability
        outputRows = session.createDataFrame(outputRows.rdd(), writer.struct());
        return new Result(outputRows, quarantined, report, all);
    }

    private static StructType taggedStruct(StructType output) {
        StructType tagged = SparkSchemas.nullable(output);
        for (String q : QUARANTINE_COLUMNS) {
            tagged = tagged.add(q, q.equals("ml_row_number") ? DataTypes.LongType : DataTypes.StringType, true);
        }
        return tagged;
    }

    private static Column[] columns(String[] names) {
        return Arrays.stream(names).map(functions::col).toArray(Column[]::new);
    }

    private RunReport merge(List<PartitionReport> parts, int partitions, Instant started, long t0) {
        Map<Integer, PartitionReport> byPartition = new TreeMap<>();
        for (PartitionReport p : parts) {
            byPartition.putIfAbsent(p.partition(), p);
        }
        if (byPartition.size() != partitions) {
            throw new IllegalStateException("pipeline '" + name + "': " + byPartition.size() + " of " + partitions
                    + " partitions reported their counts");
        }
        PartitionReport total = null;
        for (PartitionReport p : byPartition.values()) {
            total = total == null ? p : total.plus(p);
        }
        double millis = (System.nanoTime() - t0) / 1e6;
        if (total == null) { // a Dataset without partitions
            return new RunReport(UUID.randomUUID().toString(), RunReport.Status.COMPLETED, name, "spark", List.of(),
                    0, 0, 0, 0, 0, new Checksum().value(), started, millis);
        }
        return new RunReport(UUID.randomUUID().toString(), RunReport.Status.COMPLETED, name, "spark",
                total.stageReports(), total.rowsIn(), total.rowsOut(), total.quarantined(), total.expanded(),
                partitions, total.checksum(), started, millis);
    }

    /**
     * What a run made: rows of the output schema, the rows that did not make it (one per rejection, with
     * {@link #QUARANTINE_COLUMNS}), and the counts over all partitions. Thread-safe.
     */
    public static final class Result {
        private final Dataset<Row> output;
        private final Dataset<Row> quarantine;
        private final RunReport report;
        private final Dataset<Row> persisted;

        private Result(Dataset<Row> output, Dataset<Row> quarantine,
                       RunReport report, Dataset<Row> persisted) {
            this.output = output;
            this.quarantine = quarantine;
            this.report = report;
            this.persisted = persisted;
        }

        /** Rows of the output schema. */
        public Dataset<Row> output() {
            return output;
        }

        /** Rejected rows, one per rejection, with {@link #QUARANTINE_COLUMNS}. */
        public Dataset<Row> quarantine() {
            return quarantine;
        }

        /**
         * Counts over all partitions: per stage, rows in, out and quarantined; chunks = partitions; the checksum is
         * the one a single-machine run over the same rows reports.
         */
        public RunReport report() {
            return report;
        }

        /** Frees the persisted rows behind {@link #output()} and {@link #quarantine()}. */
        public void release() {
            persisted.unpersist();
        }
    }
}
