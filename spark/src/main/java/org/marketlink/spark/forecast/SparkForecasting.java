package org.marketlink.spark.forecast;

import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.marketlink.core.Checks;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.RecordRows;
import org.marketlink.core.data.Schema;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.timeseries.Frequency;
import org.marketlink.core.timeseries.TimeSeries;
import org.marketlink.forecast.BatchForecaster;
import org.marketlink.spark.data.SparkRowWriter;
import org.marketlink.spark.data.SparkSchemas;
import org.marketlink.spark.internal.Shipping;

import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * Forecasts every series of a Spark {@link Dataset} of observations: rows are grouped by key ({@code groupByKey}),
 * each group becomes one {@link TimeSeries} (values summed per period from the group's first period to its last,
 * as {@link TimeSeries#aggregate} does on one machine) and is forecast on its executor by
 * {@link BatchForecaster#forecast}; the forecasts come back as {@link DemandForecast} rows.
 *
 * <pre>{@code
 * SparkForecasting.Result r = SparkForecasting.forecast(sales, AutoForecaster::create,
 *         SparkForecasting.Options.of("product_id", "day", "units", Frequency.WEEKLY).withHorizon(8));
 * r.forecasts().write().parquet("forecasts");
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SparkForecasting {
    /** Accessors looked up once per JVM, not once per forecast row (declared first: the structs below read it). */
    private static final RecordRows<DemandForecast> FORECAST_ROWS = RecordRows.of(DemandForecast.class);
    /** The Spark struct of {@link DemandForecast} rows. */
    public static final StructType FORECAST_STRUCT = SparkSchemas.toStructType(forecastSchema());
    /** The Spark struct of series that could not be forecast: key and error. */
    public static final StructType FAILURE_STRUCT = DataTypes.createStructType(List.of(
            DataTypes.createStructField("key", DataTypes.StringType, true),
            DataTypes.createStructField("error", DataTypes.StringType, false)));

    private static final String ERROR = "ml_error";

    private SparkForecasting() {
    }

    /**
     * What to forecast and how.
     *
     * @param keyColumn   string column naming the series; it holds the product id (a UUID)
     * @param timeColumn  date or timestamp column (timestamps are read in UTC); observations without one are not
     *                    part of any series
     * @param valueColumn numeric column; empty and non-finite values count as nothing
     * @param frequency   period of the series
     * @param horizon     periods to forecast
     * @param level       interval level in percent for the bounds
     * @param generatedAt the time stamped on every forecast row
     * @serial exclude
     */
    public record Options(String keyColumn, String timeColumn, String valueColumn, Frequency frequency, int horizon,
                          double level, Instant generatedAt) implements Serializable {
        /** Checks that columns, frequency and time are given, the horizon is at least 1 and the level in (0, 100). */
        public Options {
            Checks.notBlank("keyColumn", keyColumn);
            Checks.notBlank("timeColumn", timeColumn);
            Checks.notBlank("valueColumn", valueColumn);
            Checks.notNull("frequency", frequency);
            Checks.atLeast("horizon", horizon, 1);
            if (!(level > 0 && level < 100)) {
                throw new IllegalArgumentException("level must be in (0, 100), was " + level);
            }
            Checks.notNull("generatedAt", generatedAt);
        }

        /** Eight periods ahead with 95% bounds, stamped now. */
        public static Options of(String keyColumn, String timeColumn, String valueColumn, Frequency frequency) {
            return new Options(keyColumn, timeColumn, valueColumn, frequency, 8, 95, Instant.now());
        }

        /** These options forecasting {@code periods} periods ahead. */
        public Options withHorizon(int periods) {
            return new Options(keyColumn, timeColumn, valueColumn, frequency, periods, level, generatedAt);
        }

        /** These options with bounds at {@code percent} percent. */
        public Options withLevel(double percent) {
            return new Options(keyColumn, timeColumn, valueColumn, frequency, horizon, percent, generatedAt);
        }

        /** These options stamping {@code at} on every forecast row. */
        public Options withGeneratedAt(Instant at) {
            return new Options(keyColumn, timeColumn, valueColumn, frequency, horizon, level, at);
        }
    }

    /**
     * The forecasts of every series, and the series that could not be forecast (a key that is not a UUID, a model
     * failure) with the reason. Both are lazy views of one grouped computation; {@link #persist()} it to read both
     * without forecasting every series twice. Thread-safe.
     */
    public static final class Result {
        private final Dataset<Row> all;
        private final Dataset<Row> forecasts;
        private final Dataset<Row> failures;

        private Result(Dataset<Row> all) {
            this.all = all;
            Column error = functions.col(ERROR);
            this.forecasts = all.filter(error.isNull()).select(columns(FORECAST_STRUCT));
            this.failures = all.filter(error.isNotNull())
                    .select(functions.col(FORECAST_STRUCT.fieldNames()[0]).as("key"), error.as("error"));
        }

        /** {@link DemandForecast} rows ({@link #FORECAST_STRUCT}), {@code horizon} per series. */
        public Dataset<Row> forecasts() {
            return forecasts;
        }

        /**
         * Series that could not be forecast ({@link #FAILURE_STRUCT}); observations without a key are one failure
         * with an empty key that says how many there were.
         */
        public Dataset<Row> failures() {
            return failures;
        }

        /** Keeps the forecasts in memory (and on disk) once computed; returns this. */
        public Result persist() {
            all.persist(StorageLevel.MEMORY_AND_DISK());
            return this;
        }

        /** Frees what {@link #persist()} kept. */
        public void release() {
            all.unpersist();
        }
    }

    /**
     * Forecasts every series of {@code observations}.
     *
     * @throws IllegalArgumentException naming the column when one is missing or has the wrong type, or when the
     *                                  factory cannot be shipped
     */
    public static Result forecast(Dataset<Row> observations, ForecasterFactory method, Options options) {
        Shipping.checkShippable("forecaster factory", method);
        StructType struct = observations.schema();
        int key = column(struct, options.keyColumn(), FieldType.STRING);
        int time = column(struct, options.timeColumn(), FieldType.DATE, FieldType.TIMESTAMP);
        int value = column(struct, options.valueColumn(), FieldType.LONG, FieldType.DOUBLE, FieldType.DECIMAL);
        SparkRowWriter writer = SparkRowWriter.of(observations.sparkSession(),
                forecastSchema(), new StructType());
        // a failure row carries only the key and the error: every forecast column may be empty there
        StructType tagged = SparkSchemas.nullable(FORECAST_STRUCT).add(ERROR, DataTypes.StringType, true);
        int width = FORECAST_STRUCT.size();

        Dataset<Row> all = observations
                .filter(functions.col(options.timeColumn()).isNotNull())
                .groupByKey((MapFunction<Row, String>) r -> r.getString(key), Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (k, rows) -> {
                    List<Row> out = new ArrayList<>();
                    Series series = Series.read(rows, time, value);
                    try {
                        if (k == null) {
                            throw new IllegalArgumentException(series.size + " observations have no value in column '"
                                    + options.keyColumn() + "'");
                        }
                        for (DemandForecast f : forecastOne(k, series.times, series.values, series.size, method,
                                options)) {
                            out.add(RowFactory.create(writer.values(FORECAST_ROWS.toRow(f), 1)));
                        }
                    } catch (RuntimeException e) {
                        Object[] values = new Object[width + 1];
                        values[0] = k;
                        values[width] = e.getMessage() == null ? e.toString() : e.getMessage();
                        out.add(RowFactory.create(values));
                    }
                    return out.iterator();
                }, Encoders.row(tagged));
        return new Result(all);
    }

    /**
     * The forecast rows of one series, as {@link #forecast} makes them on an executor and a single machine makes
     * them from the same observations: the oracle for the distributed run.
     *
     * @param times  observation times (UTC)
     * @param values observation values, parallel to {@code times}
     * @throws IllegalArgumentException when {@code key} is not a UUID or the series cannot be forecast
     */
    public static List<DemandForecast> forecastOne(String key, LocalDateTime[] times, double[] values, int n,
                                                   ForecasterFactory method, Options options) {
        UUID productId;
        try {
            productId = UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key '" + key + "' in column '" + options.keyColumn()
                    + "' is not a product id (UUID)", e);
        }
        if (n == 0) {
            throw new IllegalArgumentException("series '" + key + "' has no observations");
        }
        LocalDateTime first = times[0];
        LocalDateTime last = times[0];
        for (int i = 1; i < n; i++) {
            first = times[i].isBefore(first) ? times[i] : first;
            last = times[i].isAfter(last) ? times[i] : last;
        }
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        TimeSeries series = TimeSeries.aggregate(key, () -> Arrays.stream(index).iterator(), i -> times[i],
                i -> values[i], options.frequency(), first, last);
        BatchForecaster forecaster = BatchForecaster.of(method.create(),
                new BatchForecaster.Options(1, options.horizon(), new double[] {options.level()}));
        BatchForecaster.Result result = forecaster.forecast(new BatchForecaster.Task(key, series));
        if (result.forecast().isEmpty()) {
            throw new IllegalArgumentException(result.error().orElse("no forecast"));
        }
        return BatchForecaster.toDemandForecasts(productId, series, result.forecast().get(), options.level(),
                options.generatedAt());
    }

    private static Column[] columns(StructType struct) {
        return Arrays.stream(struct.fieldNames()).map(functions::col).toArray(Column[]::new);
    }

    private static int column(StructType struct, String name, FieldType... allowed) {
        int i = SparkSchemas.position(struct, name);
        StructField f = struct.fields()[i];
        FieldType t = SparkSchemas.fieldType(name, f.dataType());
        if (!Arrays.asList(allowed).contains(t)) {
            throw new IllegalArgumentException("column '" + name + "' is " + f.dataType().simpleString()
                    + "; it must be one of " + Arrays.toString(allowed));
        }
        return i;
    }

    /** One group's observations in growable primitive arrays. */
    private static final class Series {
        LocalDateTime[] times = new LocalDateTime[64];
        double[] values = new double[64];
        int size;

        static Series read(Iterator<Row> rows, int time, int value) {
            Series s = new Series();
            while (rows.hasNext()) {
                Row r = rows.next();
                if (s.size == s.times.length) {
                    s.times = Arrays.copyOf(s.times, s.size * 2);
                    s.values = Arrays.copyOf(s.values, s.size * 2);
                }
                s.times[s.size] = toDateTime(r.get(time));
                Object v = r.get(value);
                s.values[s.size] = v == null ? Double.NaN : ((Number) v).doubleValue();
                s.size++;
            }
            return s;
        }
    }

    /** A Spark date or timestamp as a UTC date-time. */
    static LocalDateTime toDateTime(Object v) {
        if (v instanceof Date d) {
            return d.toLocalDate().atStartOfDay();
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (v instanceof Timestamp t) {
            return LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC);
        }
        if (v instanceof Instant t) {
            return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        }
        if (v instanceof LocalDateTime t) {
            return t;
        }
        throw new IllegalArgumentException("not a date or timestamp: " + v);
    }

    /** The MarketLink schema of the forecast rows. */
    public static Schema forecastSchema() {
        return FORECAST_ROWS.schema();
    }
}
