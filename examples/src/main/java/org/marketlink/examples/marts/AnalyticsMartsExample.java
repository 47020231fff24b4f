package org.marketlink.examples.marts;

import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.features.window.TimeWindowFeatures;
import org.marketlink.core.features.window.WindowOptions;
import org.marketlink.core.features.window.WindowResult;
import org.marketlink.examples.data.Fixtures;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.experiments.Experiments;
import org.marketlink.quality.experiments.MeanComparison;
import org.marketlink.quality.experiments.RateComparison;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.Rules;
import org.marketlink.store.MarketStore;
import org.marketlink.testing.MarketFixtures;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A host building analytics marts in the store's database: staging views over the orders, dimension and fact
 * tables, a demand-forecasting feature mart (28-day rolling mean and deviation, change against the previous day, per
 * product), dbt-style tests on every table (unique, not null, accepted range and values, relationships), and an A/B
 * comparison of two groups of buyers.
 */
public final class AnalyticsMartsExample {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private AnalyticsMartsExample() {
    }

    /** What the example did. */
    public record Result(Map<String, Long> rows, Map<String, SuiteResult> tests, int featureRows,
                         RateComparison conversion, MeanComparison orderValue) {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    public static Result run(PrintStream out) {
        MarketFixtures f = MarketFixtures.generate(11, MarketFixtures.Options.defaults().withSize(40, 300)
                .withDays(120));
        try (MarketStore store = MarketStore.inMemory()) {
            Fixtures.write(f, store);

            // staging → dimensions and facts, in SQL
            store.jdbi().useHandle(h -> {
                h.execute("CREATE VIEW stg_order_lines AS SELECT CAST(o.id AS VARCHAR(36)) AS order_id, ol.line_no, "
                        + "CAST(o.buyer_id AS VARCHAR(36)) AS buyer_id, CAST(ol.product_id AS VARCHAR(36)) AS product_id, "
                        + "CAST(o.ordered_at AS DATE) AS order_day, ol.quantity, ol.unit_price "
                        + "FROM orders o JOIN order_lines ol ON ol.order_id = o.id");
                h.execute("CREATE TABLE dim_product AS SELECT CAST(id AS VARCHAR(36)) AS product_key, name, category, "
                        + "unit FROM products");
                h.execute("CREATE TABLE dim_buyer AS SELECT CAST(id AS VARCHAR(36)) AS buyer_key, type, region "
                        + "FROM buyers");
                h.execute("CREATE TABLE fact_sales AS SELECT order_id, line_no, buyer_id AS buyer_key, "
                        + "product_id AS product_key, order_day, CAST(quantity AS DOUBLE PRECISION) AS units, "
                        + "CAST(quantity * unit_price AS DOUBLE PRECISION) AS revenue FROM stg_order_lines");
                // a late-arriving line whose product never reached the dimension: the relationships test finds it
                h.execute("INSERT INTO fact_sales VALUES ('late-order', 1, (SELECT MIN(buyer_key) FROM dim_buyer), "
                        + "'00000000-0000-0000-0000-000000000000', DATE '2026-11-24', 2, 10)");
            });

            // the demand-forecasting feature mart from daily sales, per product
            List<Object[]> daily = store.jdbi().withHandle(h -> h.createQuery("SELECT CAST(product_id AS VARCHAR(36)), "
                    + "sale_date, CAST(quantity_sold AS DOUBLE PRECISION) FROM pricing_history ORDER BY 1, 2")
                    .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getObject(2, LocalDate.class), rs.getDouble(3)})
                    .list());
            List<String> keys = new ArrayList<>();
            long[] times = new long[daily.size()];
            double[] units = new double[daily.size()];
            for (int i = 0; i < daily.size(); i++) {
                keys.add((String) daily.get(i)[0]);
                times[i] = ((LocalDate) daily.get(i)[1]).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
                units[i] = (double) daily.get(i)[2];
            }
            // 27 days back through the day itself: 28 days
            WindowResult w = new TimeWindowFeatures(new WindowOptions(Duration.ofDays(27), 1, Duration.ofDays(7)))
                    .compute(keys, times, units);
            store.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE mart_demand_features (product_key VARCHAR(36), sale_day DATE, units DOUBLE PRECISION,"
                        + " mean_28d DOUBLE PRECISION, sd_28d DOUBLE PRECISION, change_1d DOUBLE PRECISION, "
                        + "ewm_7d DOUBLE PRECISION)");
                var batch = h.prepareBatch("INSERT INTO mart_demand_features VALUES (:k, :d, :u, :m, :s, :c, :e)");
                for (int i = 0; i < daily.size(); i++) {
                    batch.bind("k", keys.get(i)).bind("d", daily.get(i)[1]).bind("u", units[i])
                            .bind("m", w.mean()[i]).bind("s", nullable(w.stddev()[i]))
                            .bind("c", nullable(w.pctChange()[i])).bind("e", w.ewm()[i]).add();
                }
                batch.execute();
            });

            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : List.of("stg_order_lines", "dim_product", "dim_buyer", "fact_sales",
                    "mart_demand_features")) {
                rows.put(table, store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                        .mapTo(Long.class).one()));
            }
            out.println("tables: " + rows);

            // dbt-style tests
            Set<Object> productKeys = new HashSet<>(store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT product_key FROM dim_product").mapTo(String.class).list()));
            Set<Object> buyerKeys = new HashSet<>(store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT buyer_key FROM dim_buyer").mapTo(String.class).list()));
            Map<String, SuiteResult> tests = new LinkedHashMap<>();
            tests.put("dim_product", test(store, "dim_product", Schema.of(Field.required("product_key",
                            FieldType.STRING), Field.optional("name", FieldType.STRING), Field.optional("category",
                            FieldType.STRING), Field.optional("unit", FieldType.STRING)),
                    Rules.unique("product_key"), Rules.complete("name"),
                    Rules.inSet("unit", Set.of("kg", "piece"))));
            tests.put("fact_sales", test(store, "fact_sales", Schema.of(Field.optional("order_id", FieldType.STRING),
                            Field.optional("line_no", FieldType.LONG), Field.optional("buyer_key", FieldType.STRING),
                            Field.optional("product_key", FieldType.STRING), Field.optional("order_day",
                                    FieldType.DATE), Field.optional("units", FieldType.DOUBLE),
                            Field.optional("revenue", FieldType.DOUBLE)),
                    Rules.complete("order_id"), Rules.complete("product_key"), Rules.unique("order_id", "line_no"),
                    Rules.between("units", 0, 100_000), Rules.nonNegative("revenue"),
                    Rules.references("product_key", productKeys, "dim_product", RuleOptions.strict()),
                    Rules.references("buyer_key", buyerKeys, "dim_buyer", RuleOptions.strict())));
            tests.put("mart_demand_features", test(store, "mart_demand_features", Schema.of(
                            Field.optional("product_key", FieldType.STRING), Field.optional("sale_day", FieldType.DATE),
                            Field.optional("units", FieldType.DOUBLE), Field.optional("mean_28d", FieldType.DOUBLE),
                            Field.optional("sd_28d", FieldType.DOUBLE), Field.optional("change_1d", FieldType.DOUBLE),
                            Field.optional("ewm_7d", FieldType.DOUBLE)),
                    Rules.unique("product_key", "sale_day"), Rules.complete("mean_28d"), Rules.nonNegative("mean_28d"),
                    Rules.references("product_key", productKeys, "dim_product", RuleOptions.strict())));
            tests.forEach((table, result) -> out.printf("tests of %-20s %s%s%n", table, result.status(),
                    result.outcomes().stream().filter(o -> !(o instanceof RuleOutcome.Passed))
                            .map(o -> " | " + o.rule() + ": " + o.message()).reduce("", String::concat)));

            // A/B: buyers split by their key; did they order in the last 30 days, and for how much
            List<Object[]> buyers = store.jdbi().withHandle(h -> h.createQuery("SELECT b.buyer_key, "
                    + "COUNT(f.order_id), COALESCE(SUM(f.revenue), 0) FROM dim_buyer b LEFT JOIN fact_sales f ON "
                    + "f.buyer_key = b.buyer_key AND f.order_day >= :since GROUP BY b.buyer_key")
                    .bind("since", TODAY.minusDays(30)).map((rs, c) -> new Object[] {rs.getString(1), rs.getLong(2),
                            rs.getDouble(3)}).list());
            long[] trials = new long[2];
            long[] conversions = new long[2];
            List<List<Double>> values = List.of(new ArrayList<>(), new ArrayList<>());
            for (Object[] b : buyers) {
                int group = Math.floorMod(((String) b[0]).hashCode(), 2);
                trials[group]++;
                if ((long) b[1] > 0) {
                    conversions[group]++;
                    values.get(group).add((double) b[2] / (long) b[1]);
                }
            }
            RateComparison conversion = Experiments.compareRates(trials[0], conversions[0], trials[1], conversions[1],
                    0.95);
            MeanComparison orderValue = Experiments.compareMeans(values.get(0).stream().mapToDouble(d -> d).toArray(),
                    values.get(1).stream().mapToDouble(d -> d).toArray(), 0.95);
            out.printf("A/B conversion: A %.3f, B %.3f, lift %+.1f%% [%+.1f%%, %+.1f%%], p = %.3f (%s)%n",
                    conversion.controlRate(), conversion.treatmentRate(), 100 * conversion.lift(),
                    100 * conversion.liftLow(), 100 * conversion.liftHigh(), conversion.pValue(),
                    conversion.significant() ? "significant" : "not significant");
            out.printf("A/B value per order line: A %.0f, B %.0f, lift %+.1f%%, Welch p = %.3f; to detect a 5-point "
                            + "rise in conversion from %.2f you need %,d buyers per group%n", orderValue.controlMean(),
                    orderValue.treatmentMean(), 100 * orderValue.lift(), orderValue.pValue(),
                    conversion.controlRate(), Experiments.sampleSizeForRates(conversion.controlRate(), 0.05, 0.05,
                            0.8));
            return new Result(rows, tests, daily.size(), conversion, orderValue);
        }
    }

    private static Object nullable(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static SuiteResult test(MarketStore store, String table, Schema schema,
                                    Rule... rules) {
        List<Row> rows = store.jdbi().withHandle(h -> h.createQuery("SELECT * FROM " + table).map((rs, ctx) -> {
            Object[] v = new Object[schema.size()];
            for (int i = 0; i < v.length; i++) {
                Object o = rs.getObject(i + 1);
                v[i] = switch (schema.field(i).type()) {
                    case LONG -> o == null ? null : ((Number) o).longValue();
                    case DOUBLE -> o == null ? null : ((Number) o).doubleValue();
                    case DATE -> o == null ? null : rs.getObject(i + 1, LocalDate.class);
                    case DECIMAL -> o == null ? null : new BigDecimal(o.toString());
                    default -> o == null ? null : o.toString();
                };
            }
            return Row.of(schema, v);
        }).list());
        return Suite.of(table, rules).compile(schema).run(rows);
    }
}
