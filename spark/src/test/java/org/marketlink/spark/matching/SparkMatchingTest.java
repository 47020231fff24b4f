package org.marketlink.spark.matching;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.marketlink.core.data.RecordRows;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.retrieval.MatchRetriever;
import org.marketlink.matching.retrieval.Recommendation;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.WeightedScorer;
import org.marketlink.spark.LocalSpark;
import org.marketlink.spark.data.SparkRowWriter;
import org.marketlink.testing.SyntheticMarket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Top-k buyers per group on Spark, buyers broadcast and groups partitioned, equal the single-machine lists. */
class SparkMatchingTest {

    static <T extends Record> Dataset<Row> dataset(Class<T> type, List<T> records, int partitions) {
        RecordRows<T> rows = RecordRows.of(type);
        SparkRowWriter writer = SparkRowWriter.of(LocalSpark.session(), rows.schema(), new StructType());
        List<Row> spark = records.stream().map(r -> writer.write(rows.toRow(r))).toList();
        return LocalSpark.dataset(spark, writer.struct(), partitions);
    }

    static Map<String, List<String>> lists(List<Row> matches) {
        Map<String, List<String>> out = new TreeMap<>();
        matches.stream().sorted((a, b) -> Integer.compare(a.getInt(3), b.getInt(3))).forEach(m -> out
                .computeIfAbsent(m.getString(0), k -> new ArrayList<>()).add(m.getString(1) + "@" + m.getDouble(2)));
        return out;
    }

    @Test
    void topBuyers_anyPartitioning_equalsTheSingleMachineLists() {
        long seed = System.nanoTime();
        List<ShgProfile> profiles = SyntheticMarket.shgs(300, seed, ShgProfile::of);
        List<Buyer> buyers = SyntheticMarket.buyers(400, seed + 1);
        MatchRetriever single = MatchRetriever.build(profiles, buyers, PairFeatures.Options.defaults(),
                WeightedScorer.defaults(), HardFilters.defaults());
        List<Row> want = new ArrayList<>();
        for (ShgProfile p : profiles) {
            for (Recommendation r : single.topBuyers(p.shg().id(), 10)) {
                want.add(RowFactory.create(r.shgId().toString(), r.buyerId().toString(), r.score(), r.rank()));
            }
        }
        Map<String, List<String>> expected = lists(want);
        assertThat(want.size()).isGreaterThan(300);

        List<Shg> shgs = profiles.stream().map(ShgProfile::shg).toList();
        List<Product> products = profiles.stream().flatMap(p -> p.products().stream()).toList();
        Dataset<Row> buyerRows = dataset(Buyer.class, buyers, 3);
        for (int partitions : LocalSpark.PARTITIONS) {
            SparkMatching.Result r = SparkMatching.topBuyers(dataset(Shg.class, shgs, partitions),
                    dataset(Product.class, products, partitions), buyerRows, 10, RetrieverFactory.defaults());
            assertThat(lists(r.matches().collectAsList())).as("seed %d, %d partitions", seed, partitions)
                    .isEqualTo(expected);
            assertThat(r.failures().count()).isZero();
        }
    }

    @Test
    void topBuyers_anInvalidGroupRow_isReportedAndTheOthersRanked() {
        List<ShgProfile> profiles = SyntheticMarket.shgs(20, 5, ShgProfile::of);
        List<Shg> shgs = profiles.stream().map(ShgProfile::shg).toList();
        Dataset<Row> shgRows = dataset(Shg.class, shgs, 2);
        int members = shgRows.schema().fieldIndex("memberCount");
        List<Row> rows = new ArrayList<>(shgRows.collectAsList());
        Object[] bad = new Object[rows.get(0).size()];
        for (int i = 0; i < bad.length; i++) {
            bad[i] = rows.get(0).get(i);
        }
        bad[members] = -3L;
        rows.set(0, RowFactory.create(bad));
        SparkMatching.Result r = SparkMatching.topBuyers(LocalSpark.dataset(rows, shgRows.schema(), 2),
                dataset(Product.class, profiles.stream().flatMap(p -> p.products().stream()).toList(), 2),
                dataset(Buyer.class, SyntheticMarket.buyers(50, 6), 1), 5, RetrieverFactory.defaults());
        List<Row> failures = r.failures().collectAsList();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).getString(0)).isEqualTo(shgs.get(0).id().toString());
        assertThat(failures.get(0).getString(1)).contains("memberCount").contains("-3");
        assertThat(r.matches().select("shg_id").distinct().count()).isBetween(1L, 19L);
    }

    @Test
    void topBuyers_aGroupListedTwiceInAPartition_isReportedOnce() {
        List<ShgProfile> profiles = SyntheticMarket.shgs(10, 8, ShgProfile::of);
        List<Shg> shgs = new ArrayList<>(profiles.stream().map(ShgProfile::shg).toList());
        shgs.add(shgs.get(3));
        SparkMatching.Result r = SparkMatching.topBuyers(dataset(Shg.class, shgs, 1),
                dataset(Product.class, profiles.stream().flatMap(p -> p.products().stream()).toList(), 1),
                dataset(Buyer.class, SyntheticMarket.buyers(30, 9), 1), 3, RetrieverFactory.defaults());
        List<Row> failures = r.failures().collectAsList();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).getString(1)).contains("listed twice");
        assertThat(r.matches().filter(org.apache.spark.sql.functions.col("shg_id").equalTo(shgs.get(3).id()
                .toString())).count()).isBetween(0L, 3L);
    }

    @Test
    void topBuyers_anInvalidBuyerRow_failsTheCallNamingRowAndField() {
        List<ShgProfile> profiles = SyntheticMarket.shgs(5, 5, ShgProfile::of);
        Dataset<Row> good = dataset(Buyer.class, SyntheticMarket.buyers(5, 6), 1);
        List<Row> rows = new ArrayList<>(good.collectAsList());
        Object[] bad = new Object[rows.get(2).size()];
        for (int i = 0; i < bad.length; i++) {
            bad[i] = rows.get(2).get(i);
        }
        bad[good.schema().fieldIndex("id")] = "not-a-uuid";
        rows.set(2, RowFactory.create(bad));
        Dataset<Row> buyers = LocalSpark.dataset(rows, good.schema(), 1);
        assertThatThrownBy(() -> SparkMatching.topBuyers(
                dataset(Shg.class, profiles.stream().map(ShgProfile::shg).toList(), 1),
                dataset(Product.class, profiles.stream().flatMap(p -> p.products().stream()).toList(), 1),
                buyers, 5, RetrieverFactory.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("buyer row 3")
                .hasMessageContaining("Buyer field 'id'").hasMessageContaining("not-a-uuid");
    }

    @Test
    void topBuyers_buyersWithoutAColumn_nameIt() {
        List<ShgProfile> profiles = SyntheticMarket.shgs(5, 5, ShgProfile::of);
        Dataset<Row> buyers = dataset(Buyer.class, SyntheticMarket.buyers(5, 6), 1).drop("priceRange");
        assertThatThrownBy(() -> SparkMatching.topBuyers(
                dataset(Shg.class, profiles.stream().map(ShgProfile::shg).toList(), 1),
                dataset(Product.class, profiles.stream().flatMap(p -> p.products().stream()).toList(), 1),
                buyers, 5, RetrieverFactory.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'priceRange'");
    }
}
