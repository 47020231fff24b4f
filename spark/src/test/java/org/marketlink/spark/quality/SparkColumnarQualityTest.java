package org.marketlink.spark.quality;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.Rules;
import org.marketlink.spark.LocalSpark;
import org.marketlink.spark.RandomOrders;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Parquet Dataset is judged from Spark's own column batches, with the result its rows give: the same outcomes,
 * messages, failing rows, top values and samples, for every partitioning of the files.
 */
class SparkColumnarQualityTest {

    private static Suite suite() {
        List<Rule> rules = new ArrayList<>(SparkQualityTest.suite().rules());
        rules.add(Rules.quantile("qty", 0.5, 0, 50, false));
        rules.add(Rules.distinctCount("id", 1, 100_000, false));
        rules.add(Rules.uniquenessBetween(0, 1, "id"));
        return Suite.of("orders on columns", rules);
    }

    @Test
    void aParquetScan_isReadAsColumns_andGivesWhatItsRowsGive(@TempDir Path dir) {
        List<Row> rows = RandomOrders.rows(17, 20_000);
        for (int partitions : LocalSpark.PARTITIONS) {
            String path = dir.resolve("orders-" + partitions).toString();
            LocalSpark.dataset(rows, RandomOrders.STRUCT, partitions).write().mode(SaveMode.Overwrite).parquet(path);
            Dataset<Row> parquet = LocalSpark.session().read().parquet(path);
            assertThat(SparkQuality.runsOnColumns(parquet)).as(partitions + " partitions").isTrue();

            SuiteResult columns = SparkQuality.run(suite(), parquet);
            SuiteResult byRows = SparkQuality.runByRows(suite(), parquet);
            assertThat(columns.rows()).isEqualTo(rows.size());
            assertThat(columns.outcomes()).as(partitions + " partitions").containsExactlyElementsOf(byRows.outcomes());
            assertThat(columns.rowsFailingAny()).isEqualTo(byRows.rowsFailingAny()).isPositive();
            assertThat(columns.outcomes()).anyMatch(o -> o instanceof RuleOutcome.Failed);
        }
    }

    @Test
    void otherPlans_areReadAsRows() {
        Dataset<Row> made = LocalSpark.dataset(RandomOrders.rows(3, 100), RandomOrders.STRUCT, 2);
        assertThat(SparkQuality.runsOnColumns(made)).isFalse();
        assertThat(SparkQuality.run(suite(), made).outcomes()).isEqualTo(SparkQuality.runByRows(suite(), made)
                .outcomes());
    }

    @Test
    void aFilteredScan_isReadAsRows_soOnlyItsRowsAreJudged(@TempDir Path dir) {
        String path = dir.resolve("orders").toString();
        LocalSpark.dataset(RandomOrders.rows(4, 2_000), RandomOrders.STRUCT, 3).write().parquet(path);
        Dataset<Row> some = LocalSpark.session().read().parquet(path).filter("qty > 10");
        assertThat(SparkQuality.runsOnColumns(some)).isFalse();
        assertThat(SparkQuality.run(suite(), some).rows()).isEqualTo(some.count());
    }
}
