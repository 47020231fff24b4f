package org.marketlink.spark.cluster;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.Rules;
import org.marketlink.spark.LocalSpark;
import org.marketlink.spark.RandomOrders;
import org.marketlink.spark.data.SparkRowReader;
import org.marketlink.spark.quality.SparkQuality;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The packaged Spark artifact on a cluster that brings its own DataSketches: run by Failsafe against the shaded jar,
 * with MarketLink's DataSketches and {@code marketlink-quality} taken off the class path and the cluster line's
 * DataSketches ({@code datasketches.cluster.version}: 3.3.0 for Spark 3.5) ahead of every other class, as a
 * cluster's jars come before the application's. Before the artifact
 * carried its own relocated copy, the sketch rules failed here with {@code NoClassDefFoundError:
 * org/apache/datasketches/quantilescommon/QuantileSearchCriteria}.
 */
class ClusterDataSketchesIT {

    private static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void classPath_isTheClustersOne() throws Exception {
        String clusterVersion = System.getProperty("datasketches.cluster.version");
        assertThat(clusterVersion).as("set by the failsafe configuration").isNotBlank();
        // the unrelocated DataSketches is the cluster's, ahead of everything (the boot class path)
        Class<?> sketch = Class.forName("org.apache.datasketches.kll.KllDoublesSketch");
        assertThat(sketch.getClassLoader()).isNull();
        if (clusterVersion.startsWith("3.")) {
            // 3.x has no quantilescommon package; the 6.x one MarketLink needs is visible only where relocated
            assertThatThrownBy(() -> Class.forName("org.apache.datasketches.quantilescommon.QuantileSearchCriteria"))
                    .isInstanceOf(ClassNotFoundException.class);
        }
        // the quality engine comes from the Spark artifact, with its sketches relocated beside it
        Path quality = jarOf(Suite.class);
        assertThat(quality.getFileName().toString()).startsWith("marketlink-spark").endsWith(".jar");
        assertThat(jarOf(Class.forName("org.marketlink.spark.shaded.datasketches.kll.KllDoublesSketch")))
                .isEqualTo(quality);
    }

    @Test
    void sketchRules_onTheClustersClassPath_runAndAgreeWithExactCounts() {
        List<Row> rows = RandomOrders.rows(42, 20_000);
        Suite suite = Suite.of("sketches", List.of(
                Rules.quantile("qty", 0.5, 0, 50, false), Rules.quantile("qty", 0.5, 0, 50, true),
                Rules.distinctCount("id", 1, 100_000, false), Rules.distinctCount("id", 1, 100_000, true)));
        Schema schema = SparkRowReader.of(RandomOrders.STRUCT).schema();
        SuiteResult single = suite.compile(schema).run(RandomOrders.local(rows));
        for (int partitions : new int[] {1, 7}) {
            SuiteResult spark = SparkQuality.run(suite, LocalSpark.dataset(rows, RandomOrders.STRUCT, partitions));
            List<RuleOutcome> o = spark.outcomes();
            assertThat(o).allMatch(outcome -> outcome instanceof RuleOutcome.Passed);
            // a sketch's estimate is within its stated error of the exact figure, on one machine and on Spark
            assertThat(o.get(0).metric()).isCloseTo(o.get(1).metric(), within(0.05 * o.get(1).metric()));
            assertThat(o.get(2).metric()).isCloseTo(o.get(3).metric(), within(0.05 * o.get(3).metric()));
            assertThat(o.get(1).metric()).isEqualTo(single.outcomes().get(1).metric());
            assertThat(o.get(3).metric()).isEqualTo(single.outcomes().get(3).metric());
        }
    }
}
