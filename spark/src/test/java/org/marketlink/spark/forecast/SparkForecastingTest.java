package org.marketlink.spark.forecast;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.marketlink.core.data.RecordRows;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.pipeline.Checksum;
import org.marketlink.core.timeseries.Frequency;
import org.marketlink.core.timeseries.TimeSeries;
import org.marketlink.forecast.BatchForecaster;
import org.marketlink.forecast.models.AutoForecaster;
import org.marketlink.spark.LocalSpark;
import org.marketlink.spark.data.SparkRowReader;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Forecasting grouped series on Spark gives the single-machine batch forecasts, whatever the partitioning. */
class SparkForecastingTest {
    static final StructType SALES = DataTypes.createStructType(List.of(
            DataTypes.createStructField("product", DataTypes.StringType, true),
            DataTypes.createStructField("day", DataTypes.DateType, true),
            DataTypes.createStructField("units", DataTypes.LongType, true)));
    static final SparkForecasting.Options OPTIONS = SparkForecasting.Options.of("product", "day", "units",
            Frequency.WEEKLY).withHorizon(6).withLevel(90).withGeneratedAt(Instant.parse("2026-11-25T00:00:00Z"));

    /** Daily sales of 30 products over 30..120 days, with missing days, null units and one key that is no UUID. */
    static List<Row> sales(long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int p = 0; p < 31; p++) {
            String key = p == 30 ? "not-a-uuid" : new UUID(seed, p).toString();
            LocalDate start = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(60));
            int days = 30 + random.nextInt(90);
            double level = 1 + random.nextInt(20);
            for (int d = 0; d < days; d++) {
                if (random.nextInt(5) == 0) {
                    continue;
                }
                Long units = random.nextInt(30) == 0 ? null
                        : (long) Math.max(0, Math.round(level + 5 * Math.sin(d / 7.0) + random.nextGaussian() * 2));
                rows.add(RowFactory.create(key, Date.valueOf(start.plusDays(d)), units));
            }
        }
        // observations without a product are reported, not forecast
        rows.add(RowFactory.create(null, Date.valueOf("2025-03-01"), 5L));
        rows.add(RowFactory.create(null, Date.valueOf("2025-03-02"), 7L));
        Collections.shuffle(rows, random);
        return rows;
    }

    /** The single-machine run: aggregate each product's sales into weeks, forecast the batch on a thread pool. */
    static List<String> singleMachine(List<Row> rows) {
        Map<String, List<Row>> byKey = new LinkedHashMap<>();
        rows.stream().filter(r -> !r.isNullAt(0))
                .forEach(r -> byKey.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r));
        List<BatchForecaster.Task> tasks = new ArrayList<>();
        for (var e : byKey.entrySet()) {
            List<Row> events = e.getValue();
            LocalDateTime from = events.stream().map(r -> r.getDate(1).toLocalDate().atStartOfDay())
                    .min(LocalDateTime::compareTo).orElseThrow();
            LocalDateTime to = events.stream().map(r -> r.getDate(1).toLocalDate().atStartOfDay())
                    .max(LocalDateTime::compareTo).orElseThrow();
            tasks.add(new BatchForecaster.Task(e.getKey(), TimeSeries.aggregate(e.getKey(), events,
                    r -> r.getDate(1).toLocalDate().atStartOfDay(), r -> r.isNullAt(2) ? Double.NaN : r.getLong(2),
                    Frequency.WEEKLY, from, to)));
        }
        RecordRows<DemandForecast> records = RecordRows.of(DemandForecast.class);
        List<String> out = new ArrayList<>();
        for (BatchForecaster.Result r : BatchForecaster.of(AutoForecaster.create(),
                new BatchForecaster.Options(2, OPTIONS.horizon(), new double[] {OPTIONS.level()})).runAll(tasks)) {
            if (r.key().equals("not-a-uuid")) {
                continue;
            }
            BatchForecaster.toDemandForecasts(UUID.fromString(r.key()), r.series(), r.forecast().orElseThrow(),
                    OPTIONS.level(), OPTIONS.generatedAt()).forEach(f -> out.add(Checksum.canonical(records.toRow(f))));
        }
        return out.stream().sorted().toList();
    }

    @Test
    void forecast_anyPartitioning_equalsTheSingleMachineBatch() {
        long seed = System.nanoTime();
        List<Row> rows = sales(seed);
        List<String> want = singleMachine(rows);
        assertThat(want).hasSize(30 * 6);
        SparkRowReader reader = SparkRowReader.bind(SparkForecasting.FORECAST_STRUCT,
                SparkForecasting.forecastSchema());
        for (int partitions : LocalSpark.PARTITIONS) {
            Dataset<Row> data = LocalSpark.dataset(rows, SALES, partitions);
            SparkForecasting.Result r = SparkForecasting.forecast(data, AutoForecaster::create, OPTIONS).persist();
            try {
                List<String> got = r.forecasts().collectAsList().stream()
                        .map(x -> Checksum.canonical(reader.read(x))).sorted().toList();
                assertThat(got).as("seed %d, %d partitions", seed, partitions).isEqualTo(want);
                List<Row> failures = r.failures().orderBy("key").collectAsList();
                assertThat(failures).hasSize(2);
                assertThat(failures.get(0).isNullAt(0)).isTrue();
                assertThat(failures.get(0).getString(1)).isEqualTo("2 observations have no value in column 'product'");
                assertThat(failures.get(1).getString(0)).isEqualTo("not-a-uuid");
                assertThat(failures.get(1).getString(1)).contains("column 'product'").contains("UUID");
            } finally {
                r.release();
            }
        }
    }

    @Test
    void forecast_wrongColumns_areNamed() {
        Dataset<Row> data = LocalSpark.dataset(sales(1), SALES, 1);
        assertThatThrownBy(() -> SparkForecasting.forecast(data, AutoForecaster::create,
                SparkForecasting.Options.of("product", "day", "qty", Frequency.WEEKLY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'qty'");
        assertThatThrownBy(() -> SparkForecasting.forecast(data, AutoForecaster::create,
                SparkForecasting.Options.of("product", "product", "units", Frequency.WEEKLY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 'product' is string");
    }
}
