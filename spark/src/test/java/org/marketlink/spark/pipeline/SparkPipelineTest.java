package org.marketlink.spark.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Checksum;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.StageReport;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.quality.Suite;
import org.marketlink.quality.rules.Rules;
import org.marketlink.spark.LocalSpark;
import org.marketlink.spark.RandomOrders;
import org.marketlink.spark.data.SparkRowReader;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stage chain on Spark makes what it makes on one machine, whatever the partitioning, and loses no row. */
class SparkPipelineTest {
    static final Schema IN = SparkRowReader.of(RandomOrders.STRUCT).schema();
    static final Schema OUT = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("status", FieldType.STRING),
            Field.optional("value", FieldType.DOUBLE), Field.optional("day", FieldType.DATE));

    /** Filter, validate, derive and expand: stateless stages, so any partitioning gives the same multiset. */
    static Pipeline<Row> chain(Pipeline<Row> rows) {
        Suite.Compiled suite = Suite.of("prices", Rules.nonNegative("price"),
                Rules.inSet("status", Set.of("A", "B", "C"))).compile(IN);
        return rows
                .then("filter", Stages.filter(r -> r.get(3) != null, "no quantity"))
                .then("validate", Stages.validate(suite::violations))
                .then("derive", Stages.map(r -> Row.of(OUT, r.get(0), r.get(1),
                        r.get(2) == null ? null : r.getDouble(3) * r.getDecimal(2).doubleValue(),
                        LocalDate.ofInstant(r.getTimestamp(4), ZoneOffset.UTC))))
                .then("expand", Stages.flatMap(r -> r.get(2) != null && r.getDouble(2) > 1000 ? List.of(r, r)
                        : List.of(r)));
    }

    @Test
    void run_anyPartitioning_givesTheSingleMachineRowsQuarantineAndCounts() {
        long seed = System.nanoTime();
        List<org.apache.spark.sql.Row> rows = RandomOrders.rows(seed, 3000);
        List<Row> local = RandomOrders.local(rows);
        Sinks.ListSink<Row> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport single = chain(Pipeline.from(Sources.of("local", local))).to(sink).quarantineTo(quarantine).run();
        List<String> wantRows = canonical(sink.rows());
        List<String> wantRejections = quarantine.rejections().stream().map(SparkPipelineTest::reason).sorted()
                .toList();
        assertThat(single.expanded()).isPositive();
        assertThat(single.quarantined()).isPositive();

        SparkPipeline pipeline = SparkPipeline.of("prices", IN, SparkPipelineTest::chain, OUT);
        for (int partitions : LocalSpark.PARTITIONS) {
            String why = "seed " + seed + ", " + partitions + " partitions";
            SparkPipeline.Result r = pipeline.run(LocalSpark.dataset(rows, RandomOrders.STRUCT, partitions));
            try {
                SparkRowReader back = SparkRowReader.bind(r.output().schema(), OUT);
                List<Row> got = r.output().collectAsList().stream().map(back::read).toList();
                assertThat(canonical(got)).as(why).isEqualTo(wantRows);
                List<String> gotRejections = r.quarantine().collectAsList().stream()
                        .map(q -> q.getString(0) + "|" + q.getString(1) + "|" + q.getString(2) + "|" + q.getString(3))
                        .sorted().toList();
                assertThat(gotRejections).as(why).isEqualTo(wantRejections);

                RunReport report = r.report();
                assertThat(report.balanced()).as(why).isTrue();
                assertThat(report.rowsIn()).isEqualTo(single.rowsIn());
                assertThat(report.rowsOut()).isEqualTo(single.rowsOut());
                assertThat(report.quarantined()).isEqualTo(single.quarantined());
                assertThat(report.expanded()).isEqualTo(single.expanded());
                assertThat(report.checksum()).as(why).isEqualTo(single.checksum());
                assertThat(report.chunks()).isEqualTo(partitions);
                Map<String, StageReport> stages = report.stages().stream()
                        .collect(Collectors.toMap(StageReport::name, s -> s));
                assertThat(stages).containsKeys(SparkPipeline.READ_STAGE, SparkPipeline.WRITE_STAGE);
                for (StageReport s : single.stages()) {
                    StageReport o = stages.get(s.name());
                    assertThat(List.of(o.rowsIn(), o.rowsOut(), o.quarantined())).as(why + " " + s.name())
                            .isEqualTo(List.of(s.rowsIn(), s.rowsOut(), s.quarantined()));
                }
            } finally {
                r.release();
            }
        }
    }

    /**
     * Partitions larger than the window: a stateless chain runs window by window, a chain with a stateful stage
     * (deduplication) in one run per partition; with one partition both equal the single-machine run exactly, row
     * numbers of rejections included.
     */
    @Test
    void run_partitionsLargerThanAWindow_equalTheSingleMachineRun_rowNumbersIncluded() {
        List<org.apache.spark.sql.Row> rows = RandomOrders.rows(11, 3 * PartitionRun.WINDOW + 123);
        List<Row> local = RandomOrders.local(rows);
        List<StageChain> chains = List.of(SparkPipelineTest::chain,
                c -> chain(c).then("dedupe", Stages.deduplicate(r -> r.get(0), Stages.Keep.FIRST)));
        for (StageChain chain : chains) {
            Sinks.ListSink<Row> sink = Sinks.list();
            Sinks.ListQuarantine quarantine = Sinks.quarantineList();
            RunReport single = chain.addTo(Pipeline.from(Sources.of("local", local))).to(sink)
                    .quarantineTo(quarantine).run();
            SparkPipeline.Result r = SparkPipeline.of("big", IN, chain, OUT)
                    .run(LocalSpark.dataset(rows, RandomOrders.STRUCT, 1));
            try {
                SparkRowReader back = SparkRowReader.bind(r.output().schema(), OUT);
                assertThat(canonical(r.output().collectAsList().stream().map(back::read).toList()))
                        .isEqualTo(canonical(sink.rows()));
                List<String> want = quarantine.rejections().stream()
                        .map(j -> j.rowNumber() + "|" + reason(j)).sorted().toList();
                List<String> got = r.quarantine().collectAsList().stream().map(q -> q.getLong(5) + "|"
                        + q.getString(0) + "|" + q.getString(1) + "|" + q.getString(2) + "|" + q.getString(3))
                        .sorted().toList();
                assertThat(got).isEqualTo(want);
                assertThat(r.report().checksum()).isEqualTo(single.checksum());
                assertThat(r.report().quarantined()).isEqualTo(single.quarantined());
            } finally {
                r.release();
            }
        }
    }

    @Test
    void run_rowsThatDoNotFit_areQuarantinedWithTheColumnNamed() {
        StructType nullableId = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.LongType, true),
                DataTypes.createStructField("status", DataTypes.StringType, true)));
        Schema in = Schema.of(Field.required("id", FieldType.LONG), Field.optional("status", FieldType.STRING));
        List<org.apache.spark.sql.Row> rows = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            rows.add(RowFactory.create(i % 10 == 0 ? null : i, "s" + i));
        }
        // ids 5, 15, ... leave with a row of another schema: the write stage catches them
        Schema other = Schema.of(Field.required("x", FieldType.STRING));
        SparkPipeline p = SparkPipeline.of("fit", in, chain -> chain.then("odd", Stages.map(
                r -> r.getLong(0) % 10 == 5 ? Row.of(other, "oops") : r)), in);
        SparkPipeline.Result r = p.run(LocalSpark.dataset(rows, nullableId, 3));
        try {
            assertThat(r.output().count()).isEqualTo(80);
            List<org.apache.spark.sql.Row> q = r.quarantine().collectAsList();
            assertThat(q).hasSize(20);
            assertThat(q.stream().filter(x -> x.getString(0).equals(SparkPipeline.UNREADABLE)))
                    .hasSize(10).allSatisfy(x -> assertThat(x.getString(3)).contains("'id'"));
            assertThat(q.stream().filter(x -> x.getString(0).equals(SparkPipeline.WRONG_SCHEMA))).hasSize(10);
            assertThat(q).allSatisfy(x -> assertThat(x.getString(6)).startsWith("fit#"));
            assertThat(r.report().rowsIn()).isEqualTo(100);
            assertThat(r.report().balanced()).isTrue();
        } finally {
            r.release();
        }
    }

    @Test
    void run_aStageThatThrows_quarantinesThoseRowsAndTheJobGoesOn() {
        List<org.apache.spark.sql.Row> rows = RandomOrders.rows(3, 500);
        long sevens = rows.stream().filter(r -> r.getLong(0) % 7 == 0).count();
        SparkPipeline p = SparkPipeline.of("throwing", IN, chain -> chain.then("boom", Stages.map(r -> {
            if (r.getLong(0) % 7 == 0) {
                throw new IllegalStateException("no sevens");
            }
            return r;
        })), IN);
        SparkPipeline.Result r = p.run(LocalSpark.dataset(rows, RandomOrders.STRUCT, 4));
        try {
            assertThat(r.output().count()).isEqualTo(500 - sevens);
            assertThat(r.quarantine().collectAsList()).hasSize((int) sevens)
                    .allSatisfy(q -> assertThat(q.getString(0)).isEqualTo("STAGE_ERROR"))
                    .allSatisfy(q -> assertThat(q.getString(3)).contains("no sevens"));
            assertThat(r.report().stages().get(1).failed()).isEqualTo(sevens);
        } finally {
            r.release();
        }
    }

    @Test
    void of_aChainThatCapturesWhatCannotTravel_saysSoBeforeAnyJob() {
        Object notSerializable = new Object();
        assertThatThrownBy(() -> SparkPipeline.of("local-only", IN,
                c -> c.then("uses", Stages.map(r -> notSerializable == null ? null : r)), IN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage chain of pipeline 'local-only' cannot be shipped to Spark executors")
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void run_missingInputColumn_namesIt() {
        Dataset<org.apache.spark.sql.Row> data = LocalSpark.dataset(RandomOrders.rows(3, 5),
                RandomOrders.STRUCT, 1);
        Schema wants = Schema.of(Field.required("weight", FieldType.DOUBLE));
        assertThatThrownBy(() -> SparkPipeline.of("w", wants, c -> c, wants).run(data))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'weight'");
        Schema wrongType = Schema.of(Field.required("status", FieldType.DOUBLE));
        assertThatThrownBy(() -> SparkPipeline.of("w", wrongType, c -> c, wrongType).run(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'status' is string in the Dataset, which cannot be read as DOUBLE");
    }

    private static List<String> canonical(List<Row> rows) {
        return rows.stream().map(Checksum::canonical).sorted().toList();
    }

    private static String reason(Rejection j) {
        return j.reasonCode() + "|" + j.stage() + "|" + j.column() + "|" + j.message();
    }
}
