package org.marketlink.examples.mainjob;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.model.Location;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.model.Trend;
import org.marketlink.store.MarketStore;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MarketPricesStepTest {
    private static final UUID MAIZE = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private static PricingHistory price(String day, String market, String price) {
        return new PricingHistory(MAIZE, LocalDate.parse(day), new BigDecimal(price), BigDecimal.ZERO, 0, market);
    }

    @Test
    void eachMarketsPriceIsAnObservationWithItsOwnTrendAndTheOtherMarketsOfTheDayAsCompetitors() {
        List<MarketData> out = MarketPricesStep.observations(List.of(
                price("2023-02-15", "Kakuma", "52.00"), price("2023-01-15", "Nairobi", "40.00"),
                price("2023-02-15", "Nairobi", "40.50"), price("2023-01-15", "Kakuma", "50.00"),
                price("2023-02-15", "Garissa", "60.00"), price("2023-03-15", "Kakuma", "49.00")))
                .stream().map(MarketPricesStep.Observed::toMarketData).toList();
        assertThat(out).extracting(MarketData::source).containsExactly("wfp:Kakuma", "wfp:Nairobi", "wfp:Garissa",
                "wfp:Kakuma", "wfp:Nairobi", "wfp:Kakuma");
        assertThat(out).extracting(MarketData::competitorCount).containsExactly(1, 1, 2, 2, 2, 0);
        // Kakuma +4% (UP) then -5.8% (DOWN); Nairobi +1.25% (STABLE); first prices have no trend
        assertThat(out).extracting(MarketData::trend).containsExactly(Trend.STABLE, Trend.STABLE, Trend.STABLE,
                Trend.UP, Trend.STABLE, Trend.DOWN);
        assertThat(out.get(3).observedAt()).isEqualTo(Instant.parse("2023-02-15T00:00:00Z"));
        assertThat(out.get(3).price()).isEqualByComparingTo("52.00");
        assertThat(out).allMatch(m -> m.demandSignal() == 0 && m.availabilityIndex() == 1);
    }

    @Test
    void aChangeWithinTwoPercentIsNoTrend() {
        assertThat(MarketPricesStep.trend(new BigDecimal("100"), new BigDecimal("102.00"))).isEqualTo(Trend.STABLE);
        assertThat(MarketPricesStep.trend(new BigDecimal("100"), new BigDecimal("102.01"))).isEqualTo(Trend.UP);
        assertThat(MarketPricesStep.trend(new BigDecimal("100"), new BigDecimal("97.99"))).isEqualTo(Trend.DOWN);
        assertThat(MarketPricesStep.trend(BigDecimal.ZERO, new BigDecimal("5"))).isEqualTo(Trend.STABLE);
    }

    @Test
    void aMarketNameTooLongForASource_isQuarantinedAndTheOtherPricesAreStored() {
        try (MarketStore store = MarketStore.inMemory()) {
            Instant t0 = Instant.parse("2023-01-01T00:00:00Z");
            Shg wfp = new Shg(UUID.randomUUID(), "WFP markets", Location.of("", "Kenya", "KE", null), "grains", 1, 0,
                    List.of(), Map.of(), ContactInfo.none(), Optional.empty(), t0, t0);
            store.shgs().upsertAll(List.of(wfp));
            store.products().upsertAll(List.of(new Product(MAIZE, wfp.id(), "Maize, Retail, per kg", "grains", "",
                    "kg", BigDecimal.ONE, BigDecimal.ZERO, List.of(), List.of(), 0, 1, 0, 0.5, t0, t0)));
            // a region of 150 characters fits pricing_history (200), but not a source of "wfp:" and it (100)
            store.pricingHistory().upsertAll(List.of(price("2023-01-15", "Kakuma", "50.00"),
                    price("2023-01-15", "M".repeat(150), "51.00")));
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            MarketPricesStep.Result result = MarketPricesStep.run(store, List.of(MAIZE),
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(result.run().balanced()).isTrue();
            assertThat(result.observations()).isEqualTo(1);
            assertThat(store.marketData().count()).isEqualTo(1);
            assertThat(store.quarantine().find(result.run().runId())).singleElement().satisfies(r -> {
                assertThat(r.reasonCode()).isEqualTo("STAGE_ERROR");
                assertThat(r.message()).contains("source must be at most 100 characters, was 154");
            });
        }
    }
}
