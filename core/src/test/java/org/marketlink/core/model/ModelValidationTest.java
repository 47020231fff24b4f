package org.marketlink.core.model;

import org.junit.jupiter.api.Test;
import org.marketlink.core.testsupport.Samples;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelValidationTest {
    private static final UUID ID = UUID.randomUUID();
    private static final Instant T = Samples.T0;

    @Test
    void geoPoint_outOfRange_namesFieldAndValue() {
        assertThatThrownBy(() -> new GeoPoint(91, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latitude").hasMessageContaining("91");
        assertThatThrownBy(() -> new GeoPoint(0, -180.5)).hasMessageContaining("longitude")
                .hasMessageContaining("-180.5");
        assertThatThrownBy(() -> new GeoPoint(Double.NaN, 0)).hasMessageContaining("latitude")
                .hasMessageContaining("NaN");
        assertThat(new GeoPoint(-90, 180).latitude()).isEqualTo(-90);
    }

    @Test
    void geoPoint_distance_matchesKnownCityPair() {
        // Nairobi to Mombasa is about 440 km as the crow flies
        double km = new GeoPoint(-1.2864, 36.8172).distanceKm(new GeoPoint(-4.0435, 39.6682));
        assertThat(km).isBetween(435.0, 445.0);
        assertThat(new GeoPoint(10, 10).distanceKm(new GeoPoint(10, 10))).isZero();
    }

    @Test
    void range_minAboveMax_isRejected() {
        assertThatThrownBy(() -> Range.of(5L, 4L)).hasMessageContaining("5..4");
        assertThatThrownBy(() -> Range.of(Double.NEGATIVE_INFINITY, 1.0)).hasMessageContaining("finite");
        assertThat(Range.of(3L, 3L).contains(3L)).isTrue();
        assertThat(Range.of(3L, 5L).contains(6L)).isFalse();
    }

    @Test
    void product_negativeOrExcessPrecisionPrice_isRejected() {
        Product p = Samples.product(ID, "Shawl");
        assertThatThrownBy(() -> new Product(ID, ID, "x", "c", "", "kg", new BigDecimal("-1.00"), BigDecimal.ZERO,
                List.of(), List.of(), 0, 1, 0, 0.5, T, T)).hasMessageContaining("unitPrice")
                .hasMessageContaining("-1.00");
        assertThatThrownBy(() -> new Product(ID, ID, "x", "c", "", "kg", new BigDecimal("1.005"), BigDecimal.ZERO,
                List.of(), List.of(), 0, 1, 0, 0.5, T, T)).hasMessageContaining("unitPrice")
                .hasMessageContaining("1.005");
        assertThatThrownBy(() -> new Product(ID, ID, "x", "c", "", "kg", BigDecimal.ONE, BigDecimal.ZERO,
                List.of(), List.of(), 0, 1, 0, Double.NaN, T, T)).hasMessageContaining("sustainabilityScore");
        assertThat(p.unitPrice().scale()).isEqualTo(2);
        assertThat(p.costPrice()).isEqualByComparingTo("300").extracting(BigDecimal::scale).isEqualTo(2);
        assertThat(p.category()).isEqualTo("textiles");
    }

    @Test
    void shg_badValues_namesField() {
        Location here = Location.of("", "Kisumu", "ke", null);
        assertThat(here.country()).isEqualTo("KE");
        assertThatThrownBy(() -> new Shg(ID, " ", here, "c", 1, 0, null, null, null, null, T, T))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new Shg(ID, "n", here, "c", 0, 0, null, null, null, null, T, T))
                .hasMessageContaining("memberCount").hasMessageContaining("0");
        assertThatThrownBy(() -> new Shg(ID, "n", here, "c", 1, 0, null, Map.of("x", Double.POSITIVE_INFINITY),
                null, null, T, T)).hasMessageContaining("qualityMetrics.x");
        assertThatThrownBy(() -> new Shg(ID, "n", here, "c", 1, 0, null, null, null, null, T, T.minusSeconds(1)))
                .hasMessageContaining("updatedAt");
        assertThatThrownBy(() -> Location.of("", "r", "Kenya", null)).hasMessageContaining("country")
                .hasMessageContaining("KENYA");
    }

    @Test
    void bankDetails_neverShownInToStringOrErrors() {
        Shg shg = Samples.shg("Umoja");
        assertThat(shg.toString()).doesNotContain(Samples.ACCOUNT_NUMBER).doesNotContain("achieng@");
        assertThat(shg.bankDetails().orElseThrow().toString()).doesNotContain(Samples.ACCOUNT_NUMBER);
        assertThatThrownBy(() -> new BankDetails("A", "12-34-secret", "X"))
                .hasMessageContaining("accountNumber").hasMessageNotContaining("12-34-secret");
    }

    @Test
    void order_totalNotSumOfLines_isRejectedWithBothAmounts() {
        List<OrderLine> lines = List.of(new OrderLine(ID, new BigDecimal("2"), new BigDecimal("10.25")));
        assertThatThrownBy(() -> new Order(ID, "R1", ID, ID, lines, new BigDecimal("20.00"), T, Optional.empty(),
                OrderStatus.PENDING, PaymentStatus.PENDING, "", Optional.empty()))
                .hasMessageContaining("totalValue").hasMessageContaining("20.50").hasMessageContaining("20.00");
        Order ok = Order.of(ID, "R1", ID, ID, lines, T, null, OrderStatus.PENDING, PaymentStatus.PENDING, null);
        assertThat(ok.totalValue()).isEqualByComparingTo("20.50");
        assertThatThrownBy(() -> Order.of(ID, "R1", ID, ID, List.of(), T, null, OrderStatus.PENDING,
                PaymentStatus.PENDING, null)).hasMessageContaining("lines");
        assertThatThrownBy(() -> new OrderLine(ID, BigDecimal.ZERO, BigDecimal.ONE)).hasMessageContaining("quantity");
    }

    @Test
    void marketData_outOfRangeSignals_areRejected() {
        assertThatThrownBy(() -> new MarketData(ID, T, BigDecimal.ONE, 10.5, 0, 0.5, Trend.UP, "s"))
                .hasMessageContaining("demandSignal").hasMessageContaining("10.5");
        assertThatThrownBy(() -> new MarketData(ID, T, BigDecimal.ONE, 5, 0, 1.01, Trend.UP, "s"))
                .hasMessageContaining("availabilityIndex");
        assertThatThrownBy(() -> new MarketData(ID, T, BigDecimal.ONE, 5, -1, 0.5, Trend.UP, "s"))
                .hasMessageContaining("competitorCount");
        assertThatThrownBy(() -> new MarketData(ID, T, BigDecimal.ONE, 5, 0, 0.5, null, "s"))
                .hasMessageContaining("trend");
    }

    @Test
    void forecast_lowerAboveUpperOrNaN_isRejected() {
        LocalDate d = LocalDate.of(2026, 2, 1);
        assertThatThrownBy(() -> new DemandForecast(ID, d, 7, 10, 12, 11, "m", T))
                .hasMessageContaining("lowerBound").hasMessageContaining("12.0").hasMessageContaining("11.0");
        assertThatThrownBy(() -> new DemandForecast(ID, d, 7, Double.NaN, 1, 2, "m", T))
                .hasMessageContaining("predictedDemand").hasMessageContaining("NaN");
        assertThatThrownBy(() -> new DemandForecast(ID, d, 0, 1, 1, 2, "m", T)).hasMessageContaining("periodDays");
    }

    @Test
    void buyer_badRanges_areRejected() {
        Buyer b = Samples.buyer("Mama Mboga");
        assertThat(b.priceRange().max()).isEqualByComparingTo("600.50");
        assertThat(b.categoryPreferences()).containsExactly("textiles", "spices");
        assertThatThrownBy(() -> new Buyer(ID, "b", BuyerType.RETAILER, b.location(), null, null, Range.of(-1L, 3L),
                b.priceRange(), null, PaymentTerms.ADVANCE, 3, T, T)).hasMessageContaining("orderVolume.min");
        assertThatThrownBy(() -> new Buyer(ID, "b", BuyerType.RETAILER, b.location(), null, null, Range.of(1L, 3L),
                b.priceRange(), null, PaymentTerms.ADVANCE, 5.5, T, T)).hasMessageContaining("rating");
    }

    @Test
    void match_followsLifeCycle() {
        Match m = Samples.match(ID, ID, null);
        Match accepted = m.moveTo(MatchStatus.ACCEPTED, T.plusSeconds(60));
        assertThat(accepted.status()).isEqualTo(MatchStatus.ACCEPTED);
        assertThat(accepted.lastInteraction()).isEqualTo(T.plusSeconds(60));
        Match completed = accepted.moveTo(MatchStatus.CONNECTED, T).moveTo(MatchStatus.COMPLETED, T);
        assertThat(completed.status()).isEqualTo(MatchStatus.COMPLETED);
        assertThat(m.moveTo(MatchStatus.DECLINED, T).status()).isEqualTo(MatchStatus.DECLINED);
        assertThat(accepted.moveTo(MatchStatus.DECLINED, T).status()).isEqualTo(MatchStatus.DECLINED);
    }

    @Test
    void match_illegalTransition_namesBothStates() {
        Match m = Samples.match(ID, ID, null);
        assertThatThrownBy(() -> m.moveTo(MatchStatus.COMPLETED, T)).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("PENDING").hasMessageContaining("COMPLETED");
        Match declined = m.moveTo(MatchStatus.DECLINED, T);
        assertThatThrownBy(() -> declined.moveTo(MatchStatus.ACCEPTED, T))
                .hasMessageContaining("DECLINED").hasMessageContaining("ACCEPTED").hasMessageContaining("final");
        Match connected = m.moveTo(MatchStatus.ACCEPTED, T).moveTo(MatchStatus.CONNECTED, T);
        assertThatThrownBy(() -> connected.moveTo(MatchStatus.DECLINED, T))
                .hasMessageContaining("CONNECTED").hasMessageContaining("DECLINED");
        assertThatThrownBy(() -> new Match(ID, ID, ID, null, 1.2, MatchStatus.PENDING, "", T, null, T))
                .hasMessageContaining("score");
    }

    @Test
    void instants_areKeptToTheMicrosecondTheDatabasesStore() {
        Instant nanos = Instant.parse("2026-01-01T00:00:00.123456789Z");
        MarketData m = new MarketData(ID, nanos, BigDecimal.ONE, 1, 0, 0.5, Trend.UP, "s");
        assertThat(m.observedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }

    @Test
    void pricingHistory_negativeQuantity_isRejected() {
        assertThatThrownBy(() -> new PricingHistory(ID, LocalDate.EPOCH, BigDecimal.ONE, new BigDecimal("-1"), 0, "r"))
                .hasMessageContaining("quantitySold").hasMessageContaining("-1");
        assertThatThrownBy(() -> new PricingHistory(ID, LocalDate.EPOCH, BigDecimal.ONE, BigDecimal.ONE, 0, ""))
                .hasMessageContaining("region");
    }
}
