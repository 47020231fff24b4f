package org.marketlink.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.marketlink.core.data.RecordRows;
import org.marketlink.core.data.Schema;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.core.timeseries.Frequency;
import org.marketlink.forecast.models.AutoForecaster;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.Rules;
import org.marketlink.spark.data.SparkRowReader;
import org.marketlink.spark.data.SparkRowWriter;
import org.marketlink.spark.forecast.SparkForecasting;
import org.marketlink.spark.matching.RetrieverFactory;
import org.marketlink.spark.matching.SparkMatching;
import org.marketlink.spark.pipeline.SparkPipeline;
import org.marketlink.spark.quality.SparkQuality;
import org.marketlink.testing.SyntheticMarket;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Spark block is the tagged region below, quoted word for word and run on local Spark: the suite over
 * a dataset of orders, its split, a pipeline of a normalising and a validating stage, weekly forecasts of three
 * products and top-10 buyers of 40 groups.
 */
class ReadmeSparkSnippetTest {
    private static final Path SOURCE = Path.of("src/test/java/org/marketlink/spark/ReadmeSparkSnippetTest.java");
    private static final StructType SALES = DataTypes.createStructType(List.of(
            DataTypes.createStructField("product_id", DataTypes.StringType, true),
            DataTypes.createStructField("day", DataTypes.DateType, true),
            DataTypes.createStructField("units", DataTypes.LongType, true)));

    private static <T extends Record> Dataset<Row> dataset(Class<T> type, List<T> records, int partitions) {
        RecordRows<T> rows = RecordRows.of(type);
        SparkRowWriter writer = SparkRowWriter.of(LocalSpark.session(), rows.schema(), new StructType());
        return LocalSpark.dataset(records.stream().map(r -> writer.write(rows.toRow(r))).toList(), writer.struct(),
                partitions);
    }

    @Test
    void theReadmesSparkBlockRunsAsWritten() throws Exception {
        List<Row> orderRows = new ArrayList<>(RandomOrders.rows(3, 2_000));
        // statuses in lower case and with spaces: the normalising stage makes them valid
        orderRows.add(RowFactory.create(5_000L, " a ", null, 1.0, null));
        orderRows.add(RowFactory.create(5_001L, "b", null, 2.0, null));
        Dataset<Row> orders = LocalSpark.dataset(orderRows, RandomOrders.STRUCT, 3);
        Dataset<Row> raw = orders;
        Schema in = SparkRowReader.of(RandomOrders.STRUCT).schema();
        Schema out = in;
        Suite suite = Suite.of("prices", Rules.nonNegative("price"), Rules.inSet("status", Set.of("A", "B", "C")));
        List<Row> salesRows = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            for (int d = 0; d < 140; d++) {
                salesRows.add(RowFactory.create(new UUID(7, p).toString(), Date.valueOf(LocalDate.of(2026, 1, 5)
                        .plusDays(d)), (long) (10 + p + (d % 7 == 5 ? 6 : 0) + d / 20)));
            }
        }
        Dataset<Row> sales = LocalSpark.dataset(salesRows, SALES, 2);
        List<ShgProfile> profiles = SyntheticMarket.shgs(40, 11, ShgProfile::of);
        Dataset<Row> shgs = dataset(Shg.class, profiles.stream().map(ShgProfile::shg).toList(), 2);
        Dataset<Row> products = dataset(Product.class, profiles.stream().flatMap(p -> p.products().stream()).toList(),
                2);
        Dataset<Row> buyers = dataset(Buyer.class, SyntheticMarket.buyers(60, 12), 1);

        // tag::spark[]
        SuiteResult result = SparkQuality.run(suite, orders);                // per-partition states, merged
        SparkQuality.Split split = SparkQuality.split(suite, orders);         // valid / quarantined rows with reasons
        SparkPipeline.Result run = SparkPipeline.of("prices", in, rows -> rows
                .then("normalize", Stages.map(Prices::normalize))
                .then("validate", Stages.validate(suite.compile(in)::violations)), out).run(raw);
        SparkForecasting.Result f = SparkForecasting.forecast(sales, AutoForecaster::create,
                SparkForecasting.Options.of("product_id", "day", "units", Frequency.WEEKLY));
        SparkMatching.Result m = SparkMatching.topBuyers(shgs, products, buyers, 10, RetrieverFactory.defaults());
        // end::spark[]

        try {
            long total = orders.count();
            assertThat(result.status()).isEqualTo(SuiteResult.Status.ERROR);
            assertThat(split.valid().count() + split.quarantined().count()).isEqualTo(total);
            assertThat(split.quarantined().count()).isPositive();
            // normalising first makes the two lower-case statuses valid: two fewer rows quarantined than the split
            assertThat(run.report().balanced()).isTrue();
            assertThat(run.report().rowsIn()).isEqualTo(total);
            assertThat(run.quarantine().count()).isEqualTo(split.quarantined().count() - 2);
            assertThat(run.output().count()).isEqualTo(split.valid().count() + 2);
            assertThat(f.failures().count()).isZero();
            assertThat(f.forecasts().count()).isEqualTo(3L * SparkForecasting.Options.of("product_id", "day", "units",
                    Frequency.WEEKLY).horizon());
            Map<String, Long> perGroup = m.matches().collectAsList().stream()
                    .collect(Collectors.groupingBy(r -> r.getString(0), Collectors.counting()));
            assertThat(perGroup).isNotEmpty().allSatisfy((group, n) -> assertThat(n).isBetween(1L, 10L));
            assertThat(m.failures().count()).isZero();
        } finally {
            run.release();
            f.release();
        }

        List<String> lines = Files.readAllLines(SOURCE);
        int from = lines.indexOf("        // tag::spark[]") + 1;
        int to = lines.indexOf("        // end::spark[]");
        String region = lines.subList(from, to).stream().map(l -> l.substring(8)).collect(Collectors.joining("\n"));
        assertThat(Files.readString(Path.of("..", "README.md"))).as("the README quotes the block of %s", SOURCE)
                .contains(region);
    }
}
