package org.marketlink.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.marketlink.spark.data.SparkRowReader;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random order rows with nulls, bad statuses, negative prices and duplicate ids, as Spark rows. */
public final class RandomOrders {
    public static final StructType STRUCT = DataTypes.createStructType(List.of(
            DataTypes.createStructField("id", DataTypes.LongType, false),
            DataTypes.createStructField("status", DataTypes.StringType, true),
            DataTypes.createStructField("price", DataTypes.createDecimalType(10, 2), true),
            DataTypes.createStructField("qty", DataTypes.DoubleType, true),
            DataTypes.createStructField("at", DataTypes.TimestampType, true)));

    private RandomOrders() {
    }

    public static List<Row> rows(long seed, int n) {
        Random random = new Random(seed);
        String[] statuses = {"A", "B", "C", "xy", null};
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create((long) random.nextInt(n), statuses[random.nextInt(statuses.length)],
                    random.nextInt(10) == 0 ? null : BigDecimal.valueOf(random.nextInt(6000) - 100, 2),
                    random.nextInt(20) == 0 ? null : random.nextDouble() * 50,
                    Timestamp.from(Instant.parse("2025-12-01T00:00:00Z").plusSeconds(random.nextInt(3_000_000)))));
        }
        return rows;
    }

    /** The same rows as MarketLink rows, for the single-machine run. */
    public static List<org.marketlink.core.data.Row> local(List<Row> rows) {
        SparkRowReader reader = SparkRowReader.of(STRUCT);
        return rows.stream().map(reader::read).toList();
    }
}
