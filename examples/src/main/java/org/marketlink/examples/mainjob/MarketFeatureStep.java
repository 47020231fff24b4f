package org.marketlink.examples.mainjob;

import org.marketlink.core.features.market.MarketFeatures;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.store.MarketStore;
import org.marketlink.store.features.FeatureDefinition;
import org.marketlink.store.features.FeatureSet;
import org.marketlink.store.features.FeatureStore;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * The design's 7-day market features of every product with market observations, computed from what
 * {@code market_data} holds up to the day and stored in the feature store at each observation's time, through a
 * run of their own (so their run id has a lineage row).
 */
final class MarketFeatureStep {
    /** The feature set the values are stored under. */
    static final FeatureSet<MarketFeatures.Point> SET = FeatureSet.of("market_7d",
            FeatureDefinition.of("market_price_mean_7d", 1, "product",
                    "mean market price over the 7 days ending at the observation", MarketFeatures.Point::mean),
            FeatureDefinition.of("market_price_volatility_7d", 1, "product",
                    "standard deviation of the 7 days' market prices; none for a single observation",
                    MarketFeatures.Point::volatility),
            FeatureDefinition.of("market_price_change", 1, "product",
                    "change of the 7-day mean against the previous observation day's, as a fraction",
                    MarketFeatures.Point::change),
            FeatureDefinition.of("market_observations_7d", 1, "product",
                    "market observations in the 7 days", p -> (double) p.observations()));

    /**
     * What the step did.
     *
     * @param run      the run that stored the values
     * @param points   (product, observation day) points
     * @param products products with observations
     */
    record Result(RunReport run, int points, int products) {
        int values() {
            return (int) run.rowsOut() * SET.features().size();
        }
    }

    private MarketFeatureStep() {
    }

    static Result run(MarketStore store, Instant until, PrintStream out) {
        List<MarketFeatures.Point> points = MarketFeatures.sevenDays()
                .compute(store.marketData().findObservedBetween(Instant.MIN, until));
        FeatureStore features = FeatureStore.of(store);
        RunReport run = Pipeline.from(Sources.of("market_data", points))
                .to(features.sink(SET, p -> p.productId().toString(), MarketFeatures.Point::observedAt)).run();
        store.lineage().record(run);
        int products = (int) points.stream().map(MarketFeatures.Point::productId).distinct().count();
        Result result = new Result(run, points.size(), products);
        out.printf("  market features  %,d values of %d features at %,d observation days of %,d products (run %s)%n",
                result.values(), SET.features().size(), points.size(), products, run.runId());
        return result;
    }
}
