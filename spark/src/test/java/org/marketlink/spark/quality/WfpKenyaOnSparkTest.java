package org.marketlink.spark.quality;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.Rules;
import org.marketlink.spark.LocalSpark;
import org.marketlink.spark.data.SparkRowReader;
import org.marketlink.testing.SharedData;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The WFP Kenya food prices (HDX, CC BY-IGO; see shared/data/README.md) read by Spark's own CSV reader and checked
 * on Spark and on one machine: the same suite result, and a split that keeps every row.
 */
class WfpKenyaOnSparkTest {

    static Dataset<Row> prices() {
        // the second line is HXL tags (#date,#adm1+name,...): Spark skips it as a comment
        return LocalSpark.session().read().option("header", "true").option("comment", "#")
                .csv(SharedData.file("wfp_food_prices_ken.csv").toString())
                .withColumn("date", functions.to_date(functions.col("date")))
                .withColumn("latitude", functions.col("latitude").cast("double"))
                .withColumn("longitude", functions.col("longitude").cast("double"))
                .withColumn("price", functions.col("price").cast("decimal(12,2)"))
                .withColumn("usdprice", functions.col("usdprice").cast("double"));
    }

    static Suite suite() {
        return Suite.of("wfp-kenya", Rules.complete("market"), Rules.complete("price"), Rules.positive("price"),
                Rules.inSet("pricetype", Set.of("Wholesale", "Retail")),
                Rules.inSet("currency", Set.of("KES")),
                Rules.between("latitude", -5, 5.5, true, RuleOptions.mostly(0.99)),
                Rules.between("longitude", 33.5, 42, true, RuleOptions.mostly(0.99)),
                Rules.unique("date", "market", "commodity", "unit", "pricetype"),
                Rules.distinctCount("market", 10, 500, true), Rules.quantile("usdprice", 0.5, 0, 10, true),
                Rules.meanBetween("usdprice", 0, 10), Rules.rowCount(10_000, 100_000));
    }

    @Test
    void wfpPrices_onSpark_giveTheSingleMachineResult() {
        Dataset<Row> prices = prices().repartition(7).cache();
        List<Row> all = prices.collectAsList();
        assertThat(all).hasSizeGreaterThan(17_000);
        SparkRowReader reader = SparkRowReader.of(prices.schema());
        SuiteResult single = suite().compile(reader.schema()).run(all.stream().map(reader::read).toList());
        SuiteResult spark = SparkQuality.run(suite(), prices);

        assertThat(spark.rows()).isEqualTo(single.rows()).isEqualTo(all.size());
        for (int i = 0; i < single.outcomes().size(); i++) {
            RuleOutcome a = single.outcomes().get(i);
            RuleOutcome b = spark.outcomes().get(i);
            assertThat(b.getClass()).as(a.rule()).isEqualTo(a.getClass());
            assertThat(b.metric()).as(a.rule()).isCloseTo(a.metric(), within(1e-9));
            if (a instanceof RuleOutcome.Failed fa) {
                assertThat(((RuleOutcome.Failed) b).failingRows()).as(a.rule()).isEqualTo(fa.failingRows());
                assertThat(((RuleOutcome.Failed) b).topValues()).as(a.rule()).isEqualTo(fa.topValues());
            }
        }
        // the real file has prices in other units of account and repeated observations: not everything passes
        assertThat(single.outcomes()).anyMatch(o -> o instanceof RuleOutcome.Failed);

        SparkQuality.Split split = SparkQuality.split(suite(), prices);
        long valid = split.valid().count();
        long quarantined = split.quarantined().count();
        assertThat(valid + quarantined).isEqualTo(all.size());
        Suite.Compiled compiled = suite().compile(reader.schema());
        long expectedValid = all.stream().map(reader::read).filter(r -> compiled.violations(r).isEmpty()).count();
        assertThat(valid).isEqualTo(expectedValid);
        prices.unpersist();
    }
}
