package org.marketlink.core.features.market;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Trend;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MarketFeaturesTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    private static MarketData at(UUID product, Instant t, String price, String source) {
        return new MarketData(product, t, new BigDecimal(price), 0, 0, 1, Trend.STABLE, source);
    }

    @Test
    void aWeeklyObservationHasAWindowOfItsOwnAndNoVolatility() {
        List<MarketFeatures.Point> points = MarketFeatures.sevenDays().compute(List.of(
                at(A, T0.plus(Duration.ofDays(7)), "110.00", "s"), at(A, T0, "100.00", "s")));
        assertThat(points).hasSize(2);
        assertThat(points.get(0).observedAt()).isEqualTo(T0);
        assertThat(points.get(1).observations()).isEqualTo(1);
        assertThat(points.get(1).mean()).isEqualTo(110.0);
        assertThat(points.get(1).volatility()).isNaN();
        assertThat(points.get(0).change()).isNaN();
        assertThat(points.get(1).change()).isCloseTo(0.10, within(1e-12));
    }

    @Test
    void marketsObservedOnOneDayShareItsWindow() {
        List<MarketFeatures.Point> points = MarketFeatures.sevenDays().compute(List.of(
                at(A, T0, "10.00", "market a"), at(A, T0, "14.00", "market b"),
                at(A, T0.plus(Duration.ofDays(3)), "18.00", "market a")));
        assertThat(points).hasSize(2);
        assertThat(points.get(0).observations()).isEqualTo(2);
        assertThat(points.get(0).mean()).isEqualTo(12.0);
        assertThat(points.get(0).volatility()).isCloseTo(Math.sqrt(8), within(1e-12));
        assertThat(points.get(1).observations()).isEqualTo(3);
        assertThat(points.get(1).mean()).isCloseTo(14.0, within(1e-12));
        assertThat(points.get(1).volatility()).isCloseTo(4.0, within(1e-12));
        assertThat(points.get(1).change()).isCloseTo(14.0 / 12 - 1, within(1e-12));
    }

    @Test
    void equalsTheDefinitionOnShuffledRandomObservations() {
        Random r = new Random(19);
        for (int round = 0; round < 20; round++) {
            List<UUID> products = new ArrayList<>();
            for (int p = 0; p < 1 + r.nextInt(6); p++) {
                products.add(new UUID(r.nextLong(), r.nextLong()));
            }
            List<MarketData> rows = new ArrayList<>();
            int n = r.nextInt(300);
            for (int i = 0; i < n; i++) {
                // whole days and odd hours, so windows have ties, edges exactly seven days back and gaps
                Instant t = T0.plus(Duration.ofHours(r.nextBoolean() ? 24L * r.nextInt(60) : r.nextInt(1440)));
                String price = r.nextInt(8) == 0 ? "0.00" : BigDecimal.valueOf(r.nextInt(100_000), 2).toPlainString();
                rows.add(at(products.get(r.nextInt(products.size())), t, price, "source " + i));
            }
            Collections.shuffle(rows, r);
            Duration window = r.nextBoolean() ? Duration.ofDays(7) : Duration.ofHours(1 + r.nextInt(200));
            List<MarketFeatures.Point> fast = MarketFeatures.of(window).compute(rows);
            List<MarketFeatures.Point> slow = slow(rows, window);
            assertThat(fast).as("round %d", round).hasSameSizeAs(slow);
            for (int i = 0; i < slow.size(); i++) {
                MarketFeatures.Point f = fast.get(i);
                MarketFeatures.Point s = slow.get(i);
                String at = "round " + round + ", point " + i + ": " + f + " against " + s;
                assertThat(f.productId()).as(at).isEqualTo(s.productId());
                assertThat(f.observedAt()).as(at).isEqualTo(s.observedAt());
                assertThat(f.observations()).as(at).isEqualTo(s.observations());
                close(f.mean(), s.mean(), at);
                close(f.volatility(), s.volatility(), at);
                close(f.change(), s.change(), at);
            }
        }
    }

    private static void close(double actual, double expected, String at) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(at).isNaN();
        } else {
            assertThat(actual).as(at).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void refusesWhatItCannotCompute() {
        assertThatThrownBy(() -> MarketFeatures.of(Duration.ZERO)).hasMessageContaining("window");
        // (t - 1 ms, t] in whole milliseconds is no window at all
        assertThatThrownBy(() -> MarketFeatures.of(Duration.ofMillis(1)))
                .hasMessageContaining("at least two milliseconds");
        assertThatThrownBy(() -> MarketFeatures.sevenDays().compute(Collections.singletonList(null)))
                .hasMessageContaining("observation 0 is null");
    }

    /** The definition, one window at a time. */
    private static List<MarketFeatures.Point> slow(List<MarketData> rows, Duration window) {
        TreeSet<UUID> products = new TreeSet<>();
        rows.forEach(m -> products.add(m.productId()));
        List<MarketFeatures.Point> out = new ArrayList<>();
        for (UUID p : products) {
            TreeSet<Instant> instants = new TreeSet<>();
            rows.stream().filter(m -> m.productId().equals(p)).forEach(m -> instants.add(m.observedAt()));
            double previous = Double.NaN;
            for (Instant t : instants) {
                List<Double> prices = rows.stream().filter(m -> m.productId().equals(p)
                                && m.observedAt().isAfter(t.minus(window)) && !m.observedAt().isAfter(t))
                        .map(m -> m.price().doubleValue()).toList();
                double mean = prices.stream().mapToDouble(Double::doubleValue).sum() / prices.size();
                double ss = prices.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
                double sd = prices.size() < 2 ? Double.NaN : Math.sqrt(ss / (prices.size() - 1));
                double change = Double.isNaN(previous) || previous == 0 ? Double.NaN : (mean - previous) / previous;
                out.add(new MarketFeatures.Point(p, t, prices.size(), mean, sd, change));
                previous = mean;
            }
        }
        return out;
    }
}
