package org.marketlink.spark.quality;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.marketlink.core.data.RowView;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Violation;
import org.marketlink.core.privacy.Masking;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.drift.DriftRules;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.Rules;
import org.marketlink.spark.LocalSpark;
import org.marketlink.spark.RandomOrders;
import org.marketlink.spark.data.SparkRowReader;
import org.marketlink.spark.data.SparkSchemas;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** A suite over a Spark Dataset gives what it gives over the same rows on one machine, for any partitioning. */
class SparkQualityTest {
    static Suite suite() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC);
        return Suite.of("orders", List.of(Rules.complete("status"), Rules.between("qty", 0, 45),
                Rules.nonNegative("price"), Rules.inSet("status", Set.of("A", "B", "C")),
                Rules.matches("status", "[A-C]"),
                Rules.satisfies("qtyBelowPrice", "qty",
                        (Predicate<RowView> & Serializable) r -> r.isNull(3) || r.isNull(2)
                                || r.getDouble(3) <= r.getDecimal(2).doubleValue(), "is above the price",
                        RuleOptions.mostly(0.2)),
                Rules.unique("id"), Rules.unique("id", "status"), Rules.primaryKey("id"), Rules.rowCount(1, 1_000_000),
                Rules.meanBetween("qty", 0, 30), Rules.stddevBetween("qty", 0, 20),
                Rules.distinctCount("status", 1, 10, false), Rules.distinctCount("id", 1, 100_000, true),
                Rules.quantile("qty", 0.9, 0, 40, true), Rules.length("status", 1, 1, RuleOptions.strict()),
                Rules.freshness("at", Duration.ofDays(30), clock),
                DriftRules.ksDrift("qty", new double[] {1, 5, 10, 20, 30, 40}, 0.3),
                DriftRules.psiDrift("status", Map.of("A", 0.4, "B", 0.3, "C", 0.3), 0.2)));
    }

    @Test
    void run_anyPartitioning_equalsTheSingleMachineResult() {
        long seed = System.nanoTime();
        List<Row> rows = RandomOrders.rows(seed, 3000);
        Schema schema = SparkRowReader.of(RandomOrders.STRUCT).schema();
        SuiteResult single = suite().compile(schema).run(RandomOrders.local(rows));
        assertThat(single.outcomes()).anyMatch(o -> o instanceof RuleOutcome.Failed);
        for (int partitions : LocalSpark.PARTITIONS) {
            SuiteResult spark = SparkQuality.run(suite(), LocalSpark.dataset(rows, RandomOrders.STRUCT, partitions));
            assertThat(spark.rows()).isEqualTo(single.rows());
            for (int k = 0; k < single.outcomes().size(); k++) {
                RuleOutcome a = single.outcomes().get(k);
                RuleOutcome b = spark.outcomes().get(k);
                String why = "seed " + seed + ", " + partitions + " partitions, rule " + a.rule();
                assertThat(b.getClass()).as(why).isEqualTo(a.getClass());
                // means and deviations are summed in another order: equal up to rounding; the rest exactly
                assertThat(b.metric()).as(why).isCloseTo(a.metric(), within(1e-9));
                if (a instanceof RuleOutcome.Failed fa && b instanceof RuleOutcome.Failed fb) {
                    assertThat(fb.failingRows()).as(why).isEqualTo(fa.failingRows());
                    assertThat(fb.topValues()).as(why).isEqualTo(fa.topValues());
                    assertThat(fb.samples()).as(why).isEqualTo(fa.samples());
                    assertThat(fb.severity()).as(why).isEqualTo(fa.severity());
                }
            }
        }
    }

    @Test
    void personalColumn_markedInTheDatasetSchema_isMaskedOnEveryExecutor_withNoRegistration() {
        List<Row> rows = RandomOrders.rows(5, 600);
        StructType marked = SparkSchemas.withPersonal(RandomOrders.STRUCT, "status");
        Suite suite = Suite.of("pii", List.of(Rules.inSet("status", Set.of("A")), Rules.unique("status")));
        for (int partitions : LocalSpark.PARTITIONS) {
            // unmarked, the offending values are shown; marked, the same suite shows only the mask
            SuiteResult plain = SparkQuality.run(suite, LocalSpark.dataset(rows, RandomOrders.STRUCT, partitions));
            assertThat(((RuleOutcome.Failed) plain.outcomes().get(0)).topValues())
                    .extracting(RuleOutcome.ValueCount::value).contains("B", "xy");
            SuiteResult masked = SparkQuality.run(suite, LocalSpark.dataset(rows, marked, partitions));
            for (RuleOutcome o : masked.outcomes()) {
                RuleOutcome.Failed f = (RuleOutcome.Failed) o;
                String why = partitions + " partitions, " + f.rule();
                assertThat(f.failingRows()).as(why).isPositive();
                assertThat(f.topValues()).as(why).isNotEmpty()
                        .allSatisfy(v -> assertThat(v.value()).isEqualTo(Masking.MASK));
                assertThat(String.join(" ", f.samples()) + f.message()).as(why)
                        .doesNotContain("xy").doesNotContain("'B'").doesNotContain("=B");
            }
        }
    }

    @Test
    void split_everyRowOnce_withTheSingleMachineViolations() {
        long seed = System.nanoTime();
        List<Row> rows = RandomOrders.rows(seed, 2000);
        Schema schema = SparkRowReader.of(RandomOrders.STRUCT).schema();
        Suite.Compiled compiled = suite().compile(schema);
        List<org.marketlink.core.data.Row> local = RandomOrders.local(rows);
        long expectedValid = local.stream().filter(r -> compiled.violations(r).isEmpty()).count();
        assertThat(expectedValid).isBetween(1L, 1999L);
        for (int partitions : LocalSpark.PARTITIONS) {
            Dataset<Row> data = LocalSpark.dataset(rows, RandomOrders.STRUCT, partitions);
            List<Row> outcomes = SparkQuality.rowOutcomes(suite(), data).collectAsList();
            assertThat(outcomes).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                List<Violation> want = compiled.violations(local.get(i));
                Row got = outcomes.get(i);
                assertThat(got.getLong(0)).isEqualTo(rows.get(i).getLong(0));
                assertThat(got.getBoolean(5)).as("seed %d row %d", seed, i).isEqualTo(want.isEmpty());
                List<Row> violations = got.getList(6);
                assertThat(violations.stream().map(v -> new Violation(v.getString(0), v.getString(1),
                        v.getString(2))).toList()).as("seed %d row %d", seed, i).isEqualTo(want);
            }
            SparkQuality.Split split = SparkQuality.split(suite(), data);
            List<Row> valid = split.valid().collectAsList();
            List<Row> quarantined = split.quarantined().collectAsList();
            assertThat(valid).hasSize((int) expectedValid);
            assertThat(valid.size() + quarantined.size()).isEqualTo(rows.size());
            assertThat(split.valid().columns()).containsExactly(data.columns());
            assertThat(quarantined).allSatisfy(r -> assertThat(r.getString(5)).isNotBlank());
        }
    }

    @Test
    void run_ruleOnAMissingColumn_namesRuleAndColumn() {
        Dataset<Row> data = LocalSpark.dataset(RandomOrders.rows(1, 10), RandomOrders.STRUCT, 1);
        // a missing column is the rule's errored outcome, as on one machine; the other rules still run
        SuiteResult r = SparkQuality.run(Suite.of("s", Rules.complete("weight"), Rules.rowCount(1, 100)), data);
        assertThat(r.outcome("complete(weight)")).isInstanceOf(RuleOutcome.Errored.class);
        assertThat(r.outcome("complete(weight)").message()).isEqualTo("the data has no column 'weight'");
        assertThat(r.outcome("rowCount")).isInstanceOf(RuleOutcome.Passed.class);
    }

    @Test
    void run_plainLambda_saysItCannotBeShipped() {
        Dataset<Row> data = LocalSpark.dataset(RandomOrders.rows(1, 10), RandomOrders.STRUCT, 1);
        Suite plain = Suite.of("plain", Rules.satisfies("p", "qty", r -> true, "never", RuleOptions.strict()));
        assertThatThrownBy(() -> SparkQuality.run(plain, data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("suite 'plain' cannot be shipped to Spark executors")
                .hasMessageContaining("Serializable");
    }
}
