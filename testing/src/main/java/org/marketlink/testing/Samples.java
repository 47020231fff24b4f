package org.marketlink.testing;

import org.marketlink.core.model.BankDetails;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.model.GeoPoint;
import org.marketlink.core.model.Location;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.OrderLine;
import org.marketlink.core.model.OrderStatus;
import org.marketlink.core.model.PaymentStatus;
import org.marketlink.core.model.PaymentTerms;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Range;
import org.marketlink.core.model.Shg;
import org.marketlink.core.model.Trend;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Valid sample records for tests, a new record (new ids) on every call. Stateless and thread-safe. */
public final class Samples {
    /** The creation and update time of every sample record. */
    public static final Instant T0 = Instant.parse("2026-01-05T08:30:00Z");
    /** The account number of {@link #shg}'s bank details, for tests that look for it where it must not be. */
    public static final String ACCOUNT_NUMBER = "918273645500123";

    private Samples() {
    }

    /** A group named {@code name}, with coordinates, contact and bank details. */
    public static Shg shg(String name) {
        return new Shg(UUID.randomUUID(), name, Location.of("Kisumu town", "Kisumu", "KE", new GeoPoint(-0.1, 34.75)),
                "Handloom", 12, 400, List.of("organic", "fair-trade"), Map.of("defect_rate", 0.02),
                new ContactInfo("Achieng Otieno", "+254700000001", "achieng@example.org"),
                Optional.of(new BankDetails("Achieng Otieno", ACCOUNT_NUMBER, "KCBLKENX")), T0, T0);
    }

    /** A group named {@code name} with neither coordinates, contact nor bank details. */
    public static Shg shgWithoutBank(String name) {
        return new Shg(UUID.randomUUID(), name, Location.of("", "Nakuru", "KE", null), "spices", 5, 0, List.of(),
                Map.of(), ContactInfo.none(), Optional.empty(), T0, T0);
    }

    /** A product of group {@code shgId} named {@code name}. */
    public static Product product(UUID shgId, String name) {
        return new Product(UUID.randomUUID(), shgId, name, "Textiles", "hand-woven, 2 m", "piece",
                new BigDecimal("450.00"), new BigDecimal("300"), List.of("img/1.jpg"), List.of("organic"), 0, 5, 120,
                0.8, T0, T0);
    }

    /** A wholesaler named {@code name} in Nairobi. */
    public static Buyer buyer(String name) {
        return new Buyer(UUID.randomUUID(), name, BuyerType.WHOLESALER,
                Location.of("Nairobi CBD", "Nairobi", "KE", new GeoPoint(-1.286, 36.817)), List.of("Textiles", "spices"),
                Map.of("defect_rate", 0.05), Range.of(50L, 500L), Range.of(new BigDecimal("100"), new BigDecimal("600.5")),
                List.of("organic"), PaymentTerms.NET_30, 4.2, T0, T0);
    }

    /** A pending match of the group, buyer and product. */
    public static Match match(UUID shgId, UUID buyerId, UUID productId) {
        return Match.pending(UUID.randomUUID(), shgId, buyerId, productId, 0.83, "Hello from the co-op", T0);
    }

    /** A confirmed order of two lines of {@code productId}, under {@code reference}. */
    public static Order order(String reference, UUID shgId, UUID buyerId, UUID productId) {
        return Order.of(UUID.randomUUID(), reference, shgId, buyerId,
                List.of(new OrderLine(productId, new BigDecimal("3"), new BigDecimal("450.00")),
                        new OrderLine(productId, new BigDecimal("1.5"), new BigDecimal("99.99"))),
                T0, LocalDate.of(2026, 1, 12), OrderStatus.CONFIRMED, PaymentStatus.PENDING, "Stall 4, Gikomba market");
    }

    /** A market observation of {@code productId} at {@code at}. */
    public static MarketData marketData(UUID productId, Instant at) {
        return new MarketData(productId, at, new BigDecimal("47.50"), 6.5, 4, 0.7, Trend.UP, "wfp");
    }

    /** A day's sales of {@code productId} on {@code day}. */
    public static PricingHistory pricing(UUID productId, LocalDate day) {
        return new PricingHistory(productId, day, new BigDecimal("46.00"), new BigDecimal("12.250"), 3, "Kisumu");
    }

    /** A seven-day demand forecast of {@code productId} for {@code day}. */
    public static DemandForecast forecast(UUID productId, LocalDate day) {
        return new DemandForecast(productId, day, 7, 84.5, 60.25, 110.0, "AutoETS(A,N,N)", T0);
    }
}
