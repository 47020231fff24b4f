package org.marketlink.testing;

import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.model.GeoPoint;
import org.marketlink.core.model.Location;
import org.marketlink.core.model.PaymentTerms;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Range;
import org.marketlink.core.model.Shg;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Seeded random producer groups and buyers across India, with the gaps real data has: some without coordinates, some
 * without products, buyers without requirements. For tests and benchmarks: the same seed gives the same market
 * on every machine. Stateless and thread-safe.
 */
public final class SyntheticMarket {
    /** The product categories groups sell and buyers prefer. */
    public static final List<String> CATEGORIES = List.of("handloom", "spices", "pickles", "honey", "millets", "pottery",
            "bamboo", "dairy", "tea", "coir", "jute", "handicrafts");
    /** The certifications groups hold and buyers require. */
    public static final List<String> CERTIFICATIONS = List.of("organic", "fssai", "fair_trade", "gi_tag", "iso_9001");
    /** The quality measures groups report and buyers set limits on. */
    public static final List<String> MEASURES = List.of("hygiene", "consistency", "packaging");
    private static final Instant T0 = Instant.parse("2026-01-05T08:30:00Z");

    private SyntheticMarket() {
    }

    /**
     * {@code n} groups, each with 0 to 4 products, each handed to {@code profile} (for example
     * {@code ShgProfile::of} of the matching module) so that this module depends on core alone.
     */
    public static <P> List<P> shgs(int n, long seed, BiFunction<Shg, List<Product>, P> profile) {
        Random r = new Random(seed);
        List<P> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            UUID id = new UUID(seed, i);
            String category = pick(r, CATEGORIES);
            List<String> certs = some(r, CERTIFICATIONS, 0.3);
            Map<String, Double> metrics = new HashMap<>();
            for (String m : MEASURES) {
                if (r.nextDouble() < 0.7) {
                    metrics.put(m, Math.round(r.nextDouble() * 100) / 100.0);
                }
            }
            Shg shg = new Shg(id, "shg-" + i, location(r, "district-" + (i % 40)), category, 5 + r.nextInt(30),
                    r.nextInt(10) == 0 ? 0 : r.nextInt(5000), certs, metrics, ContactInfo.none(), Optional.empty(),
                    T0, T0);
            int productCount = r.nextInt(5);
            List<Product> products = new ArrayList<>(productCount);
            for (int p = 0; p < productCount; p++) {
                String pc = r.nextDouble() < 0.6 ? category : pick(r, CATEGORIES);
                BigDecimal price = money(5 + r.nextDouble() * 500);
                products.add(new Product(new UUID(seed, 1_000_000_000L + i * 10L + p), id, "product-" + p, pc, "",
                        "kg", price, money(price.doubleValue() * 0.6), List.of(), some(r, CERTIFICATIONS, 0.1),
                        r.nextInt(200), 1 + r.nextInt(10), r.nextInt(1000), r.nextDouble(), T0, T0));
            }
            out.add(profile.apply(shg, products));
        }
        return out;
    }

    /** {@code n} buyers preferring 1 to 3 categories. */
    public static List<Buyer> buyers(int n, long seed) {
        Random r = new Random(seed);
        List<Buyer> out = new ArrayList<>(n);
        BuyerType[] types = BuyerType.values();
        for (int i = 0; i < n; i++) {
            List<String> prefs = new ArrayList<>();
            int count = 1 + r.nextInt(3);
            while (prefs.size() < count) {
                String c = pick(r, CATEGORIES);
                if (!prefs.contains(c)) {
                    prefs.add(c);
                }
            }
            Map<String, Double> requirements = new HashMap<>();
            if (r.nextDouble() < 0.4) {
                requirements.put(pick(r, MEASURES), Math.round(r.nextDouble() * 100) / 100.0);
            }
            long volMin = r.nextInt(10) == 0 ? 0 : r.nextInt(2000);
            long volMax = r.nextInt(5) == 0 ? volMin : volMin + r.nextInt(3000);
            double low = 5 + r.nextDouble() * 300;
            double high = r.nextInt(8) == 0 ? low : low + r.nextDouble() * 300;
            out.add(new Buyer(new UUID(seed + 1, i), "buyer-" + i, types[r.nextInt(types.length)],
                    location(r, "city-" + (i % 50)), prefs, requirements, Range.of(volMin, volMax),
                    Range.of(money(low), money(high)), some(r, CERTIFICATIONS, 0.1),
                    PaymentTerms.values()[r.nextInt(PaymentTerms.values().length)], r.nextDouble() * 5, T0, T0));
        }
        return out;
    }

    private static Location location(Random r, String region) {
        GeoPoint point = r.nextInt(10) == 0 ? null : new GeoPoint(8 + r.nextDouble() * 22, 70 + r.nextDouble() * 20);
        return Location.of("", region, "IN", point);
    }

    private static List<String> some(Random r, List<String> from, double p) {
        List<String> out = new ArrayList<>();
        for (String s : from) {
            if (r.nextDouble() < p) {
                out.add(s);
            }
        }
        return out;
    }

    private static String pick(Random r, List<String> from) {
        return from.get(r.nextInt(from.size()));
    }

    private static BigDecimal money(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }
}
