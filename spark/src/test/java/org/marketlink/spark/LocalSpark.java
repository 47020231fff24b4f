package org.marketlink.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/** One Spark {@code local[2]} session for all tests of this JVM (starting one takes seconds). */
public final class LocalSpark {
    /** The partition counts every equality test runs with. */
    public static final int[] PARTITIONS = {1, 2, 7, 64};

    private static SparkSession session;

    private LocalSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("marketlink-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "2")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    /** {@code rows} in {@code partitions} partitions, in list order (partition 0 holds the first rows). */
    public static Dataset<Row> dataset(List<Row> rows, StructType struct, int partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session().sparkContext());
        return session().createDataFrame(jsc.parallelize(rows, partitions), struct);
    }
}
