package org.marketlink.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.model.GeoPoint;
import org.marketlink.core.model.Location;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.OrderLine;
import org.marketlink.core.model.OrderReturn;
import org.marketlink.core.model.OrderStatus;
import org.marketlink.core.model.PaymentStatus;
import org.marketlink.core.model.PaymentTerms;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Range;
import org.marketlink.core.model.Shg;
import org.marketlink.core.model.Trend;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.Stages;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A record the domain model accepts is one the store keeps, exactly: the longest texts and the largest amounts the
 * constructors let through fit their columns on both databases, and one character or one cent more is refused by
 * the constructor, naming the field (a pipeline then quarantines that row) rather than by the database in the middle
 * of a chunk's write, which would stop the run.
 */
class ModelLimitsFitTheStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-05T08:30:00Z");
    private static final BigDecimal MAX_MONEY = new BigDecimal("999999999999.99");
    private static final BigDecimal MAX_QUANTITY = new BigDecimal("99999999999.999");

    /** Text of {@code n} characters, with a character outside the BMP (two UTF-16 units, one database character). */
    private static String text(int n) {
        return "𝄞" + "x".repeat(n - 2);
    }

    private static Location longest() {
        return Location.of(text(200), text(200), "KE", new GeoPoint(-0.1, 34.75));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theLongestTextsAndLargestAmountsTheModelAccepts_areKeptExactly(Backend backend) {
        try (MarketStore store = backend.open()) {
            Shg shg = new Shg(UUID.randomUUID(), text(200), longest(), "c" + "x".repeat(99), 12, 400, List.of(),
                    Map.of(), new ContactInfo(text(200), "+" + "1".repeat(49), "a".repeat(300) + "@" + "e".repeat(19)),
                    Optional.empty(), T0, T0);
            store.shgs().upsertAll(List.of(shg));
            assertThat(store.shgs().get(shg.id())).isEqualTo(shg);

            Product product = new Product(UUID.randomUUID(), shg.id(), text(200), "c" + "x".repeat(99), "woven",
                    text(50), MAX_MONEY, MAX_MONEY, List.of(), List.of(), 0, 1, 5, 0.5, T0, T0);
            store.products().upsertAll(List.of(product));
            assertThat(store.products().get(product.id())).isEqualTo(product);

            Buyer buyer = new Buyer(UUID.randomUUID(), text(200), BuyerType.RETAILER, longest(), List.of("textiles"),
                    Map.of(), Range.of(1L, 5L), Range.of(BigDecimal.ZERO, MAX_MONEY), List.of(), PaymentTerms.NET_30,
                    4.0, T0, T0);
            store.buyers().upsertAll(List.of(buyer));
            assertThat(store.buyers().get(buyer.id())).isEqualTo(buyer);

            // the largest quantity at a price that keeps the order's total below the money limit, and the largest
            // price for one unit
            List<OrderLine> lines = List.of(new OrderLine(product.id(), MAX_QUANTITY, new BigDecimal("0.01")),
                    new OrderLine(product.id(), BigDecimal.ONE, new BigDecimal("998999999999.99")));
            Order order = Order.of(UUID.randomUUID(), text(100), shg.id(), buyer.id(), lines, T0,
                    LocalDate.of(2026, 1, 12), OrderStatus.CONFIRMED, PaymentStatus.PENDING, "Stall 4");
            store.orders().upsertAll(List.of(order));
            assertThat(store.orders().get(order.id())).isEqualTo(order);

            OrderReturn back = new OrderReturn(order.id(), product.id(), MAX_QUANTITY, T0, "r".repeat(50));
            store.returns().upsertAll(List.of(back));
            assertThat(store.returns().findByOrder(order.id())).containsExactly(back);

            MarketData observed = new MarketData(product.id(), T0, MAX_MONEY, 6.5, 4, 0.7, Trend.UP, text(100));
            store.marketData().upsertAll(List.of(observed));
            assertThat(store.marketData().findByProduct(product.id(), T0, T0.plusSeconds(1))).containsExactly(observed);

            PricingHistory day = new PricingHistory(product.id(), LocalDate.of(2026, 1, 5), MAX_MONEY,
                    new BigDecimal("9999999999999.999"), 3, text(200));
            store.pricingHistory().upsertAll(List.of(day));
            assertThat(store.pricingHistory().findByProduct(product.id(), day.saleDate(), day.saleDate()))
                    .containsExactly(day);

            DemandForecast forecast = new DemandForecast(product.id(), LocalDate.of(2026, 1, 12), 7, 84.5, 60.25,
                    110.0, text(200), T0);
            store.forecasts().upsertAll(List.of(forecast));
            assertThat(store.forecasts().find(product.id(), forecast.forecastDate(), 7)).contains(forecast);
        }
    }

    @Test
    void oneCharacterOrOneCentMore_isRefusedByTheConstructorNamingTheField() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> Location.of(text(201), "Kisumu", "KE", null))
                .hasMessage("place must be at most 200 characters, was 201");
        assertThatThrownBy(() -> Location.of("", text(201), "KE", null)).hasMessageStartingWith("region must be at most");
        assertThatThrownBy(() -> new ContactInfo("", "1".repeat(51), "")).hasMessage(
                "phone must be at most 50 characters, was 51");
        // a personal field's message gives its length, never its text
        assertThatThrownBy(() -> new ContactInfo("Achieng Otieno" + "x".repeat(190), "", ""))
                .hasMessage("person must be at most 200 characters, was 204");
        assertThatThrownBy(() -> new Product(id, id, text(201), "c", "", "piece", BigDecimal.ONE, BigDecimal.ONE,
                List.of(), List.of(), 0, 1, 5, 0.5, T0, T0)).hasMessageStartingWith("name must be at most 200");
        assertThatThrownBy(() -> new Product(id, id, "Shawl", "c", "", "piece", new BigDecimal("1000000000000"),
                BigDecimal.ONE, List.of(), List.of(), 0, 1, 5, 0.5, T0, T0))
                .hasMessage("unitPrice must be below 1,000,000,000,000, was 1000000000000");
        assertThatThrownBy(() -> new OrderLine(id, new BigDecimal("100000000000"), BigDecimal.ONE))
                .hasMessage("quantity must be below 100,000,000,000, was 100000000000");
        assertThatThrownBy(() -> new PricingHistory(id, LocalDate.EPOCH, BigDecimal.ONE, new BigDecimal("1E13"), 0,
                "Kisumu")).hasMessage("quantitySold must be below 10,000,000,000,000, was 10000000000000");
        assertThatThrownBy(() -> new MarketData(id, T0, new BigDecimal("1E15"), 1, 1, 0.5, Trend.UP, "wfp"))
                .hasMessage("price must be below 1,000,000,000,000, was 1000000000000000");
        assertThatThrownBy(() -> new MarketData(id, T0, BigDecimal.ONE, 1, 1, 0.5, Trend.UP, text(101)))
                .hasMessageStartingWith("source must be at most 100 characters");
        assertThatThrownBy(() -> new DemandForecast(id, LocalDate.EPOCH, 7, 1, 0, 2, text(201), T0))
                .hasMessageStartingWith("modelUsed must be at most 200 characters");
        // an order whose lines add up to more than the money limit
        List<OrderLine> lines = List.of(new OrderLine(id, MAX_QUANTITY, new BigDecimal("20.00")));
        assertThatThrownBy(() -> Order.of(id, "R-1", id, id, lines, T0, null, OrderStatus.CONFIRMED,
                PaymentStatus.PENDING, "")).hasMessageContaining("must be below 1,000,000,000,000");
    }

    @Test
    void aRunOverRowsWithOneHugePriceAndOneOverlongRegion_quarantinesThoseTwoAndStoresTheRest() {
        UUID product = UUID.randomUUID();
        List<String> lines = List.of("2026-01-05,46.00,Kisumu", "2026-01-06,1e13,Kisumu", "2026-01-07,47.25,Kisumu",
                "2026-01-08,45.00," + "K".repeat(300), "2026-01-09,44.00,Kisumu");
        try (MarketStore store = MarketStore.inMemory()) {
            store.shgs().upsertAll(List.of(new Shg(UUID.randomUUID(), "Umoja", Location.of("", "Kisumu", "KE", null),
                    "grains", 5, 0, List.of(), Map.of(), ContactInfo.none(), Optional.empty(), T0, T0)));
            UUID shg = store.shgs().findAll().get(0).id();
            store.products().upsertAll(List.of(new Product(product, shg, "Maize", "grains", "", "kg",
                    BigDecimal.ONE, BigDecimal.ONE, List.of(), List.of(), 0, 1, 5, 0.5, T0, T0)));
            Sinks.ListQuarantine quarantine = Sinks.quarantineList();
            RunReport run = Pipeline.from(Sources.of("prices", lines))
                    .then("to-record", Stages.map((String line) -> {
                        String[] cells = line.split(",");
                        return new PricingHistory(product, LocalDate.parse(cells[0]), new BigDecimal(cells[1]),
                                BigDecimal.ONE, 1, cells[2]);
                    }))
                    .to(Sinks.of("pricing_history", store.pricingHistory()::upsertAll))
                    .quarantineTo(quarantine).run();
            assertThat(run.balanced()).isTrue();
            assertThat(run.rowsOut()).isEqualTo(3);
            assertThat(quarantine.rejections()).extracting(Rejection::reasonCode).containsOnly("STAGE_ERROR");
            assertThat(quarantine.rejections()).extracting(Rejection::message).containsExactly(
                    "java.lang.IllegalArgumentException: price must be below 1,000,000,000,000, was 10000000000000",
                    "java.lang.IllegalArgumentException: region must be at most 200 characters, was 300");
            assertThat(store.pricingHistory().count()).isEqualTo(3);
        }
    }
}
