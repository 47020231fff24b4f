package org.marketlink.matching.features;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.model.GeoPoint;
import org.marketlink.core.model.Location;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.core.model.PaymentTerms;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Range;
import org.marketlink.core.model.Shg;
import org.marketlink.matching.internal.Geo;
import org.marketlink.testing.SyntheticMarket;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PairFeaturesTest {
    static final Instant T0 = Instant.parse("2026-01-05T08:30:00Z");
    static final GeoPoint PUNE = new GeoPoint(18.5204, 73.8567);
    static final GeoPoint MUMBAI = new GeoPoint(19.0760, 72.8777);
    final PairFeatures features = new PairFeatures(PairFeatures.Options.defaults());

    static Shg shg(GeoPoint at, String category, long capacity, List<String> certs, Map<String, Double> metrics) {
        return new Shg(UUID.randomUUID(), "Mahila Udyog", Location.of("", "Pune", "IN", at), category, 12, capacity,
                certs, metrics, ContactInfo.none(), Optional.empty(), T0, T0);
    }

    static Product product(Shg shg, String category, String price, List<String> certs) {
        return new Product(UUID.randomUUID(), shg.id(), "p-" + UUID.randomUUID(), category, "", "kg",
                new BigDecimal(price), BigDecimal.ONE, List.of(), certs, 0, 1, 10, 0.5, T0, T0);
    }

    static Buyer buyer(GeoPoint at, BuyerType type, List<String> prefs, long volMin, long volMax, String priceMin,
                       String priceMax, List<String> certs, Map<String, Double> requirements) {
        return new Buyer(UUID.randomUUID(), "FreshMart", type, Location.of("", "Mumbai", "IN", at), prefs,
                requirements, Range.of(volMin, volMax), Range.of(new BigDecimal(priceMin), new BigDecimal(priceMax)),
                certs, PaymentTerms.NET_30, 4, T0, T0);
    }

    static double f(double[] v, PairFeature feature) {
        return v[feature.ordinal()];
    }

    @Test
    void categoryAlignmentIsTheShareOfProductsInPreferredCategories() {
        Shg s = shg(PUNE, "spices", 100, List.of(), Map.of());
        ShgProfile p = ShgProfile.of(s, List.of(product(s, "spices", "10", List.of()),
                product(s, "spices", "12", List.of()), product(s, "pickles", "8", List.of()),
                product(s, "honey", "30", List.of())));
        Buyer b = buyer(MUMBAI, BuyerType.RETAILER, List.of("spices", "honey"), 10, 100, "5", "50", List.of(), Map.of());
        assertThat(f(features.compute(p, b), PairFeature.CATEGORY_ALIGNMENT)).isCloseTo(0.75, within(1e-12));
        Buyer none = buyer(MUMBAI, BuyerType.RETAILER, List.of(), 10, 100, "5", "50", List.of(), Map.of());
        assertThat(f(features.compute(p, none), PairFeature.CATEGORY_ALIGNMENT)).isZero();
    }

    @Test
    void aGroupWithoutProductsFallsBackToItsOwnCategoryAndNeutralPrices() {
        ShgProfile p = ShgProfile.of(shg(PUNE, "honey", 100, List.of(), Map.of()), List.of());
        Buyer likes = buyer(MUMBAI, BuyerType.RETAILER, List.of("honey"), 10, 100, "5", "50", List.of(), Map.of());
        Buyer other = buyer(MUMBAI, BuyerType.RETAILER, List.of("tea"), 10, 100, "5", "50", List.of(), Map.of());
        double[] v = features.compute(p, likes);
        assertThat(f(v, PairFeature.CATEGORY_ALIGNMENT)).isEqualTo(1);
        assertThat(f(v, PairFeature.PRICE_OVERLAP)).isEqualTo(0.5);
        assertThat(f(v, PairFeature.LOGISTICS)).isEqualTo(0.5);
        assertThat(f(features.compute(p, other), PairFeature.CATEGORY_ALIGNMENT)).isZero();
    }

    @Test
    void proximityAndLogisticsUseTheHaversineDistanceAndAreNeutralWithoutCoordinates() {
        Shg s = shg(PUNE, "spices", 100, List.of(), Map.of());
        ShgProfile p = ShgProfile.of(s, List.of(product(s, "spices", "100", List.of())));
        Buyer b = buyer(MUMBAI, BuyerType.RETAILER, List.of("spices"), 10, 30, "5", "50", List.of(), Map.of());
        double km = PairFeatures.distanceKm(s, b);
        assertThat(km).isCloseTo(120, within(5.0)); // Pune–Mumbai is about 120 km as the crow flies
        PairFeatures custom = new PairFeatures(PairFeatures.Options.defaults().withDistanceScaleKm(240)
                .withCostModel(CostModel.linear(10, 2)));
        double[] v = custom.compute(p, b);
        assertThat(f(v, PairFeature.PROXIMITY)).isCloseTo(1 - km / 240, within(1e-12));
        // 10 per km shared by 20 units (middle of 10..30) plus 2 per unit, against an average price of 100
        assertThat(f(v, PairFeature.LOGISTICS)).isCloseTo(1 - (10 * km / 20 + 2) / 100, within(1e-12));
        Buyer far = buyer(new GeoPoint(28.61, 77.21), BuyerType.RETAILER, List.of("spices"), 10, 30, "5", "50",
                List.of(), Map.of());
        assertThat(f(custom.compute(p, far), PairFeature.PROXIMITY)).isZero();
        assertThat(f(custom.compute(p, far), PairFeature.LOGISTICS)).isZero();

        Shg nowhere = shg(null, "spices", 100, List.of(), Map.of());
        double[] unknown = custom.compute(ShgProfile.of(nowhere, List.of(product(nowhere, "spices", "100", List.of()))), b);
        assertThat(Double.isNaN(PairFeatures.distanceKm(nowhere, b))).isTrue();
        assertThat(f(unknown, PairFeature.PROXIMITY)).isEqualTo(0.5);
        assertThat(f(unknown, PairFeature.LOGISTICS)).isEqualTo(0.5);
    }

    @Test
    void volumeCompatibilityCoversEveryShapeOfRange() {
        assertThat(PairFeatures.volumeCompatibility(500, 100, 400)).isEqualTo(1);
        assertThat(PairFeatures.volumeCompatibility(250, 100, 400)).isCloseTo(0.75, within(1e-12));
        assertThat(PairFeatures.volumeCompatibility(100, 100, 400)).isEqualTo(0.5);
        assertThat(PairFeatures.volumeCompatibility(50, 100, 400)).isEqualTo(0.25);
        assertThat(PairFeatures.volumeCompatibility(0, 100, 400)).isZero();
        // min == max: no division by zero
        assertThat(PairFeatures.volumeCompatibility(200, 200, 200)).isEqualTo(1);
        assertThat(PairFeatures.volumeCompatibility(100, 200, 200)).isEqualTo(0.25);
        assertThat(PairFeatures.volumeCompatibility(0, 0, 0)).isEqualTo(1);
    }

    @Test
    void qualityFitAveragesCertificationsHeldAndMeasuresMet() {
        Shg s = shg(PUNE, "spices", 100, List.of("fssai"), Map.of("hygiene", 0.9, "packaging", 0.4));
        ShgProfile p = ShgProfile.of(s, List.of(product(s, "spices", "10", List.of("organic"))));
        Buyer b = buyer(MUMBAI, BuyerType.RETAILER, List.of("spices"), 10, 100, "5", "50",
                List.of("fssai", "organic", "gi_tag", "iso_9001"),
                Map.of("hygiene", 0.8, "packaging", 0.5, "consistency", 0.1));
        // certifications 2 of 4 (one held through a product), measures 1 of 3 (consistency not reported: not met)
        assertThat(f(features.compute(p, b), PairFeature.QUALITY_FIT)).isCloseTo((0.5 + 1.0 / 3) / 2, within(1e-12));
        Buyer easy = buyer(MUMBAI, BuyerType.RETAILER, List.of("spices"), 10, 100, "5", "50", List.of(), Map.of());
        assertThat(f(features.compute(p, easy), PairFeature.QUALITY_FIT)).isEqualTo(1);
    }

    @Test
    void priceOverlapIsAFractionOfTheNarrowerRange() {
        assertThat(PairFeatures.priceOverlap(10, 20, 15, 40)).isCloseTo(0.5, within(1e-12));
        assertThat(PairFeatures.priceOverlap(10, 20, 0, 100)).isEqualTo(1);
        assertThat(PairFeatures.priceOverlap(10, 20, 30, 40)).isZero();
        assertThat(PairFeatures.priceOverlap(10, 20, 20, 40)).isZero(); // touching is no overlap of length
        assertThat(PairFeatures.priceOverlap(12, 12, 10, 20)).isEqualTo(1);
        assertThat(PairFeatures.priceOverlap(10, 20, 25, 25)).isZero();
        assertThat(PairFeatures.priceOverlap(7, 7, 7, 7)).isEqualTo(1);
    }

    @Test
    void collaborativeSuccessIsSmoothedAndDefinedForColdStarts() {
        Shg s = shg(PUNE, "spices", 100, List.of(), Map.of());
        Buyer retailer = buyer(MUMBAI, BuyerType.RETAILER, List.of("spices"), 10, 100, "5", "50", List.of(), Map.of());
        Buyer government = buyer(MUMBAI, BuyerType.GOVERNMENT, List.of("spices"), 10, 100, "5", "50", List.of(),
                Map.of());
        ShgProfile p = ShgProfile.of(s, List.of());
        assertThat(f(features.compute(p, retailer), PairFeature.COLLABORATIVE_SUCCESS)).isEqualTo(0.5);

        List<Match> past = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            past.add(finished(s, retailer, i < 6 ? MatchStatus.COMPLETED : MatchStatus.DECLINED));
        }
        past.add(Match.pending(UUID.randomUUID(), s.id(), retailer.id(), null, 0.5, "", T0)); // under way: ignored
        Map<UUID, BuyerType> types = Map.of(retailer.id(), BuyerType.RETAILER, government.id(), BuyerType.GOVERNMENT);
        SuccessHistory history = SuccessHistory.of(past, id -> id.equals(s.id()) ? "spices" : null, types::get, 2);
        double overall = (6 + 1.0) / (8 + 2);
        assertThat(history.overallRate()).isCloseTo(overall, within(1e-12));
        PairFeatures withHistory = new PairFeatures(PairFeatures.Options.defaults().withHistory(history));
        assertThat(f(withHistory.compute(p, retailer), PairFeature.COLLABORATIVE_SUCCESS))
                .isCloseTo((6 + 2 * overall) / (8 + 2), within(1e-12));
        assertThat(f(withHistory.compute(p, government), PairFeature.COLLABORATIVE_SUCCESS))
                .isCloseTo(overall, within(1e-12));
        assertThatThrownBy(() -> SuccessHistory.of(past, id -> "x", id -> BuyerType.RETAILER, 0))
                .hasMessageContaining("priorStrength");
    }

    @Test
    void everyFeatureStaysWithinZeroAndOneOnRandomData() {
        var shgs = SyntheticMarket.shgs(200, 3, ShgProfile::of);
        var buyers = SyntheticMarket.buyers(200, 4);
        for (int i = 0; i < 200; i++) {
            double[] v = features.compute(shgs.get(i), buyers.get((i * 7) % 200));
            for (double x : v) {
                assertThat(x).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void theFastArcsineAgreesWithTheLibrary() {
        Random r = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            double x = i == 0 ? 1 : i == 1 ? 0 : i == 2 ? 0.5 : r.nextDouble();
            assertThat(Geo.asin(x)).isCloseTo(Math.asin(x), within(1e-12));
        }
    }

    @Test
    void productsOfAnotherGroupAreRejected() {
        Shg s = shg(PUNE, "spices", 100, List.of(), Map.of());
        Shg other = shg(PUNE, "spices", 100, List.of(), Map.of());
        assertThatThrownBy(() -> ShgProfile.of(s, List.of(product(other, "spices", "1", List.of()))))
                .hasMessageContaining("belongs to shg");
    }

    private static Match finished(Shg s, Buyer b, MatchStatus end) {
        Match m = Match.pending(UUID.randomUUID(), s.id(), b.id(), null, 0.5, "", T0).moveTo(MatchStatus.ACCEPTED, T0);
        return end == MatchStatus.DECLINED ? m.moveTo(end, T0) : m.moveTo(MatchStatus.CONNECTED, T0).moveTo(end, T0);
    }
}
