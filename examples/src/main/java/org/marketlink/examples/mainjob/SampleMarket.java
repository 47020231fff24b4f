package org.marketlink.examples.mainjob;

import org.marketlink.core.model.BankDetails;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.model.GeoPoint;
import org.marketlink.core.model.Location;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;
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
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * A small, seeded marketplace at five Kenyan markets whose coordinates come from the WFP price file. Ids are
 * derived from names, so running the job again updates the same rows instead of adding new ones.
 */
record SampleMarket(List<Shg> shgs, List<Buyer> buyers, List<Product> products, List<Match> matches,
                    List<Order> orders, List<MarketData> marketData, List<PricingHistory> pricingHistory,
                    List<DemandForecast> forecasts) {

    private static final String[][] MARKETS = {
            {"Kisumu", "Kisumu", "-0.091702", "34.767956"},
            {"Mombasa", "Mombasa", "-4.05", "39.666667"},
            {"Eldoret town", "Uasin Gishu", "0.516667", "35.283333"},
            {"Garissa town", "Garissa", "-0.45", "39.65"},
            {"Kitui", "Kitui", "-1.366667", "38.016667"},
    };
    private static final String[][] GOODS = {
            {"Maize flour", "cereals", "kg", "65.00"},
            {"Dried beans", "pulses", "kg", "140.00"},
            {"Kiondo basket", "handicrafts", "piece", "850.00"},
    };

    int size() {
        return shgs.size() + buyers.size() + products.size() + matches.size() + orders.size() + marketData.size()
                + pricingHistory.size() + forecasts.size();
    }

    static SampleMarket build(Instant now) {
        Random random = new Random(3);
        List<Shg> shgs = new ArrayList<>();
        List<Product> products = new ArrayList<>();
        for (String[] m : MARKETS) {
            Location where = Location.of(m[0], m[1], "KE", new GeoPoint(Double.parseDouble(m[2]),
                    Double.parseDouble(m[3])));
            String name = m[0].split(" ")[0] + " Women Producers";
            Shg shg = new Shg(id("shg", name), name, where, "food processing", 8 + random.nextInt(20),
                    200 + random.nextInt(800), List.of("kebs"), Map.of("defect_rate", 0.01 + random.nextDouble() / 20),
                    new ContactInfo("Chair of " + name, "+2547" + (10000000 + random.nextInt(89999999)), ""),
                    Optional.of(new BankDetails(name, "01" + (100000000 + random.nextInt(899999999)), "KCBLKENX")),
                    now, now);
            shgs.add(shg);
            for (String[] g : GOODS) {
                BigDecimal price = new BigDecimal(g[3]).multiply(BigDecimal.valueOf(0.9 + random.nextDouble() / 5))
                        .setScale(2, RoundingMode.HALF_EVEN);
                products.add(new Product(id("product", name + g[0]), shg.id(), g[0], g[1], g[0] + " from " + m[0],
                        g[2], price, price.multiply(new BigDecimal("0.6")).setScale(2, RoundingMode.HALF_EVEN),
                        List.of(), List.of(), g[1].equals("handicrafts") ? 0 : 180, 10, 50 + random.nextInt(500),
                        random.nextDouble(), now, now));
            }
        }
        List<Buyer> buyers = List.of(
                buyer("Nairobi Fresh Retail", BuyerType.RETAILER, "Nairobi", -1.283333, 36.816667, now),
                buyer("Coast Wholesale Traders", BuyerType.WHOLESALER, "Mombasa", -4.05, 39.666667, now),
                buyer("County School Feeding Programme", BuyerType.GOVERNMENT, "Kisumu", -0.091702, 34.767956, now),
                buyer("Rift Valley Aggregators", BuyerType.AGGREGATOR, "Nakuru", -0.283333, 36.066667, now));
        List<Match> matches = new ArrayList<>();
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < shgs.size(); i++) {
            Shg shg = shgs.get(i);
            Buyer buyer = buyers.get(i % buyers.size());
            Product product = products.get(i * GOODS.length);
            matches.add(new Match(id("match", shg.name() + buyer.name()), shg.id(), buyer.id(),
                    Optional.of(product.id()), Math.round((0.5 + random.nextDouble() / 2) * 1000) / 1000.0,
                    MatchStatus.PENDING, "Hello " + buyer.name() + ", we grow "
                    + product.name().toLowerCase(Locale.ROOT) + " near " + shg.location().place() + ".",
                    now, Map.of("scorer", "sample"), now));
            orders.add(Order.of(id("order", "ML-" + (1001 + i)), "ML-" + (1001 + i), shg.id(), buyer.id(),
                    List.of(new OrderLine(product.id(), BigDecimal.valueOf(20 + random.nextInt(200)),
                            product.unitPrice())), now.minusSeconds(86_400L * (i + 1)),
                    LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(7), OrderStatus.CONFIRMED,
                    PaymentStatus.PENDING, buyer.location().place()));
        }
        List<MarketData> marketData = new ArrayList<>();
        List<PricingHistory> history = new ArrayList<>();
        List<DemandForecast> forecasts = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (Product p : products) {
            double price = p.unitPrice().doubleValue();
            for (int month = 11; month >= 0; month--) {
                price *= 0.97 + random.nextDouble() * 0.06;
                marketData.add(new MarketData(p.id(), now.minusSeconds(86_400L * 30 * month),
                        BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_EVEN), random.nextDouble() * 10,
                        random.nextInt(12), random.nextDouble(), Trend.values()[random.nextInt(3)], "sample"));
            }
            for (int day = 30; day >= 1; day--) {
                history.add(new PricingHistory(p.id(), today.minusDays(day), p.unitPrice(),
                        BigDecimal.valueOf(random.nextInt(40)), random.nextInt(6), "Kenya"));
            }
            for (int week = 0; week < 4; week++) {
                double demand = 50 + random.nextDouble() * 100;
                forecasts.add(new DemandForecast(p.id(), today.plusDays(7L * week), 7, demand, demand * 0.7,
                        demand * 1.3, "sample", now));
            }
        }
        return new SampleMarket(shgs, buyers, products, matches, orders, marketData, history, forecasts);
    }

    private static Buyer buyer(String name, BuyerType type, String region, double lat, double lon, Instant now) {
        return new Buyer(id("buyer", name), name, type, Location.of(region, region, "KE", new GeoPoint(lat, lon)),
                List.of("cereals", "pulses"), Map.of("defect_rate", 0.05), Range.of(100L, 5_000L),
                Range.of(new BigDecimal("40.00"), new BigDecimal("900.00")), List.of(), PaymentTerms.NET_30, 4.0,
                now, now);
    }

    private static UUID id(String kind, String name) {
        return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8));
    }
}
