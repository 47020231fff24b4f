package org.marketlink.examples.mainjob;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.features.product.ProductFeatures;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.core.model.Product;
import org.marketlink.quality.SuiteResult;
import org.marketlink.store.MarketStore;
import org.marketlink.store.StoreOptions;
import org.marketlink.store.crypto.FileKeyProvider;
import org.marketlink.store.crypto.InMemoryKeyProvider;
import org.marketlink.store.features.TrainingSet;
import org.marketlink.store.features.TrainingSets;
import org.marketlink.store.governance.Catalog;
import org.marketlink.store.governance.Dataset;
import org.marketlink.store.registry.ModelRegistry;
import org.marketlink.store.registry.ModelVersion;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MainJobTest {

    @Test
    void run_onEmbeddedStore_readsBackEverythingItWrote() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MarketStore store = MarketStore.inMemory(StoreOptions.defaults()
                .withKeyProvider(InMemoryKeyProvider.withNewKey("k")))) {
            Summary summary = MainJob.run(store, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(summary.consistent()).as(summary.mismatches().toString()).isTrue();
            assertThat(summary.shgs()).isEqualTo(5);
            assertThat(summary.products()).isEqualTo(15);
            assertThat(summary.buyers()).isEqualTo(4);
            assertThat(summary.matches()).isEqualTo(5);
            assertThat(summary.pendingMatches()).isEqualTo(5);
            assertThat(summary.orders()).isEqualTo(5);
            assertThat(summary.marketData()).isEqualTo(15 * 12);
            assertThat(summary.marketDataOfFirstProduct()).isEqualTo(12);
            assertThat(summary.pricingHistory()).isEqualTo(15 * 30);
            assertThat(summary.forecasts()).isEqualTo(15 * 4);
            assertThat(summary.render("test")).contains("OK", "shgs             5");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[1/8]", "[2/8]");
    }

    @Test
    void theWfpPricesLoadAsADailyBatchOnePassPerExtractWithHistoryAndAnomalies(@TempDir Path dir) throws Exception {
        try (MarketStore store = MarketStore.inMemory()) {
            Path wfp = RealDataStep.sharedData().orElseThrow();
            RealDataStep.Result r = RealDataStep.run(store, wfp, dir, Instant.parse("2026-11-25T06:00:00Z"),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            // a backfill, then one extract a day; every row of the file in exactly one of them, each counted
            assertThat(r.days()).hasSize(1 + RealDataStep.DAYS);
            assertThat(r.days().get(0).extract().daily()).isFalse();
            assertThat(r.days().get(r.days().size() - 1).extract().label()).isEqualTo("2023-12");
            assertThat(r.balanced()).isTrue();
            assertThat(r.rowsIn()).isEqualTo(17_881);
            // 2,242 of WFP's rows are 'forecast' placeholders priced 0: quarantined, never stored as prices
            assertThat(r.rowsOut()).isEqualTo(15_591);
            assertThat(r.quarantined()).isEqualTo(2_290);
            long zeroPrices = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM pricing_history "
                    + "WHERE price = 0").mapTo(Long.class).one());
            assertThat(zeroPrices).isZero();
            Map<String, Long> reasons = new TreeMap<>();
            r.days().forEach(d -> store.quarantine().countByReason(d.run().runId()).forEach((k, v) -> reasons.merge(k,
                    v, Long::sum)));
            // every one of the 744 rows once quarantined as duplicates was such a placeholder
            assertThat(reasons).containsExactly(Map.entry("NOT_OBSERVED", 2_242L), Map.entry("UNKNOWN_UNIT", 48L));
            for (RealDataStep.Day d : r.days()) {
                assertThat(d.run().rowsIn()).isEqualTo(d.run().rowsOut() + d.run().quarantined());
                // the suite's result came from the same run: it judged the rows the run stored
                assertThat(d.quality().outcome("rowCount").metric()).isEqualTo(d.run().rowsOut());
            }
            // one lineage row per extract (each source read once), and one for the market observations made of them
            long runs = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM lineage").mapTo(Long.class)
                    .one());
            assertThat(runs).isEqualTo(r.days().size() + 1);
            // every stored WFP price is also a market observation of its product at its market, under the product's
            // WFP name, with the market's own price trend
            assertThat(r.marketPrices().observations()).isEqualTo(15_591);
            assertThat(store.lineage().find(r.marketPrices().run().runId()).orElseThrow().source())
                    .isEqualTo("pricing_history (WFP products)");
            long matching = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM market_data m JOIN "
                    + "pricing_history p ON p.product_id = m.product_id AND CAST(m.observed_at AS DATE) = p.sale_date "
                    + "AND m.source = CONCAT('wfp:', p.region) AND m.price = p.price").mapTo(Long.class).one());
            assertThat(matching).isEqualTo(15_591);
            List<String> maize = store.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT p.name FROM market_data m "
                    + "JOIN products p ON p.id = m.product_id WHERE m.source = 'wfp:Dagahaley (Daadab)' ORDER BY 1")
                    .mapTo(String.class).list());
            assertThat(maize).contains("Maize, Retail, per kg", "Beans (dry), Retail, per kg");
            List<String> trends = store.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT trend FROM market_data "
                    + "ORDER BY 1").mapTo(String.class).list());
            assertThat(trends).containsExactly("DOWN", "STABLE", "UP");
            assertThat(r.marketPrices().markets()).isGreaterThan(10);
            // the metrics of every day are stored; June 2023 brought half the usual rows (128 against a median of
            // 241) and is flagged; the feed's last observed prices are from June, so July (none) is flagged too,
            // and from then on every day fails its row count
            long points = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM quality_metrics WHERE "
                    + "dataset = 'wfp_kenya_prices'").mapTo(Long.class).one());
            assertThat(points).isEqualTo((long) RealDataStep.DAYS * RealDataStep.suite().rules().size());
            Map<String, RealDataStep.Day> byLabel = new TreeMap<>();
            r.days().forEach(d -> byLabel.put(d.extract().label(), d));
            assertThat(byLabel.get("2023-06").anomalies()).containsOnlyKeys("rowCount");
            assertThat(byLabel.get("2023-06").anomalies().get("rowCount").reason())
                    .isEqualTo("128 against a median of 241 over 5 days (accepted 163.2 to 318.8)");
            assertThat(byLabel.get("2023-07").anomalies()).containsKey("rowCount");
            assertThat(byLabel.get("2023-07").anomalies().get("rowCount").reason()).startsWith("0 against a median of");
            for (String month : List.of("2023-01", "2023-02", "2023-03", "2023-04", "2023-05")) {
                assertThat(byLabel.get(month).anomalies()).as(month).doesNotContainKey("rowCount");
                assertThat(byLabel.get(month).quality().status()).as(month).isEqualTo(SuiteResult.Status.PASSED);
            }
            RealDataStep.Day december = byLabel.get("2023-12");
            assertThat(december.run().rowsOut()).isZero();
            assertThat(december.quality().status()).isEqualTo(SuiteResult.Status.ERROR);
            String html = Files.readString(r.report());
            assertThat(html).contains("<svg class=\"history\"", "20 rows quarantined", "NOT_OBSERVED",
                    "0 rows, expected 1..");
            // the quarantine's sample rows read as data with their field names, not as a Java toString
            assertThat(html).doesNotContain("Row[").contains("&quot;market&quot;: &quot;Dagahaley (Daadab)&quot;");
            // products carry what WFP calls them
            List<Product> products = store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM products")
                    .mapTo(UUID.class).list()).stream().map(store.products()::get).toList();
            assertThat(products).hasSize((int) r.products());
            assertThat(products).extracting(Product::name).noneMatch(n -> n.startsWith("WFP product"))
                    .anyMatch(n -> n.startsWith("Maize") && n.contains(", Wholesale, per kg"));
            assertThat(products).extracting(Product::category).contains("cereals and tubers");
        }
    }

    @Test
    void main_twiceOnTheSameDirectory_isIdempotent(@TempDir Path dir) throws Exception {
        System.setProperty("marketlink.data", dir.toString());
        long[] afterOne = new long[1];
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            MainJob.main(new String[0]);
            afterOne[0] = Files.size(dir.resolve("marketlink.mv.db"));
            MainJob.main(new String[0]);
        } finally {
            System.setOut(original);
            System.clearProperty("marketlink.data");
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("MarketLink main job — OK").doesNotContain("MISMATCH");
        // the same day again adds its runs' records (lineage, a training set and a model version), not a second copy
        // of the data or of its rejections: the database stays within 10% of its size after one run
        assertThat(Files.size(dir.resolve("marketlink.mv.db"))).isLessThanOrEqualTo(afterOne[0] * 11 / 10);
        // the real-data step: every WFP row accounted for, the report written
        assertThat(text).contains("17,881 rows in, 15,591 stored, 2,290 quarantined (13 daily runs), 2 anomalies",
                "quality          ERROR on 2023-12");
        assertThat(Files.exists(dir.resolve("quality-report.html"))).isTrue();
        // the Online Retail orders: every line accounted for, the same orders on the second run
        assertThat(text).contains("retail orders    370,931 lines in, 13,081 orders from 3,613 customers");
        // progress on the long steps, each mark printed once
        assertThat(text).containsPattern("\\.\\.\\. 3[0-9]{2},[0-9]{3} rows read \\([0-9,]+ rows/s\\)");
        assertThat(text.split("17,881 rows read \\(", -1)).hasSizeLessThanOrEqualTo(3); // once per run at most
        String report = Files.readString(dir.resolve("market-day.html"));
        assertThat(report).contains("Runs, quarantine and lineage", "WFP Kenya prices", "Online Retail orders",
                "MISSING_CUSTOMER");
        // the second run found the same groups (5 samples, the WFP markets, the retail wholesaler and 60 of the
        // market day), not copies of them
        assertThat(text).contains("shgs             5", "shgs             67").doesNotContain("shgs             12");
        // every ingest wrote into the store in its own run (none into an in-memory list first), one run per source
        // and day; the keys are in a file only its owner can read
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("marketlink.keys"))))
                .isEqualTo("rw-------");
        try (MarketStore store = MarketStore.embedded(dir, StoreOptions.defaults()
                .withKeyProvider(FileKeyProvider.open(dir.resolve("marketlink.keys"))))) {
            List<String> targets = store.jdbi().withHandle(h -> h.createQuery("SELECT target FROM lineage "
                    + "ORDER BY started_at").mapTo(String.class).list());
            assertThat(targets).doesNotContain("list").isSubsetOf("pricing_history", "market_data", "orders",
                    "training_examples:shg_buyer_match", "feature_values:product_daily", "feature_values:market_7d",
                    "demand_forecasts");
            assertThat(targets.stream().filter("market_data"::equals)).hasSize(2);
            assertThat(targets.stream().filter("feature_values:market_7d"::equals)).hasSize(2);
            assertThat(targets.stream().filter("demand_forecasts"::equals)).hasSize(2);
            assertThat(targets.stream().filter("pricing_history"::equals)).hasSize(2 * (1 + RealDataStep.DAYS));
            // the Online Retail file and the (synthetic) procurement portal's awards, on each of the two runs
            assertThat(targets.stream().filter("orders"::equals)).hasSize(4);
            long tenders = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM orders WHERE reference "
                    + "LIKE 'TENDER-%'").mapTo(Long.class).one());
            assertThat(tenders).isPositive();
            assertThat(text).contains("procurement      procurement-portal-SYNTHETIC-2026-11-25.csv (synthetic, "
                    + "schema v1)");
            // one copy of each input's rejections, the second run's: WFP 2,290, Online Retail 108,294 and the
            // procurement awards' 7
            long quarantined = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM quarantine")
                    .mapTo(Long.class).one());
            assertThat(quarantined).isEqualTo(2_290 + 108_294 + 7);
            // every table the catalog names holds rows after the job, and every run id written has a lineage row
            Map<String, Long> empty = new TreeMap<>();
            for (Dataset d : Catalog.builtIn().datasets()) {
                long rows = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + d.name())
                        .mapTo(Long.class).one());
                if (rows == 0) {
                    empty.put(d.name(), rows);
                }
            }
            assertThat(empty).as("tables without rows").isEmpty();
            List<String> orphans = store.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT run_id FROM ("
                    + "SELECT run_id FROM feature_values UNION SELECT run_id FROM models UNION SELECT run_id FROM "
                    + "demand_forecasts UNION SELECT run_id FROM training_sets UNION SELECT run_id FROM quarantine) r "
                    + "WHERE run_id IS NOT NULL AND run_id NOT IN (SELECT run_id FROM lineage)")
                    .mapTo(String.class).list());
            assertThat(orphans).as("run ids without lineage").isEmpty();
        }
    }

    @Test
    void theMarketDayStoresFeaturesProposesExplainedMatchesAndForecastsEveryProduct(@TempDir Path dir)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MarketStore store = MarketStore.inMemory()) {
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            MarketDayStep.Result first = MarketDayStep.run(store, RealDataStep.sharedData(),
                    LocalDate.of(2026, 11, 25), dir, print);
            assertThat(first.shgs()).isEqualTo(60);
            assertThat(first.featureValues()).isEqualTo(first.products() * ProductFeatures.NAMES.size());
            assertThat(first.matchesProposed()).isBetween(120, 180); // up to 3 per group, within buyer capacity
            assertThat(first.failedForecasts()).isZero();
            assertThat(first.forecasts()).isEqualTo(first.products() * 4);
            assertThat(store.matches().findByStatus(MatchStatus.PENDING, 1000))
                    .hasSize(first.matchesProposed())
                    .allMatch(m -> m.initialMessage().contains("Namaste")
                            && m.metadata().get("scorer").equals("shg_buyer_match-v2"));
            // the learned scorer went to production through the gate, on figures measured on later outcomes
            ModelRegistry registry = ModelRegistry.of(store, Clock.systemUTC());
            ModelVersion production = registry.production("shg_buyer_match").orElseThrow();
            assertThat(production.version()).isEqualTo(first.learned().version()).isEqualTo(2);
            assertThat(production.parameters()).containsEntry("negatives", "observed declines");
            assertThat(production.metrics().get("auc")).isGreaterThanOrEqualTo(production.metrics()
                    .get("weighted_auc") + 0.02).isGreaterThanOrEqualTo(production.metrics().get("rival_auc"));
            assertThat(production.metrics().get("selection_rows")).isGreaterThan(150);
            assertThat(store.lineage().find(production.runId())).isPresent();
            // the model's run id is the version of the training set it learned from, stored row for row
            TrainingSet trained = TrainingSets.of(store).read("shg_buyer_match", production.runId()).orElseThrow();
            assertThat(trained.size()).isEqualTo(first.learned().trainRows());
            assertThat(trained.positives()).isBetween(1, trained.size() - 1);
            assertThat(trained.featureNames()).hasSize(trained.features()[0].length);
            assertThat(trained.keys()).allMatch(k -> k.keySet().equals(Set.of("shg", "buyer", "match")));
            // the design's set (four negatives per positive, sampled pairs among them) was written, trained on,
            // registered and sent through the same gate, which kept it out: it ranks the later outcomes worse
            ModelVersion design = registry.find("shg_buyer_match", first.learned().designVersion()).orElseThrow();
            assertThat(design.version()).isEqualTo(1);
            assertThat(design.parameters()).containsEntry("negatives", "1:4 sampled");
            assertThat(first.learned().designPromotion().passed()).isFalse();
            assertThat(design.metrics().get("auc")).isEqualTo(first.learned().designAuc())
                    .isEqualTo(production.metrics().get("rival_auc"))
                    .isLessThan(production.metrics().get("auc"));
            assertThat(design.metrics().get("rival_auc")).isEqualTo(production.metrics().get("auc"));
            assertThat(store.lineage().find(design.runId())).isPresent();
            TrainingSet oneToFour = TrainingSets.of(store).read("shg_buyer_match", design.runId()).orElseThrow();
            assertThat(oneToFour.size()).isEqualTo(first.learned().designRows())
                    .isEqualTo(5 * oneToFour.positives());
            assertThat(oneToFour.positives()).isEqualTo(trained.positives());
            long sampled = oneToFour.keys().stream().filter(k -> !k.containsKey("match")).count();
            assertThat(sampled).isEqualTo(design.metrics().get("one_to_four_sampled").longValue()).isPositive();
            assertThat(first.learned().serving()).isPresent();
            long stored = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM feature_values WHERE "
                    + "run_id = :run").bind("run", first.featureRun()).mapTo(Long.class).one());
            assertThat(stored).isEqualTo(first.featureValues());
            // every product feature is stored, the trend's direction beside its slope, and the report labels it
            List<Double> directions = store.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT feature_value FROM "
                    + "feature_values WHERE run_id = :run AND feature = 'trend_direction' AND feature_value IS NOT "
                    + "NULL").bind("run", first.featureRun()).mapTo(Double.class).list());
            assertThat(directions).isNotEmpty().isSubsetOf(-1.0, 0.0, 1.0);
            String page = Files.readString(first.report());
            assertThat(page).contains("<th>trend</th>").containsPattern("<td>(UP|DOWN|STABLE)</td>");
            // ratings and returns have their tables, filled by the fixtures, and the features read them from there
            assertThat(store.ratings().count()).isPositive();
            assertThat(store.returns().count()).isPositive();
            long ratedProducts = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM feature_values "
                    + "WHERE run_id = :run AND feature = 'average_rating' AND feature_value BETWEEN 1 AND 5")
                    .bind("run", first.featureRun()).mapTo(Long.class).one());
            assertThat(ratedProducts).isEqualTo(store.ratings().starsByProduct(Instant.MIN, Instant.MAX).size())
                    .isPositive();
            long withReturns = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM feature_values "
                    + "WHERE run_id = :run AND feature = 'return_rate' AND feature_value > 0")
                    .bind("run", first.featureRun()).mapTo(Long.class).one());
            assertThat(withReturns).isEqualTo(store.returns().unitsByProduct(Instant.MIN, Instant.MAX).size())
                    .isPositive();
            // the 7-day market features of every product with market observations, stored under their own run
            MarketFeatureStep.Result market = first.marketFeatures();
            assertThat(market.products()).isEqualTo(first.products());
            long marketStored = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM feature_values "
                    + "WHERE run_id = :run AND feature = 'market_price_mean_7d' AND feature_value > 0")
                    .bind("run", market.run().runId()).mapTo(Long.class).one());
            assertThat(marketStored).isEqualTo(market.points()).isEqualTo(store.marketData().count());
            long changes = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM feature_values "
                    + "WHERE run_id = :run AND feature = 'market_price_change' AND feature_value IS NOT NULL")
                    .bind("run", market.run().runId()).mapTo(Long.class).one());
            assertThat(changes).isEqualTo(market.points() - market.products()); // all but each product's first
            // every run id the day wrote (features, the training set behind the model, forecasts) has a lineage row
            long unattributed = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM demand_forecasts "
                    + "WHERE run_id IS NULL").mapTo(Long.class).one());
            assertThat(unattributed).as("forecasts written outside a run").isZero();
            List<String> orphans = store.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT run_id FROM ("
                    + "SELECT run_id FROM feature_values UNION SELECT run_id FROM models UNION SELECT run_id FROM "
                    + "demand_forecasts) r WHERE run_id IS NOT NULL "
                    + "AND run_id NOT IN (SELECT run_id FROM lineage)").mapTo(String.class).list());
            assertThat(orphans).isEmpty();
            String html = Files.readString(first.report());
            assertThat(html).contains("Recommended matches", "strongest reasons", "Demand forecasts")
                    .contains("collab category").doesNotContain("+-");
            // what a coordinator acts on first, the data's account (here the procurement run) last
            assertThat(html.indexOf("id=\"matches\"")).isPositive().isLessThan(html.indexOf("id=\"runs\""));
            assertThat(html).contains("Procurement portal awards (synthetic)", "quarantined with their reasons");
            assertThat(html.split("<svg", -1)).hasSize(9); // eight charts
            assertThat(html).contains("class=\"interval\"", "class=\"forecast\"", "class=\"history\"")
                    .doesNotContain("NaN").doesNotContain("<script");
            // the same day again: nothing new to propose
            MarketDayStep.Result second = MarketDayStep.run(store, RealDataStep.sharedData(),
                    LocalDate.of(2026, 11, 25), dir, print);
            assertThat(second.matchesProposed()).isZero();
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("[5/8]", "[8/8]");
    }
}
