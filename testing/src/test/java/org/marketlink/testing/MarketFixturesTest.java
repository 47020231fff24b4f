package org.marketlink.testing;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.OrderRating;
import org.marketlink.core.model.OrderStatus;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.model.Trend;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MarketFixturesTest {
    @Test
    void theSameSeedGivesTheSameMarketAndAnotherSeedAnother() {
        MarketFixtures a = MarketFixtures.generate(3, MarketFixtures.Options.defaults());
        MarketFixtures b = MarketFixtures.generate(3, MarketFixtures.Options.defaults());
        MarketFixtures c = MarketFixtures.generate(4, MarketFixtures.Options.defaults());
        assertThat(a.shgs()).isEqualTo(b.shgs());
        assertThat(a.products()).isEqualTo(b.products());
        assertThat(a.sales()).isEqualTo(b.sales());
        assertThat(a.orders()).isEqualTo(b.orders());
        assertThat(a.matchHistory()).isEqualTo(b.matchHistory());
        assertThat(a.shgs()).isNotEqualTo(c.shgs());
    }

    @Test
    void theMarketIsConsistent() {
        MarketFixtures f = MarketFixtures.generate(11, MarketFixtures.Options.defaults().withSize(12, 15).withDays(60));
        Map<UUID, Shg> shgs = f.shgs().stream().collect(Collectors.toMap(Shg::id, Function.identity()));
        Map<UUID, Product> products = f.products().stream().collect(Collectors.toMap(Product::id, Function.identity()));
        Set<UUID> buyers = f.buyers().stream().map(b -> b.id()).collect(Collectors.toSet());
        assertThat(shgs).hasSize(12);
        assertThat(buyers).hasSize(15);
        assertThat(f.products()).allMatch(p -> shgs.containsKey(p.shgId()));
        assertThat(f.sales()).hasSize(products.size() * 60);
        assertThat(f.orders()).allMatch(o -> shgs.containsKey(o.shgId()) && buyers.contains(o.buyerId())
                && o.lines().stream().allMatch(l -> products.get(l.productId()).shgId().equals(o.shgId())));
        assertThat(f.matchHistory()).allMatch(m -> m.status().isFinal());
    }

    @Test
    void deliveredOrdersAreRatedAndSomeReturnedBeforeToday() {
        MarketFixtures f = MarketFixtures.generate(11, MarketFixtures.Options.defaults().withSize(30, 40).withDays(120));
        Map<UUID, Order> orders = f.orders().stream().collect(Collectors.toMap(Order::id, Function.identity()));
        Instant today = MarketFixtures.Options.defaults().today().atStartOfDay().toInstant(ZoneOffset.UTC);
        long delivered = f.orders().stream().filter(o -> o.status() == OrderStatus.DELIVERED).count();
        assertThat(f.ratings()).hasSizeBetween((int) (delivered * 0.3), (int) (delivered * 0.8))
                .allMatch(r -> orders.get(r.orderId()).status() == OrderStatus.DELIVERED
                        && !r.ratedAt().isAfter(today));
        assertThat(f.ratings()).extracting(OrderRating::stars).allMatch(x -> x >= 1 && x <= 5).contains(5);
        assertThat(f.ratings().stream().map(OrderRating::stars).distinct().count()).isGreaterThanOrEqualTo(3);
        assertThat(f.returns()).isNotEmpty().allMatch(r -> {
            Order o = orders.get(r.orderId());
            return o.status() == OrderStatus.DELIVERED && !r.returnedAt().isAfter(today)
                    && o.lines().stream().anyMatch(l -> l.productId().equals(r.productId())
                    && r.quantity().compareTo(l.quantity()) <= 0);
        });
        assertThat(f.returns().size()).isLessThan(f.ratings().size());
        // the same seed gives the same ratings and returns
        MarketFixtures again = MarketFixtures.generate(11, MarketFixtures.Options.defaults().withSize(30, 40)
                .withDays(120));
        assertThat(again.ratings()).isEqualTo(f.ratings());
        assertThat(again.returns()).isEqualTo(f.returns());
    }

    @Test
    void procurementAwardsAreSyntheticGovernmentPurchasesWithTheirDirtRecorded() {
        MarketFixtures f = MarketFixtures.generate(3, MarketFixtures.Options.defaults().withSize(20, 40)
                .withDirtyShare(0.2));
        MarketFixtures.DirtyRows awards = f.procurementAwards();
        String[] lines = awards.csv().split("\n");
        assertThat(lines[0]).isEqualTo("tender_id,awarded_on,agency_id,agency,supplier_group_id,product_id,item,"
                + "quantity,unit_price,delivery_by,data_origin");
        assertThat(lines).hasSize(1 + f.products().size());
        Set<String> agencies = f.buyers().stream().filter(b -> b.type() == BuyerType.GOVERNMENT)
                .map(b -> b.id().toString()).collect(Collectors.toSet());
        assertThat(agencies).isNotEmpty();
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i]).as("line %d", i).endsWith(",synthetic");
            assertThat(agencies).as("line %d", i).anyMatch(lines[i]::contains);
        }
        assertThat(awards.dirt()).isNotEmpty();
        awards.dirt().forEach((line, kind) -> {
            String row = lines[line];
            switch (kind) {
                case NEGATIVE_PRICE -> assertThat(row).contains(",-");
                case UNPARSEABLE_DATE -> assertThat(row).containsPattern(",[0-9]{2}/[0-9]{2}/[0-9]{4},");
                case MISSING_PRODUCT -> assertThat(row.split(",", -1)[5]).isEmpty();
                case DUPLICATE -> assertThat(row).isEqualTo(lines[line - 1]);
                default -> throw new AssertionError(kind);
            }
        });
        assertThat(MarketFixtures.generate(3, MarketFixtures.Options.defaults().withSize(20, 40).withDirtyShare(0.2))
                .procurementAwards()).isEqualTo(awards);
    }

    @Test
    void marketPricesFollowTheirTrendAndSalesTheWeeklyCycle() {
        MarketFixtures f = MarketFixtures.generate(9, MarketFixtures.Options.defaults().withSize(30, 1).withDays(364));
        Map<UUID, List<MarketData>> byProduct = f.marketData().stream()
                .collect(Collectors.groupingBy(MarketData::productId));
        int up = 0;
        int agreeing = 0;
        for (var observations : byProduct.values()) {
            if (observations.get(0).trend() != Trend.UP) {
                continue;
            }
            up++;
            double first = observations.subList(0, 8).stream().mapToDouble(m -> m.price().doubleValue()).average()
                    .orElseThrow();
            double last = observations.subList(observations.size() - 8, observations.size()).stream()
                    .mapToDouble(m -> m.price().doubleValue()).average().orElseThrow();
            agreeing += last > first ? 1 : 0;
        }
        assertThat(up).isGreaterThan(5);
        assertThat((double) agreeing / up).isGreaterThan(0.8);
        // Saturdays (market day) sell more than Sundays
        double saturday = f.sales().stream().filter(s -> s.saleDate().getDayOfWeek().getValue() == 6)
                .mapToDouble(s -> s.quantitySold().doubleValue()).sum();
        double sunday = f.sales().stream().filter(s -> s.saleDate().getDayOfWeek().getValue() == 7)
                .mapToDouble(s -> s.quantitySold().doubleValue()).sum();
        assertThat(saturday).isGreaterThan(2 * sunday);
    }

    @Test
    void dirtyRowsComeInTheShareAskedAndAreNamed() {
        MarketFixtures f = MarketFixtures.generate(5, MarketFixtures.Options.defaults().withDirtyShare(0.1));
        MarketFixtures.DirtyRows rows = f.dirtyPriceRows();
        int lines = rows.csv().split("\n").length - 1;
        assertThat(lines).isEqualTo(f.sales().size());
        assertThat((double) rows.dirt().size() / lines).isCloseTo(0.1, within(0.02));
        assertThat(rows.dirt().values()).contains(MarketFixtures.Dirt.values());
        String[] all = rows.csv().split("\n");
        rows.dirt().forEach((line, kind) -> {
            String text = all[line];
            switch (kind) {
                case NEGATIVE_PRICE -> assertThat(text).contains(",-");
                case UNPARSEABLE_DATE -> assertThat(text).contains("/");
                case MISSING_PRODUCT -> assertThat(text).startsWith(",");
                case DUPLICATE -> assertThat(text).isEqualTo(all[line - 1]);
            }
        });
        assertThat(MarketFixtures.generate(5, MarketFixtures.Options.defaults()).dirtyPriceRows().dirt()).isEmpty();
        assertThatThrownBy(() -> MarketFixtures.Options.defaults().withDirtyShare(2)).hasMessageContaining("dirtyShare");
    }
}
