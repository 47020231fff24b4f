package org.marketlink.examples.mainjob;

import org.marketlink.core.features.product.FeatureValue;
import org.marketlink.core.features.product.ProductFeatures;
import org.marketlink.core.features.product.ProductHistory;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.model.GeoPoint;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.timeseries.Frequency;
import org.marketlink.core.timeseries.TimeSeries;
import org.marketlink.examples.data.Fixtures;
import org.marketlink.forecast.BatchForecaster;
import org.marketlink.forecast.models.AutoForecaster;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.features.SuccessHistory;
import org.marketlink.matching.retrieval.CapacityAwareAssignment;
import org.marketlink.matching.retrieval.MatchRetriever;
import org.marketlink.matching.retrieval.Recommendation;
import org.marketlink.matching.retrieval.TopKTable;
import org.marketlink.matching.scoring.Explanation;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.WeightedScorer;
import org.marketlink.store.MarketStore;
import org.marketlink.store.features.FeatureDefinition;
import org.marketlink.store.features.FeatureSet;
import org.marketlink.store.features.FeatureStore;
import org.marketlink.store.matching.MatchLifecycle;
import org.marketlink.store.matching.MessageTemplate;
import org.marketlink.testing.MarketFixtures;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A day of the platform on top of the stored marketplace: seeded producer groups and buyers placed at the WFP
 * markets, their product features computed and stored, the best buyers recommended to every group (capacity-aware,
 * explained) and proposed as pending matches, demand forecast for every product with intervals, and all of it written
 * up as a self-contained HTML page.
 */
final class MarketDayStep {
    static final String[] REPORTED_FEATURES = {"price_zscore", "sales_velocity", "trend_slope", "average_rating",
            "return_rate", "availability_score",
            "days_since_last_sale"};

    /** What the step did. */
    record Result(int shgs, int buyers, int products, int featureValues, String featureRun,
                  ProcurementStep.Result procurement, MarketFeatureStep.Result marketFeatures, int matchesProposed, int forecasts, int failedForecasts,
                  LearnedMatchStep.Outcome learned, Path report) {
    }

    private MarketDayStep() {
    }

    /** Why a pair scored what it did, from whichever scorer ranked it. */
    interface Explainer {
        Explanation explain(UUID shgId, UUID buyerId);
    }

    /**
     * An earlier run of the day, for the report's run and lineage section.
     *
     * @param name    what it ingested
     * @param run     its report
     * @param reasons its quarantined rows by reason
     */
    record RunSummary(String name, RunReport run, Map<String, Long> reasons) {
    }

    static Result run(MarketStore store, Optional<Path> wfp, LocalDate today, Path reportDir, PrintStream out) {
        return run(store, wfp, today, reportDir, List.of(), out);
    }

    static Result run(MarketStore store, Optional<Path> wfp, LocalDate today, Path reportDir, List<RunSummary> runs,
                      PrintStream out) {
        List<MarketFixtures.Market> markets = wfp.map(MarketDayStep::markets).filter(m -> !m.isEmpty())
                .orElse(MarketFixtures.Options.defaults().markets());
        MarketFixtures f = MarketFixtures.generate(2026, MarketFixtures.Options.defaults().withSize(60, 120)
                .withDays(182).withMarkets(markets).withMatchesPerGroup(20).withDirtyShare(0.05)); // dirt: the procurement extract
        out.printf("[5/8] a marketplace at %d markets: %d groups, %d products, %d buyers, %,d days of sales%n",
                markets.size(), f.shgs().size(), f.products().size(), f.buyers().size(), f.sales().size());
        Fixtures.write(f, store);
        ProcurementStep.Result procurement = ProcurementStep.run(store, f, today, reportDir, out);
        List<RunSummary> allRuns = new ArrayList<>(runs);
        allRuns.add(new RunSummary("Procurement portal awards (synthetic)", procurement.run(),
                procurement.reasons()));

        out.println("[6/8] product features into the feature store");
        Map<UUID, List<PricingHistory>> salesByProduct = group(f.sales(), PricingHistory::productId);
        Map<UUID, List<MarketData>> marketByProduct = group(f.marketData(), MarketData::productId);
        // ratings and returns as the store holds them, up to the day
        Instant until = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Map<UUID, List<Integer>> stars = store.ratings().starsByProduct(Instant.MIN, until);
        Map<UUID, BigDecimal> returned = store.returns().unitsByProduct(Instant.MIN, until);
        List<ProductHistory> histories = new ArrayList<>();
        for (Product p : f.products()) {
            histories.add(new ProductHistory(p, salesByProduct.getOrDefault(p.id(), List.of()),
                    marketByProduct.getOrDefault(p.id(), List.of()), stars.getOrDefault(p.id(), List.of()).stream()
                    .map(Integer::doubleValue).toList(), returned.getOrDefault(p.id(), BigDecimal.ZERO).doubleValue(),
                    today));
        }
        List<Map<String, FeatureValue>> computed = ProductFeatures.computeAll(histories);
        record ProductRow(Product product, Map<String, FeatureValue> features) {
        }
        List<ProductRow> rows = new ArrayList<>();
        for (int i = 0; i < histories.size(); i++) {
            rows.add(new ProductRow(histories.get(i).product(), computed.get(i)));
        }
        List<FeatureDefinition<ProductRow>> definitions = new ArrayList<>();
        // every feature, missing ones as no value, so a model or a person reads all of them from the store
        for (String name : ProductFeatures.NAMES) {
            definitions.add(FeatureDefinition.of(name, 1, "product", "see ProductFeatures",
                    r -> r.features().get(name).value()));
        }
        FeatureSet<ProductRow> set = new FeatureSet<>("product_daily", definitions);
        FeatureStore features = FeatureStore.of(store);
        Instant at = today.atStartOfDay().toInstant(ZoneOffset.UTC);
        // through a run of its own, so the values' run id has a lineage row
        RunReport featureRun = Pipeline.from(Sources.of("product-features-" + today, rows))
                .to(features.sink(set, r -> r.product().id().toString(), r -> at)).run();
        store.lineage().record(featureRun);
        int featureValues = (int) featureRun.rowsOut() * set.features().size();
        out.printf("  features         %,d values of %d features for %,d products (run %s)%n", featureValues,
                set.features().size(), rows.size(), featureRun.runId());
        MarketFeatureStep.Result marketFeatures = MarketFeatureStep.run(store, until, out);

        out.println("[7/8] recommending buyers to every group and proposing matches");
        Map<UUID, List<Product>> productsByShg = group(f.products(), Product::shgId);
        List<ShgProfile> profiles = f.shgs().stream()
                .map(s -> ShgProfile.of(s, productsByShg.getOrDefault(s.id(), List.of()))).toList();
        Map<UUID, String> categories = new HashMap<>();
        f.shgs().forEach(s -> categories.put(s.id(), s.category()));
        Map<UUID, BuyerType> types = new HashMap<>();
        f.buyers().forEach(b -> types.put(b.id(), b.type()));
        PairFeatures.Options pairOptions = PairFeatures.Options.defaults()
                .withHistory(SuccessHistory.of(f.matchHistory(), categories::get, types::get, 5));
        MatchRetriever retriever = MatchRetriever.build(profiles, f.buyers(), pairOptions, WeightedScorer.defaults(),
                HardFilters.defaults().withMaxDistanceKm(1000));
        LearnedMatchStep.Outcome learned = LearnedMatchStep.run(store, f, profiles, retriever,
                PairFeatures.Options.defaults(), today, out);
        TopKTable candidates = learned.serving().map(two -> two.topBuyersForAll(10))
                .orElseGet(() -> retriever.topBuyersForAll(10));
        int[] capacity = new int[f.buyers().size()];
        Arrays.fill(capacity, 4);
        CapacityAwareAssignment.Assignment assignment = CapacityAwareAssignment.assign(candidates, capacity, 3);
        List<Recommendation> recommendations = new ArrayList<>();
        for (int s = 0; s < profiles.size(); s++) {
            int[] chosen = assignment.buyers()[s];
            for (int r = 0; r < chosen.length; r++) {
                recommendations.add(new Recommendation(profiles.get(s).shg().id(), f.buyers().get(chosen[r]).id(),
                        assignment.scores()[s][r], r + 1));
            }
        }
        MatchLifecycle lifecycle = MatchLifecycle.of(store, Clock.fixed(at, ZoneOffset.UTC),
                learned.scorerVersion());
        int proposed = lifecycle.propose(recommendations, MessageTemplate.introduction()).size();

        out.println("[8/8] forecasting weekly demand for every product");
        // whole weeks only: a week still under way would look like a collapse in demand to every model
        LocalDate thisWeek = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<BatchForecaster.Task> tasks = new ArrayList<>();
        for (Product p : f.products()) {
            TimeSeries weekly = TimeSeries.aggregate(p.id().toString(), salesByProduct.get(p.id()),
                    s -> s.saleDate().atStartOfDay(), s -> s.quantitySold().doubleValue(), Frequency.WEEKLY,
                    thisWeek.minusWeeks(25).atStartOfDay(), thisWeek.minusDays(1).atStartOfDay());
            tasks.add(new BatchForecaster.Task(p.id().toString(), weekly));
        }
        List<BatchForecaster.Result> results = BatchForecaster.of(AutoForecaster.create(),
                BatchForecaster.Options.defaults().withHorizon(4)).runAll(tasks);
        List<DemandForecast> forecasts = new ArrayList<>();
        int failed = 0;
        for (BatchForecaster.Result r : results) {
            if (r.forecast().isPresent()) {
                forecasts.addAll(BatchForecaster.toDemandForecasts(UUID.fromString(r.key()), r.series(),
                        r.forecast().get(), 80, at));
            } else {
                failed++;
            }
        }
        // through a run of its own, so every stored forecast names a run with a lineage row
        RunReport forecastRun = Pipeline.from(Sources.of("demand-forecasts-" + today, forecasts))
                .to(store.forecasts().sink()).run();
        store.lineage().record(forecastRun);
        out.printf("  forecasts        %,d weeks for %,d products stored (run %s), %d series failed%n",
                forecastRun.rowsOut(), results.size() - failed, forecastRun.runId(), failed);

        Path report = reportDir.resolve("market-day.html");
        write(report, MarketDayReport.render(today, f, learned.serving().<Explainer>map(two -> two::explain)
                .orElse(retriever::explain), recommendations, results, rows.stream()
                .map(r -> Map.entry(r.product(), r.features())).toList(), allRuns, proposed, learned.scorerVersion()));
        return new Result(f.shgs().size(), f.buyers().size(), f.products().size(), featureValues, featureRun.runId(),
                procurement, marketFeatures, proposed, forecasts.size(), failed, learned, report);
    }

    /** The markets of the WFP file with their coordinates, in first-seen order. */
    static List<MarketFixtures.Market> markets(Path wfp) {
        Map<String, MarketFixtures.Market> found = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(wfp, StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                String[] c = line.split(",", 7);
                if (c.length < 7 || line.startsWith("#") || c[3].isBlank() || found.containsKey(c[3])) {
                    continue;
                }
                try {
                    found.put(c[3], new MarketFixtures.Market(c[3], c[1].isBlank() ? c[3] : c[1],
                            new GeoPoint(Double.parseDouble(c[4]), Double.parseDouble(c[5]))));
                } catch (IllegalArgumentException e) {
                    // a market without readable coordinates is left out
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + wfp, e);
        }
        return List.copyOf(found.values());
    }

    private static <T> Map<UUID, List<T>> group(List<T> items, Function<T, UUID> key) {
        Map<UUID, List<T>> out = new HashMap<>();
        for (T t : items) {
            out.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t);
        }
        return out;
    }

    private static void write(Path file, String html) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, html);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    static String shgName(List<Shg> shgs, UUID id) {
        return shgs.stream().filter(s -> s.id().equals(id)).map(Shg::name).findFirst().orElse(id.toString());
    }

    static String buyerName(List<Buyer> buyers, UUID id) {
        return buyers.stream().filter(b -> b.id().equals(id)).map(Buyer::name).findFirst().orElse(id.toString());
    }
}
