package org.marketlink.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.NoSuchEntityException;
import org.marketlink.core.UnableToWriteException;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.model.IllegalTransitionException;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.OrderRating;
import org.marketlink.core.model.OrderReturn;
import org.marketlink.core.model.OrderStatus;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.model.Trend;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.store.crypto.InMemoryKeyProvider;
import org.marketlink.testing.Samples;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every repository on H2 and on a real PostgreSQL. */
class RepositoryTest {
    private MarketStore store;

    private MarketStore open(Backend backend) {
        store = backend.open(StoreOptions.defaults().withKeyProvider(InMemoryKeyProvider.withNewKey("k1")));
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void shgs_insertFindUpsert_roundTripsEveryField(Backend backend) {
        MarketStore s = open(backend);
        Shg umoja = Samples.shg("Umoja");
        Shg tumaini = Samples.shgWithoutBank("Tumaini");
        s.shgs().insert(umoja);
        s.shgs().insert(tumaini);
        assertThat(s.shgs().get(umoja.id())).isEqualTo(umoja);
        assertThat(s.shgs().get(tumaini.id())).isEqualTo(tumaini);
        assertThat(s.shgs().findByCategory("HANDLOOM")).containsExactly(umoja);
        assertThat(s.shgs().findById(UUID.randomUUID())).isEmpty();
        assertThatThrownBy(() -> s.shgs().get(new UUID(0, 7))).isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("shg").hasMessageContaining("00000000-0000-0000-0000-000000000007");

        // same natural key, new id and values: the row is updated and keeps its id
        Shg changed = new Shg(UUID.randomUUID(), "Umoja", umoja.location(), "pottery", 20, 900, List.of(),
                umoja.qualityMetrics(), umoja.contact(), umoja.bankDetails(), Samples.T0, Samples.T0.plusSeconds(5));
        assertThat(s.shgs().upsertAll(List.of(changed))).isEqualTo(1);
        assertThat(s.shgs().upsertAll(List.of(changed))).isEqualTo(1);
        Shg stored = s.shgs().get(umoja.id());
        assertThat(stored.category()).isEqualTo("pottery");
        assertThat(stored.memberCount()).isEqualTo(20);
        assertThat(stored.bankDetails()).isEqualTo(umoja.bankDetails());
        assertThat(s.shgs().findById(changed.id())).isEmpty();
        assertThat(s.shgs().count()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void shgs_duplicateInsert_failsNamingTheKey(Backend backend) {
        MarketStore s = open(backend);
        Shg umoja = Samples.shg("Umoja");
        s.shgs().insert(umoja);
        Shg twin = Samples.shg("Umoja");
        assertThatThrownBy(() -> s.shgs().insert(twin)).isInstanceOf(UnableToWriteException.class)
                .hasMessageContaining("duplicate key").hasMessageContaining(twin.id().toString())
                .hasMessageNotContaining(Samples.ACCOUNT_NUMBER);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void products_queriesAndForeignKey(Backend backend) {
        MarketStore s = open(backend);
        Shg shg = Samples.shg("Umoja");
        s.shgs().insert(shg);
        Product shawl = Samples.product(shg.id(), "Shawl");
        Product mat = Samples.product(shg.id(), "Mat");
        assertThat(s.products().upsertAll(List.of(shawl, mat))).isEqualTo(2);
        assertThat(s.products().upsertAll(List.of(shawl, mat))).isEqualTo(2);
        assertThat(s.products().count()).isEqualTo(2);
        assertThat(s.products().findByShg(shg.id())).containsExactly(mat, shawl);
        assertThat(s.products().findByCategory("textiles")).hasSize(2);
        assertThat(s.products().get(shawl.id())).isEqualTo(shawl);

        Product orphan = Samples.product(UUID.randomUUID(), "Orphan");
        assertThatThrownBy(() -> s.products().insert(orphan)).isInstanceOf(UnableToWriteException.class)
                .hasMessageContaining("referenced row does not exist");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void products_batchWithOneBadRow_leavesNothing(Backend backend) {
        MarketStore s = open(backend);
        Shg shg = Samples.shg("Umoja");
        s.shgs().insert(shg);
        List<Product> batch = new ArrayList<>();
        IntStream.range(0, 50).forEach(i -> batch.add(Samples.product(shg.id(), "P" + i)));
        batch.add(Samples.product(UUID.randomUUID(), "P-orphan"));
        assertThatThrownBy(() -> s.products().upsertAll(batch)).isInstanceOf(UnableToWriteException.class)
                .hasMessageContaining("51 products");
        assertThat(s.products().count()).isZero();
        List<Product> withNull = new ArrayList<>(batch.subList(0, 3));
        withNull.add(null);
        assertThatThrownBy(() -> s.products().upsertAll(withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("products[3]");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void buyers_byTypeAndUpsert(Backend backend) {
        MarketStore s = open(backend);
        Buyer a = Samples.buyer("Gikomba Traders");
        Buyer b = Samples.buyer("County Schools Board");
        s.buyers().upsertAll(List.of(a, b));
        s.buyers().upsertAll(List.of(a, b));
        assertThat(s.buyers().count()).isEqualTo(2);
        assertThat(s.buyers().get(a.id())).isEqualTo(a);
        assertThat(s.buyers().findByType(BuyerType.WHOLESALER)).containsExactly(b, a);
        assertThat(s.buyers().findByType(BuyerType.GOVERNMENT)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void matches_uniquePerPairAndLifeCycleEnforced(Backend backend) {
        MarketStore s = open(backend);
        Shg shg = Samples.shg("Umoja");
        Buyer buyer = Samples.buyer("Gikomba Traders");
        Buyer other = Samples.buyer("Other");
        s.shgs().insert(shg);
        s.buyers().insert(buyer);
        s.buyers().insert(other);
        Match m = Samples.match(shg.id(), buyer.id(), null);
        s.matches().insert(m);
        assertThat(s.matches().get(m.id())).isEqualTo(m);
        assertThatThrownBy(() -> s.matches().insert(Samples.match(shg.id(), buyer.id(), null)))
                .isInstanceOf(UnableToWriteException.class).hasMessageContaining("duplicate key");
        Match low = new Match(UUID.randomUUID(), shg.id(), other.id(), Optional.empty(), 0.2,
                MatchStatus.PENDING, "", Samples.T0, Map.of("scorer", "v1"), Samples.T0);
        s.matches().upsertAll(List.of(low));
        assertThat(s.matches().findByStatus(MatchStatus.PENDING, 10)).extracting(Match::score).containsExactly(0.83, 0.2);

        Instant later = Samples.T0.plusSeconds(3600);
        assertThat(s.matches().transition(m.id(), MatchStatus.ACCEPTED, later).status()).isEqualTo(MatchStatus.ACCEPTED);
        assertThat(s.matches().get(m.id()).lastInteraction()).isEqualTo(later);
        assertThatThrownBy(() -> s.matches().transition(m.id(), MatchStatus.COMPLETED, later))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("ACCEPTED")
                .hasMessageContaining("COMPLETED");
        assertThat(s.matches().get(m.id()).status()).isEqualTo(MatchStatus.ACCEPTED);
        assertThatThrownBy(() -> s.matches().transition(UUID.randomUUID(), MatchStatus.ACCEPTED, later))
                .isInstanceOf(NoSuchEntityException.class);
        assertThat(s.matches().findByShg(shg.id())).hasSize(2);
        assertThat(s.matches().findByBuyer(other.id())).containsExactly(low);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void orders_withLines_roundTripAndUpsertReplacesLines(Backend backend) {
        MarketStore s = open(backend);
        Shg shg = Samples.shg("Umoja");
        Buyer buyer = Samples.buyer("Gikomba Traders");
        s.shgs().insert(shg);
        s.buyers().insert(buyer);
        Product p = Samples.product(shg.id(), "Shawl");
        s.products().insert(p);
        Order order = Samples.order("INV-1", shg.id(), buyer.id(), p.id());
        s.orders().insert(order);
        assertThat(s.orders().get(order.id())).isEqualTo(order);
        assertThat(s.orders().findByReference("INV-1")).contains(order);
        assertThat(s.orders().findByShg(shg.id(), 10)).containsExactly(order);
        assertThat(s.orders().findByBuyer(buyer.id(), 10)).containsExactly(order);
        assertThat(s.orders().findByStatus(OrderStatus.CONFIRMED, 10)).containsExactly(order);
        assertThat(s.orders().findByStatus(OrderStatus.CANCELLED, 10)).isEmpty();

        Order smaller = Order.of(UUID.randomUUID(), "INV-1", shg.id(), buyer.id(), order.lines().subList(0, 1),
                order.orderedAt(), null, OrderStatus.SHIPPED, order.paymentStatus(), "");
        Order second = Samples.order("INV-2", shg.id(), buyer.id(), p.id());
        s.orders().upsertAll(List.of(smaller, second));
        s.orders().upsertAll(List.of(smaller, second));
        Order stored = s.orders().get(order.id());
        assertThat(stored.lines()).hasSize(1);
        assertThat(stored.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(stored.totalValue()).isEqualByComparingTo("1350.00");
        assertThat(s.orders().count()).isEqualTo(2);

        Order badProduct = Samples.order("INV-3", shg.id(), buyer.id(), UUID.randomUUID());
        assertThatThrownBy(() -> s.orders().insert(badProduct)).isInstanceOf(UnableToWriteException.class);
        assertThat(s.orders().findByReference("INV-3")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ratingsAndReturns_belongToTheirOrderAndSumByProduct(Backend backend) {
        MarketStore s = open(backend);
        Shg shg = Samples.shg("Umoja");
        Buyer buyer = Samples.buyer("Gikomba Traders");
        s.shgs().insert(shg);
        s.buyers().insert(buyer);
        Product shawl = Samples.product(shg.id(), "Shawl");
        Product basket = Samples.product(shg.id(), "Basket");
        s.products().upsertAll(List.of(shawl, basket));
        Order one = Samples.order("INV-1", shg.id(), buyer.id(), shawl.id());
        Order two = Samples.order("INV-2", shg.id(), buyer.id(), basket.id());
        s.orders().upsertAll(List.of(one, two));
        Instant t = Samples.T0;
        s.ratings().upsertAll(List.of(new OrderRating(one.id(), 2, t), new OrderRating(two.id(), 5, t)));
        // a later rating of the same order replaces the first
        s.ratings().upsertAll(List.of(new OrderRating(one.id(), 4, t.plusSeconds(60))));
        assertThat(s.ratings().count()).isEqualTo(2);
        assertThat(s.ratings().findByOrder(one.id())).contains(new OrderRating(one.id(), 4, t.plusSeconds(60)));
        assertThat(s.ratings().starsByProduct(Instant.MIN, Instant.MAX))
                .containsOnly(Map.entry(shawl.id(), List.of(4)), Map.entry(basket.id(), List.of(5)));
        assertThat(s.ratings().starsByProduct(t.plusSeconds(1), Instant.MAX)).containsOnlyKeys(shawl.id());

        s.returns().upsertAll(List.of(new OrderReturn(one.id(), shawl.id(), new BigDecimal("2"), t, "DAMAGED"),
                new OrderReturn(two.id(), shawl.id(), new BigDecimal("0.5"), t.plusSeconds(5), "LATE"),
                new OrderReturn(two.id(), basket.id(), new BigDecimal("1"), t, "QUALITY")));
        assertThat(s.returns().unitsByProduct(Instant.MIN, Instant.MAX)).hasSize(2)
                .hasEntrySatisfying(shawl.id(), u -> assertThat(u).isEqualByComparingTo("2.5"))
                .hasEntrySatisfying(basket.id(), u -> assertThat(u).isEqualByComparingTo("1"));
        assertThat(s.returns().unitsByProduct(t.plusSeconds(1), Instant.MAX)).containsOnlyKeys(shawl.id());
        assertThat(s.returns().findByOrder(two.id())).extracting(OrderReturn::reason)
                .containsExactlyInAnyOrder("LATE", "QUALITY");

        // updating an order (which rewrites its lines) keeps its rating and returns
        s.orders().upsertAll(List.of(one, two));
        assertThat(s.ratings().count()).isEqualTo(2);
        assertThat(s.returns().count()).isEqualTo(3);
        // a rating or return of an order that does not exist is refused, and nothing of the batch is written
        assertThatThrownBy(() -> s.ratings().upsertAll(List.of(new OrderRating(UUID.randomUUID(), 3, t))))
                .isInstanceOf(UnableToWriteException.class);
        assertThatThrownBy(() -> s.returns().upsertAll(List.of(new OrderReturn(one.id(), basket.id(),
                BigDecimal.ONE, t, "LATE"), new OrderReturn(UUID.randomUUID(), basket.id(), BigDecimal.ONE, t,
                "LATE")))).isInstanceOf(UnableToWriteException.class);
        assertThat(s.ratings().count()).isEqualTo(2);
        assertThat(s.returns().count()).isEqualTo(3);
        assertThatThrownBy(() -> new OrderRating(one.id(), 6, t)).hasMessageContaining("stars must be between 1 and 5");
        assertThatThrownBy(() -> new OrderReturn(one.id(), shawl.id(), BigDecimal.ZERO, t, "LATE"))
                .hasMessageContaining("quantity must be greater than 0");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void marketData_rangeQueriesUpsertAndBulkLoad(Backend backend) {
        MarketStore s = open(backend);
        Shg shg = Samples.shg("Umoja");
        s.shgs().insert(shg);
        Product p = Samples.product(shg.id(), "Maize");
        s.products().insert(p);
        List<MarketData> rows = new ArrayList<>();
        for (int day = 0; day < 30; day++) {
            rows.add(Samples.marketData(p.id(), Samples.T0.plusSeconds(86_400L * day)));
        }
        assertThat(s.marketData().bulkLoad(rows.subList(0, 20).iterator())).isEqualTo(20);
        assertThat(s.marketData().upsertAll(rows)).isEqualTo(30);
        assertThat(s.marketData().upsertAll(rows)).isEqualTo(30);
        assertThat(s.marketData().count()).isEqualTo(30);
        List<MarketData> week = s.marketData().findByProduct(p.id(), Samples.T0.plusSeconds(86_400L * 3),
                Samples.T0.plusSeconds(86_400L * 10));
        assertThat(week).containsExactlyElementsOf(rows.subList(3, 10));
        // across products: every product's rows in the range, by product then time
        Product q = Samples.product(shg.id(), "Beans");
        s.products().insert(q);
        MarketData beans = Samples.marketData(q.id(), Samples.T0.plusSeconds(86_400L * 5));
        s.marketData().upsertAll(List.of(beans));
        List<MarketData> both = s.marketData().findObservedBetween(Samples.T0.plusSeconds(86_400L * 4),
                Samples.T0.plusSeconds(86_400L * 7));
        List<MarketData> expected = new ArrayList<>(rows.subList(4, 7));
        expected.add(beans);
        assertThat(both).containsExactlyInAnyOrderElementsOf(expected);
        // grouped by product (in the database's order of ids), each product's rows oldest first
        List<MarketData> maize = both.stream().filter(m -> m.productId().equals(p.id())).toList();
        assertThat(maize).containsExactlyElementsOf(rows.subList(4, 7));
        assertThat(both.indexOf(beans)).isIn(0, 3);

        // a bulk load that hits an existing key fails as a whole
        List<MarketData> overlapping = new ArrayList<>();
        overlapping.add(Samples.marketData(p.id(), Samples.T0.minusSeconds(100)));
        overlapping.add(rows.get(0));
        assertThatThrownBy(() -> s.marketData().bulkLoad(overlapping.iterator()))
                .isInstanceOf(UnableToWriteException.class);
        assertThat(s.marketData().count()).isEqualTo(31);
        MarketData tabbed = new MarketData(p.id(), Samples.T0.minusSeconds(5), new BigDecimal("1.10"), 0, 0, 0,
                Trend.STABLE, "a\tb\\c\nd");
        assertThat(s.marketData().bulkLoad(List.of(tabbed).iterator())).isEqualTo(1);
        assertThat(s.marketData().findByProduct(p.id(), Samples.T0.minusSeconds(6), Samples.T0.minusSeconds(4)))
                .containsExactly(tabbed);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void pricingHistory_andForecasts(Backend backend) {
        MarketStore s = open(backend);
        Shg shg = Samples.shg("Umoja");
        s.shgs().insert(shg);
        Product p = Samples.product(shg.id(), "Maize");
        s.products().insert(p);
        LocalDate d0 = LocalDate.of(2026, 1, 1);
        List<PricingHistory> history = IntStream.range(0, 10).mapToObj(i -> Samples.pricing(p.id(), d0.plusDays(i))).toList();
        assertThat(s.pricingHistory().bulkLoad(history.subList(0, 5).iterator())).isEqualTo(5);
        assertThat(s.pricingHistory().upsertAll(history)).isEqualTo(10);
        assertThat(s.pricingHistory().findByProduct(p.id(), d0.plusDays(2), d0.plusDays(4)))
                .containsExactlyElementsOf(history.subList(2, 5));

        DemandForecast f = Samples.forecast(p.id(), LocalDate.of(2026, 2, 1));
        s.forecasts().upsertAll(List.of(f));
        DemandForecast newer = new DemandForecast(p.id(), f.forecastDate(), 7, 90, 70, 120, "Theta",
                f.generatedAt().plusSeconds(60));
        s.forecasts().upsertAll(List.of(newer));
        assertThat(s.forecasts().find(p.id(), f.forecastDate(), 7)).contains(newer);
        assertThat(s.forecasts().findByProduct(p.id(), f.forecastDate(), f.forecastDate())).containsExactly(newer);
        assertThat(s.forecasts().findByDate(f.forecastDate())).containsExactly(newer);
        assertThat(s.forecasts().count()).isEqualTo(1);
        // written by a run: the run's id is kept with the forecast, and a later write outside a run clears it
        RunReport run = Pipeline.from(Sources.of("forecasts", List.of(f))).to(s.forecasts().sink()).run();
        assertThat(s.forecasts().runOf(p.id(), f.forecastDate(), 7)).contains(run.runId());
        assertThat(s.forecasts().find(p.id(), f.forecastDate(), 7)).contains(f);
        s.forecasts().upsertAll(List.of(newer));
        assertThat(s.forecasts().runOf(p.id(), f.forecastDate(), 7)).isEmpty();
        DemandForecast orphan = Samples.forecast(UUID.randomUUID(), f.forecastDate());
        assertThatThrownBy(() -> s.forecasts().upsertAll(List.of(orphan))).isInstanceOf(UnableToWriteException.class)
                .hasMessageContaining("referenced row does not exist");
    }
}
