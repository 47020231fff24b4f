package org.marketlink.examples.readme;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.timeseries.Frequency;
import org.marketlink.core.timeseries.TimeSeries;
import org.marketlink.forecast.BatchForecaster;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecasters;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.evaluation.LjungBox;
import org.marketlink.matching.evaluation.RankingBacktest;
import org.marketlink.matching.features.CollaborativeFeatures;
import org.marketlink.matching.features.InteractionWindow;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.retrieval.MatchRetriever;
import org.marketlink.matching.retrieval.Recommendation;
import org.marketlink.matching.retrieval.TopKTable;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.WeightedScorer;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.drift.ReferenceProfile;
import org.marketlink.quality.imports.SodaChecksFile;
import org.marketlink.quality.sql.Placement;
import org.marketlink.store.MarketStore;
import org.marketlink.store.StoreOptions;
import org.marketlink.store.crypto.FileKeyProvider;
import org.marketlink.store.features.EntityTime;
import org.marketlink.store.features.FeatureMatrix;
import org.marketlink.testing.DriverDataSource;
import org.marketlink.testing.MarketFixtures;
import org.marketlink.testing.SyntheticMarket;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's Quick start snippets are the code of {@link QuickStart}, and that code runs. */
class ReadmeSnippetsTest {
    static final Path README = Path.of("..", "README.md");
    static final Path SOURCE = Path.of("src", "main", "java", "org", "marketlink", "examples", "readme",
            "QuickStart.java");

    /** Each {@code tag::name[]} region of the source, without its common indentation. */
    static Map<String, String> regions(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        List<String> body = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("// tag::")) {
                name = t.substring("// tag::".length(), t.length() - 2);
                body.clear();
            } else if (t.startsWith("// end::")) {
                int indent = body.stream().filter(l -> !l.isBlank())
                        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
                out.put(name, body.stream().map(l -> l.isBlank() ? "" : l.substring(indent))
                        .collect(Collectors.joining("\n")));
                name = null;
            } else if (name != null) {
                body.add(line.stripTrailing());
            }
        }
        return out;
    }

    /** The README's fenced Java blocks. */
    static List<String> javaBlocks(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder block = null;
        for (String line : lines) {
            if (block == null && line.strip().equals("```java")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("```")) {
                out.add(block.toString().stripTrailing());
                block = null;
            } else if (block != null) {
                block.append(line.stripTrailing()).append('\n');
            }
        }
        return out;
    }

    @Test
    void everyTaggedSnippetIsQuotedInTheReadmeWordForWord() throws Exception {
        Map<String, String> snippets = regions(Files.readAllLines(SOURCE));
        assertThat(snippets).containsOnlyKeys("forecasting", "storage", "matching", "learned-matching", "features",
                "host-database", "suite-imports", "pushdown", "diagnostics", "references",
                "calibration", "collaborative");
        List<String> blocks = javaBlocks(Files.readAllLines(README));
        snippets.forEach((name, code) -> assertThat(blocks).as("the README quotes the %s snippet of %s as it is",
                name, SOURCE).anyMatch(block -> block.contains(code)));
    }

    @Test
    void forecastingRuns() {
        double[] demand = new double[48];
        for (int t = 0; t < demand.length; t++) {
            demand[t] = 100 + t + 20 * Math.sin(2 * Math.PI * t / 12);
        }
        Forecast f = QuickStart.forecasting(demand);
        assertThat(f.mean()).hasSize(6);
        assertThat(Arrays.stream(f.mean()).allMatch(v -> v > 100 && v < 200)).isTrue();
        assertThat(f.interval(95)).isPresent();
    }

    @Test
    void diagnosticsRun() {
        double[] demand = new double[60];
        Random random = new Random(8);
        for (int t = 0; t < demand.length; t++) {
            demand[t] = (100 + 2 * t) * (1 + 0.2 * Math.sin(2 * Math.PI * t / 12)) * Math.exp(0.05
                    * random.nextGaussian());
        }
        LjungBox.Result check = QuickStart.diagnostics(demand);
        // 2m = 24 lags, at most a fifth of 60 observations (12), at least the model's parameters plus 3
        assertThat(check.lags()).isGreaterThanOrEqualTo(12);
        assertThat(check.lags() - check.degreesOfFreedom()).as("the parameters discounted").isPositive();
        assertThat(check.pValue()).isBetween(0.0, 1.0);
        assertThat(check.statistic()).isPositive();
    }

    @Test
    void storageRunsTwiceOnOneDirectoryAndReadsWhatItSealed(@TempDir Path dir) throws Exception {
        Instant now = Instant.parse("2026-11-25T06:00:00Z");
        QuickStart.storage(dir, now);
        QuickStart.storage(dir, now.plusSeconds(86_400)); // a restart: same key file, same group
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("marketlink.keys"))))
                .isEqualTo("rw-------");
        try (MarketStore store = MarketStore.embedded(dir, StoreOptions.defaults()
                .withKeyProvider(FileKeyProvider.open(dir.resolve("marketlink.keys"))))) {
            List<Shg> all = store.shgs().findAll();
            assertThat(all).hasSize(1);
            assertThat(all.get(0).bankDetails().orElseThrow().accountNumber()).isEqualTo("0123456789");
        }
    }

    @Test
    void matchingRuns() {
        List<ShgProfile> groups = SyntheticMarket.shgs(60, 1, ShgProfile::of);
        List<Buyer> buyers = SyntheticMarket.buyers(300, 2);
        List<Recommendation> best = QuickStart.matching(groups, buyers, groups.get(0).shg().id());
        assertThat(best).isNotEmpty().hasSizeLessThanOrEqualTo(10);
        for (int i = 1; i < best.size(); i++) {
            assertThat(best.get(i).score()).isLessThanOrEqualTo(best.get(i - 1).score());
        }
    }

    @Test
    void learnedMatchingRuns() {
        MarketFixtures f = MarketFixtures.generate(4, MarketFixtures.Options.defaults().withSize(40, 80)
                .withMatchesPerGroup(20));
        Map<UUID, List<Product>> products = f.products().stream().collect(Collectors.groupingBy(Product::shgId));
        List<ShgProfile> groups = f.shgs().stream()
                .map(s -> ShgProfile.of(s, products.getOrDefault(s.id(), List.of()))).toList();
        Map<UUID, String> category = new HashMap<>();
        f.shgs().forEach(s -> category.put(s.id(), s.category()));
        MatchRetriever retriever = MatchRetriever.build(groups, f.buyers(), PairFeatures.Options.defaults(),
                WeightedScorer.defaults(), HardFilters.none());
        int today = (int) LocalDate.of(2026, 11, 25).toEpochDay();
        TopKTable ranked = QuickStart.learnedMatching(retriever, f.matchHistory(), groups, f.buyers(), category::get,
                today - 120, today);
        assertThat(ranked.queries()).isEqualTo(groups.size());
        for (int s = 0; s < groups.size(); s++) {
            assertThat(ranked.count(s)).isEqualTo(10);
        }
    }

    @Test
    void collaborativeRuns() {
        // 60 buyers, 12 items over 60 days: buyer b buys item b % 12 every 5 days, and sometimes the next item
        int buyers = 60;
        int items = 12;
        Random r = new Random(4);
        List<int[]> events = new ArrayList<>();
        for (int b = 0; b < buyers; b++) {
            for (int d = b % 5; d < 60; d += 5) {
                events.add(new int[] {b, b % items, d});
                if (r.nextInt(4) == 0) {
                    events.add(new int[] {b, (b + 1) % items, d});
                }
            }
        }
        Collections.shuffle(events, r);
        int[] buyer = events.stream().mapToInt(e -> e[0]).toArray();
        int[] item = events.stream().mapToInt(e -> e[1]).toArray();
        int[] day = events.stream().mapToInt(e -> e[2]).toArray();
        // a ranker that knows who bought the item before, and one that ranks by buyer index
        RankingBacktest.RankerFactory repeat = (history, cut) -> {
            InteractionWindow w = history.window(cut.fromDay(), cut.cutDay());
            return (it, candidates, out) -> {
                int[] before = w.buyersOf(it);
                for (int c = 0; c < candidates.length; c++) {
                    out[c] = Arrays.binarySearch(before, candidates[c]) >= 0 ? 1 : 0;
                }
            };
        };
        RankingBacktest.RankerFactory byIndex = (history, cut) -> (it, candidates, out) -> {
            for (int c = 0; c < candidates.length; c++) {
                out[c] = -candidates[c];
            }
        };
        Map<String, RankingBacktest.RankerFactory> rankers = new LinkedHashMap<>();
        rankers.put("by-index", byIndex);
        rankers.put("repeat", repeat);
        Map.Entry<RankingBacktest.Selection, CollaborativeFeatures> out = QuickStart.collaborative(buyers, items,
                buyer, item, day, 0, 39, rankers, new RankingBacktest.Cut(0, 29, 10),
                new RankingBacktest.Cut(0, 44, 10));
        assertThat(out.getKey().chosen()).isEqualTo("repeat");
        assertThat(out.getKey().reported().ndcg()).isGreaterThan(out.getKey().onSelection().get("by-index").ndcg());
        assertThat(out.getValue().names()).containsSequence(CollaborativeFeatures.BASE_NAMES)
                .anyMatch(n -> n.startsWith("factor"));
    }

    @Test
    void featuresRun() {
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        List<QuickStart.Price> rows = List.of(new QuickStart.Price("p1", t0.plusSeconds(86_400 * 3), 12),
                new QuickStart.Price("p1", t0, 10), new QuickStart.Price("p2", t0.plusSeconds(86_400), 7));
        List<EntityTime> requests = List.of(new EntityTime("p1", t0.plusSeconds(86_400)),
                new EntityTime("p1", t0.plusSeconds(86_400 * 5)), new EntityTime("p2", t0));
        try (MarketStore store = MarketStore.inMemory()) {
            FeatureMatrix m = QuickStart.features(store, rows, requests, "readme-features");
            assertThat(m.values()).hasNumberOfRows(3);
            assertThat(m.get(0, 0)).as("the price known a day in").isEqualTo(10);
            assertThat(m.get(1, 0)).as("the later price once it was known").isEqualTo(12);
            assertThat(m.get(2, 0)).as("nothing was known yet").isNaN();
        }
    }

    /** An H2 database of the host's, as the host's pool would hand it over (no pool: a connection per call). */
    static DataSource hostDatabase(String name) throws SQLException {
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            // the host's own tables, named as ours are, and its own Flyway history
            st.execute("CREATE TABLE orders (order_id BIGINT, customer_id BIGINT, status VARCHAR(20), amount DOUBLE, "
                    + "email VARCHAR(80), created_at TIMESTAMP)");
            st.execute("CREATE TABLE products (id BIGINT PRIMARY KEY, name VARCHAR(80))");
            st.execute("CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT PRIMARY KEY)");
            for (int i = 0; i < 20; i++) {
                st.execute("INSERT INTO orders VALUES (" + (i >= 18 ? "NULL" : String.valueOf(100 + i)) + ", " + i % 5
                        + ", '" + (i == 7 ? "lost" : STATUSES[i % 4]) + "', " + (i == 5 ? -5.0 : 10.0 * i) + ", "
                        + (i >= 1 && i <= 3 ? "NULL" : i == 4 ? "'not-an-email'" : "'u" + i + "@example.org'")
                        + ", DATEADD('HOUR', -" + (i + 1) + ", CURRENT_TIMESTAMP))");
            }
        }
        return new DriverDataSource(url);
    }

    static final String[] STATUSES = {"placed", "shipped", "completed", "returned"};
    static final Schema ORDERS = Schema.of(Field.optional("order_id", FieldType.LONG),
            Field.optional("customer_id", FieldType.LONG), Field.optional("status", FieldType.STRING),
            Field.optional("amount", FieldType.DOUBLE), Field.optional("email", FieldType.STRING),
            Field.optional("created_at", FieldType.TIMESTAMP));

    static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void hostDatabaseOpensBesideTheHostsTablesAndLeavesThemAlone() throws Exception {
        DataSource host = hostDatabase("readme-host-db");
        assertThat(QuickStart.hostDatabase(host, "marketlink")).isZero();
        assertThat(QuickStart.hostDatabase(host, "ml")).as("a second store in another schema").isZero();
        assertThat(count(host, "SELECT COUNT(*) FROM PUBLIC.orders")).isEqualTo(20);
        assertThat(count(host, "SELECT COUNT(*) FROM PUBLIC.\"flyway_schema_history\"")).isZero();
        assertThat(count(host, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'marketlink' "
                + "AND TABLE_NAME = 'marketlink_schema_history'")).isEqualTo(1);
    }

    @Test
    void suiteImportsReadEachToolsFileAndRunTheSodaSuite(@TempDir Path project) throws Exception {
        Path resources = Path.of("..", "quality", "src", "test", "resources", "imports");
        Files.createDirectories(project.resolve("models"));
        Files.createDirectories(project.resolve("expectations"));
        Files.copy(resources.resolve("dbt_schema.yml"), project.resolve("models/schema.yml"));
        Files.copy(resources.resolve("soda_checks.yml"), project.resolve("checks.yml"));
        Files.copy(resources.resolve("ge_orders.json"), project.resolve("expectations/orders.json"));
        List<Row> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 20; i++) {
            rows.add(Row.of(ORDERS, i >= 18 ? null : 100L + i, (long) (i % 5), i == 7 ? "lost" : STATUSES[i % 4],
                    i == 5 ? -5.0 : 10.0 * i, i >= 1 && i <= 3 ? null : i == 4 ? "not-an-email"
                            : "u" + i + "@example.org", now.minusSeconds(3600L * (i + 1))));
        }
        QuickStart.Imported imported = QuickStart.suiteImports(project, ORDERS, rows,
                LoggerFactory.getLogger(ReadmeSnippetsTest.class));
        assertThat(imported.dbt().suite("orders")).isNotNull();
        assertThat(imported.gx().suite("orders")).isNotNull();
        assertThat(imported.result().outcomes()).hasSize(16);
        assertThat(imported.result().outcome("missing_count(order_id) = 0")).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(imported.result().outcome("row_count > 0")).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(imported.soda().notImported()).isNotEmpty();
        assertThat(imported.yaml()).contains("missing_count(order_id) = 0");
    }

    @Test
    void pushdownPlansAndRunsTheSuiteOnTheHostsTable() throws Exception {
        DataSource host = hostDatabase("readme-pushdown");
        Suite suite = SodaChecksFile.read(Files.readString(Path.of("..", "quality", "src", "test", "resources",
                "imports", "soda_checks.yml"))).suite("orders");
        Map.Entry<List<Placement>, SuiteResult> run = QuickStart.pushdown(host, suite);
        assertThat(run.getKey()).extracting(p -> p.where().name()).contains("SQL", "MEMORY");
        SuiteResult r = run.getValue();
        assertThat(r.outcome("missing_count(order_id) = 0")).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(r.outcome("missing_count(order_id) = 0").message()).endsWith("(in SQL)");
        assertThat(r.outcome("row_count > 0")).isInstanceOf(RuleOutcome.Passed.class);
    }

    @Test
    void referencesReadKeysFromTheHostsTable_andAStoredProfile_andTheSuiteJudgesWithThem(@TempDir Path project)
            throws Exception {
        String url = "jdbc:h2:mem:readme-references;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE products (product_id VARCHAR(20) PRIMARY KEY)");
            for (int i = 0; i < 50; i++) {
                st.execute("INSERT INTO products VALUES ('P-" + i + "')");
            }
        }
        Schema prices = Schema.of(Field.optional("product_id", FieldType.STRING),
                Field.optional("price", FieldType.DOUBLE), Field.optional("region", FieldType.STRING));
        ReferenceProfile.Builder november = ReferenceProfile.builder("prices-2026-11", prices).seed(7);
        pricesRows(prices, 1, 100).forEach(november::accept);
        Files.createDirectories(project.resolve("profiles"));
        Files.createDirectories(project.resolve("suites"));
        Files.writeString(project.resolve("profiles/prices-2026-11.json"), november.build().toJson());
        Files.writeString(project.resolve("suites/prices.yml"), """
                name: prices
                rules:
                  - type: references
                    column: product_id
                    reference: products.product_id
                  - type: ksDrift
                    column: price
                    reference: prices-2026-11
                    max: 0.1
                """);
        Suite suite = QuickStart.references(new DriverDataSource(url), project);
        SuiteResult like = suite.compile(prices).run(pricesRows(prices, 2, 100));
        assertThat(like.outcomes()).extracting(RuleOutcome::rule)
                .containsExactly("references(product_id, products.product_id)", "ksDrift(price)");
        assertThat(like.outcome("ksDrift(price)")).isInstanceOf(RuleOutcome.Passed.class);
        // one unknown product per 500 rows fails the exact references rule; prices 10 % higher are drift
        assertThat(like.outcome("references(product_id, products.product_id)")).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(like.outcome("references(product_id, products.product_id)").metric())
                .isEqualTo(1 - 4 / 2000.0);
        assertThat(suite.compile(prices).run(pricesRows(prices, 3, 110)).outcome("ksDrift(price)"))
                .isInstanceOf(RuleOutcome.Failed.class);
    }

    private static List<Row> pricesRows(Schema schema, long seed, double centre) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(Row.of(schema, i % 500 == 499 ? "P-unknown" : "P-" + random.nextInt(50),
                    centre + 5 * random.nextGaussian(), i % 3 == 0 ? "north" : "south"));
        }
        return rows;
    }

    @Test
    void calibrationKeepsThePointForecasts_andGivesEachSeriesIntervalsOfItsOwn() {
        Random random = new Random(11);
        List<BatchForecaster.Task> tasks = new ArrayList<>();
        List<double[]> similar = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            double[] y = trended(random, 48);
            if (i % 2 == 0) {
                tasks.add(new BatchForecaster.Task("s" + i, TimeSeries.of("s" + i, LocalDateTime.of(2020, 1, 1, 0, 0),
                        Frequency.MONTHLY, y)));
            } else {
                similar.add(y);
            }
        }
        double[] demand = trended(random, 48);
        QuickStart.CalibratedForecasts out = QuickStart.calibration(tasks, similar, demand);

        assertThat(out.results()).hasSize(tasks.size()).allSatisfy(r -> assertThat(r.error()).isEmpty());
        for (int i = 0; i < tasks.size(); i++) {
            Forecast calibrated = out.results().get(i).forecast().orElseThrow();
            Forecast own = Forecasters.auto().fit(tasks.get(i).series().values(), 12).forecast(6, 95);
            assertThat(calibrated.mean()).as("point forecasts do not change").containsExactly(own.mean());
            Interval band = calibrated.interval(95).orElseThrow();
            for (int h = 0; h < 6; h++) {
                assertThat(band.lower()[h]).isLessThan(calibrated.mean()[h]);
                assertThat(band.upper()[h]).isGreaterThan(calibrated.mean()[h]);
            }
            assertThat(band.upper()).as("the widths are the calibration's, not the model's own")
                    .isNotEqualTo(own.interval(95).orElseThrow().upper());
        }
        Forecast single = out.single();
        assertThat(single.mean()).containsExactly(Forecasters.auto().fit(demand, 12).forecast(6, 80, 95).mean());
        assertThat(single.interval(80).orElseThrow().upper()[5])
                .isLessThan(single.interval(95).orElseThrow().upper()[5]);
    }

    private static double[] trended(Random random, int n) {
        double[] y = new double[n];
        double level = 80 + 40 * random.nextDouble();
        double slope = random.nextDouble() * 2;
        for (int t = 0; t < n; t++) {
            y[t] = level + slope * t + 15 * Math.sin(2 * Math.PI * t / 12) + 8 * random.nextGaussian();
        }
        return y;
    }
}
