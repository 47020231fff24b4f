package org.marketlink.examples.mainjob;

import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.model.Trend;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.store.MarketStore;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The WFP prices as what they are, market observations: one {@code market_data} row per product, market and day,
 * derived from the stored WFP pricing history through a run of its own (so its lineage names the pricing history as
 * its source).
 *
 * <p>What each column holds, since WFP observes prices and nothing else:
 * <ul>
 *   <li>{@code source}: {@code wfp:} and the market, so the natural key keeps one row per market;</li>
 *   <li>{@code price}: the market's price per base unit that day;</li>
 *   <li>{@code competitorCount}: the other markets that priced the product that day;</li>
 *   <li>{@code availabilityIndex}: 1, the commodity was on sale (WFP priced it);</li>
 *   <li>{@code trend}: the price against the same market's previous price of the product: {@code UP} or
 *       {@code DOWN} beyond {@link #STABLE_BAND}, else {@code STABLE} (also for a market's first price);</li>
 *   <li>{@code demandSignal}: 0, WFP does not observe demand.</li>
 * </ul>
 */
final class MarketPricesStep {
    /** A change of at most 2% either way is no trend. */
    static final BigDecimal STABLE_BAND = new BigDecimal("0.02");
    /** The source prefix of the WFP observations. */
    static final String SOURCE = "wfp:";

    /**
     * What the step did.
     *
     * @param run          the run that stored the observations
     * @param observations rows stored
     * @param markets      distinct markets
     */
    record Result(RunReport run, int observations, int markets) {
    }

    private MarketPricesStep() {
    }

    /**
     * One price as a market observation, before it is made a {@link MarketData}: that is done in the run's stage, so
     * a price the model refuses (a market name too long for a source) is quarantined there, not thrown out of the
     * job.
     *
     * @param price       the market's price that day
     * @param competitors the other markets with a price that day
     * @param trend       against the market's previous price
     */
    record Observed(PricingHistory price, int competitors, Trend trend) {
        MarketData toMarketData() {
            return new MarketData(price.productId(), price.saleDate().atStartOfDay().toInstant(ZoneOffset.UTC),
                    price.price(), 0, competitors, 1, trend, SOURCE + price.region());
        }
    }

    static Result run(MarketStore store, Collection<UUID> products, PrintStream out) {
        List<Observed> observations = new ArrayList<>();
        TreeSet<String> markets = new TreeSet<>();
        for (UUID product : new TreeSet<>(products)) {
            List<PricingHistory> prices = store.pricingHistory().findByProduct(product, LocalDate.of(1900, 1, 1),
                    LocalDate.of(2200, 1, 1));
            observations.addAll(observations(prices));
            prices.forEach(p -> markets.add(p.region()));
        }
        RunReport run = Pipeline.from(Sources.of("pricing_history (WFP products)", observations))
                .then("to-market-data", Stages.map(Observed::toMarketData))
                .to(Sinks.of("market_data", store.marketData()::upsertAll))
                .quarantineTo(store.quarantine().sink()).run();
        store.lineage().record(run);
        out.printf("      market prices  %,d observations of %,d products at %,d markets into market_data (run %s)%n",
                run.rowsOut(), products.size(), markets.size(), run.runId());
        return new Result(run, (int) run.rowsOut(), markets.size());
    }

    /** One product's prices, any order, as market observations (see the class comment). */
    static List<Observed> observations(List<PricingHistory> prices) {
        Map<LocalDate, List<PricingHistory>> byDay = new TreeMap<>();
        prices.forEach(p -> byDay.computeIfAbsent(p.saleDate(), d -> new ArrayList<>()).add(p));
        Map<String, BigDecimal> previous = new HashMap<>();
        List<Observed> out = new ArrayList<>(prices.size());
        for (Map.Entry<LocalDate, List<PricingHistory>> day : byDay.entrySet()) {
            List<PricingHistory> sameDay = day.getValue();
            sameDay.sort((a, b) -> a.region().compareTo(b.region()));
            for (PricingHistory p : sameDay) {
                BigDecimal before = previous.put(p.region(), p.price());
                out.add(new Observed(p, sameDay.size() - 1, trend(before, p.price())));
            }
        }
        return out;
    }

    static Trend trend(BigDecimal before, BigDecimal now) {
        if (before == null || before.signum() == 0) {
            return Trend.STABLE;
        }
        // in decimals, so a change of exactly 2% is no trend
        BigDecimal band = before.multiply(STABLE_BAND);
        BigDecimal change = now.subtract(before);
        return change.compareTo(band) > 0 ? Trend.UP : change.compareTo(band.negate()) < 0 ? Trend.DOWN : Trend.STABLE;
    }
}
