package org.marketlink.examples.readme;

import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.features.window.TimeWindowFeatures;
import org.marketlink.core.features.window.WindowOptions;
import org.marketlink.core.features.window.WindowResult;
import org.marketlink.core.model.BankDetails;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.model.GeoPoint;
import org.marketlink.core.model.Location;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.Shg;
import org.marketlink.forecast.BatchForecaster;
import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecasters;
import org.marketlink.forecast.ModelSummary;
import org.marketlink.forecast.calibration.Calibrated;
import org.marketlink.forecast.calibration.ConformalCalibration;
import org.marketlink.forecast.evaluation.LjungBox;
import org.marketlink.matching.evaluation.OutcomeExamples;
import org.marketlink.matching.evaluation.RankingBacktest;
import org.marketlink.matching.features.CollaborativeFeatures;
import org.marketlink.matching.features.ImplicitFactors;
import org.marketlink.matching.features.InteractionHistory;
import org.marketlink.matching.features.MatchAffinity;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.retrieval.MatchRetriever;
import org.marketlink.matching.retrieval.Recommendation;
import org.marketlink.matching.retrieval.TopKTable;
import org.marketlink.matching.retrieval.TwoStageRetriever;
import org.marketlink.matching.scoring.Explanation;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.WeightedScorer;
import org.marketlink.ml.matching.LearnedScorer;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteFiles;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.drift.ReferenceProfile;
import org.marketlink.quality.imports.DbtSchemaFile;
import org.marketlink.quality.imports.ExpectationSuiteFile;
import org.marketlink.quality.imports.ImportResult;
import org.marketlink.quality.imports.SodaChecksFile;
import org.marketlink.quality.rules.References;
import org.marketlink.quality.sql.Placement;
import org.marketlink.quality.sql.Pushdown;
import org.marketlink.store.MarketStore;
import org.marketlink.store.StoreOptions;
import org.marketlink.store.crypto.FileKeyProvider;
import org.marketlink.store.crypto.KeyProvider;
import org.marketlink.store.features.EntityTime;
import org.marketlink.store.features.FeatureDefinition;
import org.marketlink.store.features.FeatureMatrix;
import org.marketlink.store.features.FeatureSet;
import org.marketlink.store.features.FeatureStore;
import org.slf4j.Logger;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The README's Quick start, as code that compiles and runs: each {@code tag::name[]} region below is quoted in the
 * README word for word, and {@code ReadmeSnippetsTest} checks that the quote is still exact and runs every method.
 * Change a snippet here and the README with it, or the build fails.
 */
public final class QuickStart {
    private QuickStart() {
    }

    /** A price observation, the input of the Features snippet. */
    public record Price(String productId, Instant at, double price) {
    }

    /** The Forecasting snippet. */
    public static Forecast forecasting(double[] monthlyDemand) {
        // tag::forecasting[]
        Forecast f = Forecasters.auto().fit(monthlyDemand, 12).forecast(6, 80, 95); // or .ets(), .arima(), .theta()
        f.mean();             // point forecasts
        f.interval(95);       // bounds
        f.model();            // e.g. "Mean(ETS(M,A,N)(alpha=0.31, beta=0.01), Theta(...))"
        f.fallback();         // why a simpler model was used, if one was (empty, constant, too short, ...)
        // end::forecasting[]
        return f;
    }

    /** The Storage snippet: run it twice on one directory and it finds, and decrypts, what the first run wrote. */
    public static void storage(Path dataDir, Instant now) {
        // tag::storage[]
        KeyProvider keys = FileKeyProvider.openOrCreate(dataDir.resolve("marketlink.keys"), "2026-11"); // rw-------
        try (MarketStore store = MarketStore.embedded(dataDir, StoreOptions.defaults().withKeyProvider(keys))) {
            Shg shg = new Shg(UUID.randomUUID(), "Umoja Women Group",
                    Location.of("Kisumu", "Kisumu", "KE", new GeoPoint(-0.09, 34.77)), "handloom", 12, 400,
                    List.of("organic"), Map.of("defect_rate", 0.02), ContactInfo.none(),
                    Optional.of(new BankDetails("Umoja Women Group", "0123456789", "KCBLKENX")), now, now);
            store.shgs().upsertAll(List.of(shg));         // idempotent on (name, region): the first id stays
            Shg stored = store.shgs().findByNaturalKey("Umoja Women Group", "Kisumu").orElseThrow();
            Shg again = store.shgs().get(stored.id());    // through the Caffeine catalog cache
            again.bankDetails().orElseThrow();            // sealed at rest, opened with the file's key
        }
        // end::storage[]
    }

    /** The Matching snippet; returns the best buyers for {@code shgId}. */
    public static List<Recommendation> matching(List<ShgProfile> groups, List<Buyer> buyers, UUID shgId) {
        // tag::matching[]
        MatchRetriever retriever = MatchRetriever.build(groups, buyers, PairFeatures.Options.defaults(),
                WeightedScorer.defaults(), HardFilters.defaults().withMaxDistanceKm(300));
        List<Recommendation> best = retriever.topBuyers(shgId, 10);      // exact, best first
        Explanation why = retriever.explain(shgId, best.get(0).buyerId()); // each feature's contribution
        TopKTable all = retriever.topBuyersForAll(10);                     // every group, on all cores
        // end::matching[]
        return best;
    }

    /**
     * The collaborative snippet: features of a window of interactions (with implicit factors) and a ranking backtest
     * that chooses among {@code candidateRankers} on {@code selectionCut} and reports the chosen one on
     * {@code reportCut}; returns the selection and the features.
     */
    public static Map.Entry<RankingBacktest.Selection, CollaborativeFeatures> collaborative(int buyers, int items,
            int[] buyerIdx, int[] itemIdx, int[] epochDays, int from, int cut,
            Map<String, RankingBacktest.RankerFactory> candidateRankers, RankingBacktest.Cut selectionCut,
            RankingBacktest.Cut reportCut) {
        // tag::collaborative[]
        InteractionHistory log = InteractionHistory.of(buyers, items, buyerIdx, itemIdx, epochDays); // any order
        CollaborativeFeatures f = CollaborativeFeatures.build(log.window(from, cut),
                CollaborativeFeatures.Options.defaults().withFactors(ImplicitFactors.Options.defaults()));
        // repeat, item_knn (co-occurrence cosine with shrinkage), activity, buyer_recency, breadth, visits[, category][, factors]
        RankingBacktest.Selection s = new RankingBacktest(log, 10)
                .select(candidateRankers, selectionCut, reportCut);   // chosen on one cut, reported once on a later one
        // end::collaborative[]
        return Map.entry(s, f);
    }

    /** The learned-matching snippet; returns the two-stage ranking of every group. */
    public static TopKTable learnedMatching(MatchRetriever retriever, List<Match> matches, List<ShgProfile> groups,
                                            List<Buyer> buyers, Function<UUID, String> categoryOf, int cutDay,
                                            int today) {
        // tag::learned-matching[]
        OutcomeExamples.Window past = OutcomeExamples.between(matches, groups, buyers,
                PairFeatures.Options.defaults(), CollaborativeFeatures.Options.defaults(), 5, cutDay, today);
        LearnedScorer learned = LearnedScorer.train(past.featureNames(), past.features(), past.labels(),
                LearnedScorer.Options.logisticRegression());       // outcomes after the cut, features as of it
        MatchAffinity affinity = MatchAffinity.of(matches, categoryOf, today, CollaborativeFeatures.Options.defaults());
        TwoStageRetriever two = TwoStageRetriever.of(retriever, affinity, learned, 50); // weighted top 50 + reach
        TopKTable ranked = two.topBuyersForAll(10);  // groups with no completed match keep the weighted ranking
        // end::learned-matching[]
        return ranked;
    }

    /** The Features snippet; returns the point-in-time training matrix. */
    public static FeatureMatrix features(MarketStore store, List<Price> rows, List<EntityTime> requests,
                                         String runId) {
        List<String> productIds = rows.stream().map(Price::productId).toList();
        long[] epochMillis = rows.stream().mapToLong(p -> p.at().toEpochMilli()).toArray();
        double[] prices = rows.stream().mapToDouble(Price::price).toArray();
        FeatureSet<Price> set = FeatureSet.of("prices", FeatureDefinition.of("price", 1, "product", "the price",
                Price::price));
        // tag::features[]
        WindowResult w = new TimeWindowFeatures(WindowOptions.of(Duration.ofDays(7)).withLags(2))
                .compute(productIds, epochMillis, prices);                 // columns in, columns out
        FeatureStore features = FeatureStore.of(store);
        features.materialize(set, rows, Price::productId, Price::at, runId); // stamped with the pipeline run
        FeatureMatrix training = features.pointInTime(set, requests);      // never a value from after the row's time
        // end::features[]
        return training;
    }

    /** What the suite-imports snippet read and ran. */
    public record Imported(ImportResult dbt, ImportResult soda, ImportResult gx, SuiteResult result, String yaml) {
    }

    /** The host-database snippet: the store opened in the host's own database, beside the host's tables. */
    public static int hostDatabase(DataSource hostDataSource, String schema) {
        // tag::host-database[]
        try (MarketStore store = MarketStore.fromDataSource(hostDataSource,
                StoreOptions.defaults().withSchema(schema))) {          // "marketlink" unless you name one
            return store.shgs().findAll().size();                       // the host's tables are not touched
        }
        // end::host-database[]
    }

    /** The suite-imports snippet: a dbt, a Soda and a Great Expectations file under {@code project}. */
    public static Imported suiteImports(Path project, Schema schema, List<Row> rows, Logger log) throws IOException {
        // tag::suite-imports[]
        ImportResult dbt = DbtSchemaFile.read(Files.readString(project.resolve("models/schema.yml")));
        ImportResult soda = SodaChecksFile.read(Files.readString(project.resolve("checks.yml")));
        ImportResult gx = ExpectationSuiteFile.read(Files.readString(project.resolve("expectations/orders.json")));
        SuiteResult r = soda.suite("orders").compile(schema).run(rows);
        soda.notImported().forEach(n -> log.warn("not imported: {} at {}: {}", n.check(), n.place(), n.reason()));
        String ours = SuiteFiles.writeYaml(soda.suite("orders"));              // the same rules as a MarketLink file
        // end::suite-imports[]
        return new Imported(dbt, soda, gx, r, ours);
    }

    /** The pushdown snippet: a suite run on a table of the host's database. */
    public static Map.Entry<List<Placement>, SuiteResult> pushdown(DataSource hostDataSource, Suite suite) {
        // tag::pushdown[]
        Pushdown pushdown = Pushdown.on(hostDataSource);              // PostgreSQL, H2, DuckDB, or standard SQL
        List<Placement> where = pushdown.plan(suite, "orders");       // SQL, MEMORY (and why), or NOT_RUN (and why)
        SuiteResult result = pushdown.run(suite, "orders");           // each message ends "(in SQL)" or "(in memory: why)"
        // end::pushdown[]
        return Map.entry(where, result);
    }

    /**
     * The references snippet: a suite file whose {@code references} rule checks keys against the host's products
     * table and whose drift rules compare with a stored reference profile, both under {@code project}.
     */
    public static Suite references(DataSource dataSource, Path project) throws IOException {
        // tag::references[]
        Set<Object> productIds = Pushdown.on(dataSource).keys("products", "product_id");  // from the host's table
        String profile = Files.readString(project.resolve("profiles/prices-2026-11.json"));
        References refs = References.of(Map.of("products.product_id", productIds),
                List.of(ReferenceProfile.fromJson(profile)));
        Suite suite = SuiteFiles.readYaml(Files.readString(project.resolve("suites/prices.yml")), refs);
        // end::references[]
        return suite;
    }

    /** What the calibration snippet forecast: a calibrated batch, and one series calibrated on others. */
    public record CalibratedForecasts(List<BatchForecaster.Result> results, Forecast single) {
    }

    /**
     * The calibration snippet: a batch whose intervals are stretched by the conformal quantiles of its own series'
     * backtests, and one series whose widths are learned on a panel of similar ones.
     */
    public static CalibratedForecasts calibration(List<BatchForecaster.Task> tasks, List<double[]> similarSeries,
            double[] monthlyDemand) {
        // tag::calibration[]
        BatchForecaster batch = BatchForecaster.of(Forecasters.auto(), BatchForecaster.Options.defaults().withHorizon(6))
                .calibratedOn(tasks, ConformalCalibration.Options.defaults());   // backtests the batch's own series
        List<BatchForecaster.Result> results = batch.runAll(tasks);
        // or for one series, with widths learned on others of its kind:
        Forecast g = Calibrated.learn(Forecasters.auto(), similarSeries, 12, 6).fit(monthlyDemand, 12).forecast(6, 80, 95);
        // end::calibration[]
        return new CalibratedForecasts(results, g);
    }

    /** The diagnostics snippet: a Box-Cox AutoETS fit and the Ljung–Box check of its residuals. */
    public static LjungBox.Result diagnostics(double[] monthlyDemand) {
        // tag::diagnostics[]
        FittedModel model = Forecasters.boxCox(Forecasters.ets()).fit(monthlyDemand, 12); // Guerrero's lambda, then AutoETS
        ModelSummary s = model.summary().orElseThrow();   // fitted values, residuals, log-likelihood, AIC, AICc, BIC
        LjungBox.Result check = s.ljungBox(12);           // R's checkresiduals: a small p-value says structure is left
        // end::diagnostics[]
        return check;
    }
}
