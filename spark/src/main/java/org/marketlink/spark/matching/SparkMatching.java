package org.marketlink.spark.matching;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.marketlink.core.data.RecordRows;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.retrieval.MatchRetriever;
import org.marketlink.matching.retrieval.Recommendation;
import org.marketlink.spark.data.SparkRowReader;
import org.marketlink.spark.internal.Shipping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Top-k buyers for every self-help group of a Spark {@link Dataset}: buyers are collected once and broadcast, groups
 * stay partitioned, and each partition ranks its groups against all buyers with a {@link MatchRetriever}, so every
 * list is the one a single-machine retriever over all groups gives (a pair's score depends on the pair alone; ties
 * go to the buyer earlier in the buyers Dataset).
 *
 * <p>Inputs are rows of the domain records' schemas ({@code Schema.of(Shg.class)}, {@code Product}, {@code Buyer}:
 * ids as text, lists and nested values as JSON), as {@link RecordRows} writes them; a group's products are joined
 * to it by {@code shgId}. Group ids must be unique: a repeated group that lands in the same partition as its first
 * row is reported as a failure; one in another partition is ranked twice.
 *
 * <pre>{@code
 * SparkMatching.Result r = SparkMatching.topBuyers(shgs, products, buyers, 10, RetrieverFactory.defaults());
 * r.matches().write().parquet("recommendations");
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SparkMatching {
    /** Matches: group, buyer, score and rank (1 = best). */
    public static final StructType MATCH_STRUCT = DataTypes.createStructType(List.of(
            DataTypes.createStructField("shg_id", DataTypes.StringType, false),
            DataTypes.createStructField("buyer_id", DataTypes.StringType, false),
            DataTypes.createStructField("score", DataTypes.DoubleType, false),
            DataTypes.createStructField("rank", DataTypes.IntegerType, false)));

    private static final String PRODUCTS = "ml_products";

    /**
     * Buyers read from a broadcast, per executor JVM: every partition ranks against all buyers, and reading them
     * (JSON fields included) once per partition instead would cost buyers × partitions record reads. Keyed by a
     * random id per call (broadcast ids start again in a new Spark context of the same JVM); a few are kept.
     */
    private static final Cache<String, List<Buyer>> BUYERS =
            Caffeine.newBuilder().maximumSize(4)
                    .expireAfterAccess(Duration.ofMinutes(10)).build();
    private static final String ERROR = "ml_error";

    private SparkMatching() {
    }

    /**
     * What a ranking made: the matches, and the groups that could not be read (an invalid row) with the reason.
     * Both are lazy views of one computation. Thread-safe.
     */
    public static final class Result {
        private final Dataset<Row> matches;
        private final Dataset<Row> failures;

        private Result(Dataset<Row> all) {
            Column error = functions.col(ERROR);
            this.matches = all.filter(error.isNull()).select(columns(MATCH_STRUCT.fieldNames()));
            this.failures = all.filter(error.isNotNull()).select(functions.col("shg_id"), error.as("error"));
        }

        /** Rows of {@link #MATCH_STRUCT}, at most k per group; a group every buyer is filtered out for has none. */
        public Dataset<Row> matches() {
            return matches;
        }

        /** Groups that could not be ranked: {@code shg_id} and {@code error}. */
        public Dataset<Row> failures() {
            return failures;
        }
    }

    /**
     * Ranks buyers for every group.
     *
     * @throws IllegalArgumentException naming the column when an input lacks a record field or holds it in another
     *                                  type, when a buyer row is invalid (naming the field), when {@code k < 1}, or
     *                                  when the factory cannot be shipped
     */
    public static Result topBuyers(Dataset<Row> shgs, Dataset<Row> products, Dataset<Row> buyers, int k,
                                   RetrieverFactory retrievers) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        Shipping.checkShippable("retriever factory", retrievers);
        SparkRowReader shgReader = SparkRowReader.bind(shgs.schema(), RecordRows.of(Shg.class).schema());
        SparkRowReader productReader = SparkRowReader.bind(products.schema(), RecordRows.of(Product.class).schema());
        SparkRowReader buyerReader = SparkRowReader.bind(buyers.schema(), RecordRows.of(Buyer.class).schema());

        // buyers are read here first, so a bad buyer fails the call before any job, naming the field; executors in
        // this JVM (local mode) then take them from the cache instead of reading them again
        List<Row> buyerRows = buyers.collectAsList();
        String buyersKey = UUID.randomUUID().toString();
        BUYERS.put(buyersKey, readBuyers(buyerRows, buyerReader));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(shgs.sparkSession().sparkContext());
        Broadcast<List<Row>> broadcast = jsc.broadcast(buyerRows);

        Dataset<Row> grouped = products.groupBy(functions.col("shgId"))
                .agg(functions.collect_list(functions.struct(columns(products.columns()))).as(PRODUCTS));
        Dataset<Row> joined = shgs.join(grouped, shgs.col("id").equalTo(grouped.col("shgId")), "left_outer");
        int productsAt = joined.schema().fieldIndex(PRODUCTS);
        int idAt = shgs.schema().fieldIndex("id");
        StructType tagged = DataTypes.createStructType(List.of(
                DataTypes.createStructField("shg_id", DataTypes.StringType, true),
                DataTypes.createStructField("buyer_id", DataTypes.StringType, true),
                DataTypes.createStructField("score", DataTypes.DoubleType, true),
                DataTypes.createStructField("rank", DataTypes.IntegerType, true),
                DataTypes.createStructField(ERROR, DataTypes.StringType, true)));

        Dataset<Row> all = joined.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            RecordRows<Shg> shgRecords = RecordRows.of(Shg.class);
            RecordRows<Product> productRecords = RecordRows.of(Product.class);
            List<Row> out = new ArrayList<>();
            List<ShgProfile> profiles = new ArrayList<>();
            Set<UUID> seen = new HashSet<>();
            while (rows.hasNext()) {
                Row row = rows.next();
                try {
                    Shg shg = shgRecords.fromRow(shgReader.read(row));
                    if (!seen.add(shg.id())) {
                        throw new IllegalArgumentException("group " + shg.id() + " is listed twice");
                    }
                    List<Product> own = new ArrayList<>();
                    if (!row.isNullAt(productsAt)) {
                        for (Row p : row.<Row>getList(productsAt)) {
                            own.add(productRecords.fromRow(productReader.read(p)));
                        }
                    }
                    profiles.add(ShgProfile.of(shg, own));
                } catch (RuntimeException e) {
                    out.add(RowFactory.create(String.valueOf(row.get(idAt)), null, null, null,
                            e.getMessage() == null ? e.toString() : e.getMessage()));
                }
            }
            if (profiles.isEmpty()) {
                return out.iterator();
            }
            List<Buyer> allBuyers = BUYERS.get(buyersKey, id -> readBuyers(broadcast.value(), buyerReader));
            MatchRetriever retriever = retrievers.build(profiles, allBuyers);
            for (ShgProfile p : profiles) {
                // one group at a time on the task's own thread: Spark has given this task one core
                for (Recommendation r : retriever.topBuyers(p.shg().id(), k)) {
                    out.add(RowFactory.create(r.shgId().toString(), r.buyerId().toString(), r.score(), r.rank(),
                            null));
                }
            }
            return out.iterator();
        }, Encoders.row(tagged));
        return new Result(all);
    }

    private static List<Buyer> readBuyers(List<Row> rows, SparkRowReader reader) {
        RecordRows<Buyer> records = RecordRows.of(Buyer.class);
        List<Buyer> buyers = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            try {
                buyers.add(records.fromRow(reader.read(rows.get(i))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("buyer row " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(buyers);
    }


    private static Column[] columns(String[] names) {
        Column[] out = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = functions.col(names[i]);
        }
        return out;
    }
}
