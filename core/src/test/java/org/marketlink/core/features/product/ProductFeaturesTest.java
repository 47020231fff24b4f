package org.marketlink.core.features.product;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Trend;
import org.marketlink.core.testsupport.Samples;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProductFeaturesTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    final Product product = Samples.product(UUID.randomUUID(), "Turmeric");

    PricingHistory day(LocalDate d, double price, double units) {
        return new PricingHistory(product.id(), d, BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_UP),
                BigDecimal.valueOf(units).setScale(3, RoundingMode.HALF_UP), 1, "Pune");
    }

    @Test
    void elasticityVelocityAndTrendOnKnownSeries() {
        List<PricingHistory> sales = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double price = 50 + (i % 5) * 5;            // 50..70
            double units = 1e5 * Math.pow(price, -1.5); // constant elasticity −1.5
            sales.add(day(AS_OF.minusDays(i), price, units));
        }
        sales.add(day(AS_OF.plusDays(3), 10, 10_000)); // after asOf: must be ignored
        Map<String, FeatureValue> f = ProductFeatures.compute(new ProductHistory(product, sales, List.of(),
                List.of(4.0, 5.0), 12, AS_OF));
        assertThat(f.get("price_elasticity").value()).isCloseTo(-1.5, within(0.01));
        assertThat(f.get("price_elasticity_se").value()).isLessThan(0.01);
        assertThat(f.get("sales_velocity").value()).isCloseTo(1.0, within(0.1)); // the 5-day price cycle
        assertThat(f.get("trend_p_value").value()).isGreaterThan(0.05); // no trend in a repeating pattern
        assertThat(ProductFeatures.trendDirection(f)).contains(Trend.STABLE);
        assertThat(f.get("average_rating").value()).isEqualTo(4.5);
        double sold = sales.subList(0, 60).stream().mapToDouble(s -> s.quantitySold().doubleValue()).sum();
        assertThat(f.get("return_rate").value()).isCloseTo(12 / sold, within(1e-9));
        assertThat(f.get("days_since_last_sale").value()).isZero();
        assertThat(f.get("price_zscore").isPresent()).isTrue();
        assertThat(f.get("market_share").reason()).contains("computeAll");
    }

    @Test
    void aRisingSeriesHasASignificantPositiveTrend() {
        List<PricingHistory> sales = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sales.add(day(AS_OF.minusDays(i), 40, 100 - 2 * i + (i % 3)));
        }
        Map<String, FeatureValue> f = ProductFeatures.compute(new ProductHistory(product, sales, List.of(), List.of(),
                0, AS_OF));
        assertThat(f.get("trend_slope").value()).isCloseTo(2, within(0.1));
        assertThat(f.get("trend_p_value").value()).isLessThan(1e-6);
        assertThat(f.get("trend_direction").value()).isEqualTo(1);
        assertThat(ProductFeatures.trendDirection(f)).contains(Trend.UP);
        assertThat(f.get("sales_velocity").value()).isGreaterThan(1);
        assertThat(f.get("price_elasticity").reason()).isEqualTo("the price never changed");
        assertThat(f.get("price_zscore").reason()).isEqualTo("past prices were all equal");
    }

    @Test
    void aFallingSeriesIsDownAndConstantUnitsAreStable() {
        List<PricingHistory> falling = new ArrayList<>();
        List<PricingHistory> constant = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            falling.add(day(AS_OF.minusDays(i), 40, 40 + 2 * i + (i % 3)));
            constant.add(day(AS_OF.minusDays(i), 40, 7));
        }
        Map<String, FeatureValue> down = ProductFeatures.compute(new ProductHistory(product, falling, List.of(),
                List.of(), 0, AS_OF));
        assertThat(down.get("trend_direction").value()).isEqualTo(-1);
        assertThat(ProductFeatures.trendDirection(down)).contains(Trend.DOWN);
        Map<String, FeatureValue> flat = ProductFeatures.compute(new ProductHistory(product, constant, List.of(),
                List.of(), 0, AS_OF));
        assertThat(flat.get("trend_p_value").isPresent()).isFalse();
        assertThat(ProductFeatures.trendDirection(flat)).contains(Trend.STABLE);
    }

    @Test
    void shortOrMissingHistoryGivesReasonsNotZeros() {
        Map<String, FeatureValue> f = ProductFeatures.compute(new ProductHistory(product, List.of(), List.of(),
                List.of(), 0, AS_OF));
        for (String name : List.of("price_zscore", "price_vs_market", "price_elasticity", "sales_velocity",
                "trend_slope", "seasonality_factor", "average_rating", "return_rate", "competition_level",
                "days_since_last_sale")) {
            assertThat(f.get(name).isPresent()).as(name).isFalse();
            assertThat(f.get(name).value()).isNaN();
            assertThat(f.get(name).reason()).as(name).isNotBlank();
        }
        assertThat(f.get("availability_score").value()).isEqualTo(product.availableQuantity() > 0 ? 1 : 0);
        assertThat(f.get("trend_direction").reason()).startsWith("fewer than 14 days");
        assertThat(f.keySet()).containsExactlyElementsOf(ProductFeatures.NAMES);
        assertThat(ProductFeatures.trendDirection(f)).isEmpty();
        assertThat(f.get("days_since_launch").isPresent()).isTrue();
    }

    @Test
    void seasonalityMarketPriceAndShare() {
        List<PricingHistory> sales = new ArrayList<>();
        for (LocalDate d = AS_OF.minusDays(730); !d.isAfter(AS_OF); d = d.plusDays(1)) {
            sales.add(day(d, 40, d.getMonthValue() == 6 ? 20 : 10));
        }
        MarketData m = new MarketData(product.id(), AS_OF.minusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC),
                new BigDecimal("50.00"), 5, 7, 0.5, Trend.STABLE, "wfp");
        ProductHistory h = new ProductHistory(product, sales, List.of(m), List.of(), 0, AS_OF);
        Map<String, FeatureValue> f = ProductFeatures.compute(h);
        double mean = sales.stream().mapToDouble(s -> s.quantitySold().doubleValue()).average().orElseThrow();
        assertThat(f.get("seasonality_factor").value()).isCloseTo(20 / mean, within(1e-9));
        assertThat(f.get("price_vs_market").value()).isCloseTo(product.unitPrice().doubleValue() / 50, within(1e-9));
        assertThat(f.get("competition_level").value()).isEqualTo(7);

        Product other = Samples.product(UUID.randomUUID(), "Chilli");
        List<PricingHistory> otherSales = List.of(new PricingHistory(other.id(), AS_OF, new BigDecimal("10.00"),
                new BigDecimal("300.000"), 1, "Pune"));
        List<Map<String, FeatureValue>> all = ProductFeatures.computeAll(List.of(h,
                new ProductHistory(other, otherSales, List.of(), List.of(), 0, AS_OF)));
        assertThat(all.get(0).get("market_share").value() + all.get(1).get("market_share").value())
                .isCloseTo(1, within(1e-9));
        assertThat(all.get(1).get("market_share").value()).isCloseTo(300.0 / (300 + 30 * 20), within(1e-9));
    }
}
