package org.marketlink.testing;

import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.model.GeoPoint;
import org.marketlink.core.model.Location;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.OrderLine;
import org.marketlink.core.model.OrderRating;
import org.marketlink.core.model.OrderReturn;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A seeded generator of a consistent marketplace: producer groups with their products, buyers, daily sales with
 * trend, weekly seasonality and noise, market observations, orders between them and a history of match outcomes,
 * placed around the markets given (or a default set). Every id is derived from the seed and a counter, so the same
 * seed and options give the same data on every machine. Optionally a share of rows is dirty, in named ways, for
 * testing quarantine paths: those come as text rows (see {@link #dirtyPriceRows}), since the domain records refuse
 * bad values by construction. Immutable and thread-safe.
 */
public final class MarketFixtures {
    /** Product lines the generator draws from: name, category, unit, base price. */
    private static final String[][] GOODS = {
            {"Maize flour", "cereals", "kg", "65"}, {"Dried beans", "pulses", "kg", "140"},
            {"Green grams", "pulses", "kg", "160"}, {"Sorghum", "cereals", "kg", "70"},
            {"Honey", "honey", "kg", "900"}, {"Kiondo basket", "handicrafts", "piece", "850"},
            {"Kikoi cloth", "handloom", "piece", "1200"}, {"Groundnuts", "pulses", "kg", "220"},
            {"Dried mango", "fruit", "kg", "600"}, {"Millet", "cereals", "kg", "110"},
    };
    private static final String[] FIRST = {"Umoja", "Tumaini", "Baraka", "Amani", "Upendo", "Neema", "Jitegemee",
            "Faraja", "Imani", "Mwangaza"};
    private static final String[] KIND = {"Women Group", "Self-Help Group", "Co-operative", "Farmers Group"};

    /** Kinds of dirty row {@link #dirtyPriceRows} produces. */
    public enum Dirt {
        /** A price below zero. */
        NEGATIVE_PRICE,
        /** A date written day/month/year, which the ISO reader refuses. */
        UNPARSEABLE_DATE,
        /** An empty product id. */
        MISSING_PRODUCT,
        /** The previous row again. */
        DUPLICATE
    }

    /**
     * A market where groups and buyers are placed.
     *
     * @param name   the market's name
     * @param region its region
     * @param point  its coordinates
     */
    public record Market(String name, String region, GeoPoint point) {
    }

    /**
     * How much to generate.
     *
     * @param shgs        producer groups
     * @param buyers      buyers
     * @param days        days of sales history, ending the day before {@code today}
     * @param today       the day the data leads up to
     * @param markets     where groups and buyers are placed (scattered within about 20 km); at least one
     * @param dirtyShare  share of {@link #dirtyPriceRows} that are dirty, 0..1
     * @param matchesPerGroup past matches per group in {@link #matchHistory} (fewer when there are not that many
     *                    distinct pairs), ≥ 0
     */
    public record Options(int shgs, int buyers, int days, LocalDate today, List<Market> markets, double dirtyShare,
                          int matchesPerGroup) {
        /** Checks that counts are not negative, a day and a market are given and the dirty share is in 0..1. */
        public Options {
            if (shgs < 0 || buyers < 0 || days < 0 || matchesPerGroup < 0 || today == null || markets == null
                    || markets.isEmpty() || !(dirtyShare >= 0 && dirtyShare <= 1)) {
                throw new IllegalArgumentException("counts must not be negative, markets not empty and dirtyShare in "
                        + "0..1; were " + shgs + ", " + buyers + ", " + days + ", " + matchesPerGroup + ", " + markets
                        + ", " + dirtyShare);
            }
            markets = List.copyOf(markets);
        }

        /** 20 groups, 30 buyers, 120 days to 2026-11-25 at five Kenyan markets, no dirt, 3 past matches per group. */
        public static Options defaults() {
            return new Options(20, 30, 120, LocalDate.of(2026, 11, 25), List.of(
                    new Market("Kisumu", "Kisumu", new GeoPoint(-0.0917, 34.768)),
                    new Market("Mombasa", "Mombasa", new GeoPoint(-4.05, 39.6667)),
                    new Market("Eldoret town", "Uasin Gishu", new GeoPoint(0.5167, 35.2833)),
                    new Market("Garissa town", "Garissa", new GeoPoint(-0.45, 39.65)),
                    new Market("Kitui", "Kitui", new GeoPoint(-1.3667, 38.0167))), 0, 3);
        }

        /** These options with {@code shgCount} groups and {@code buyerCount} buyers. */
        public Options withSize(int shgCount, int buyerCount) {
            return new Options(shgCount, buyerCount, days, today, markets, dirtyShare, matchesPerGroup);
        }

        /** These options with {@code n} days of history. */
        public Options withDays(int n) {
            return new Options(shgs, buyers, n, today, markets, dirtyShare, matchesPerGroup);
        }

        /** These options placing groups and buyers at markets {@code m}. */
        public Options withMarkets(List<Market> m) {
            return new Options(shgs, buyers, days, today, m, dirtyShare, matchesPerGroup);
        }

        /** These options with {@code share} of the price rows dirty. */
        public Options withDirtyShare(double share) {
            return new Options(shgs, buyers, days, today, markets, share, matchesPerGroup);
        }

        /** These options with {@code n} past matches per group. */
        public Options withMatchesPerGroup(int n) {
            return new Options(shgs, buyers, days, today, markets, dirtyShare, n);
        }
    }

    private final long seed;
    private final Options options;
    private final Instant now;
    private final List<Shg> shgs = new ArrayList<>();
    private final List<Product> products = new ArrayList<>();
    private final List<Buyer> buyers = new ArrayList<>();
    private final List<PricingHistory> sales = new ArrayList<>();
    private final List<MarketData> market = new ArrayList<>();
    private final List<Order> orders = new ArrayList<>();
    private final List<OrderRating> ratings = new ArrayList<>();
    private final List<OrderReturn> returns = new ArrayList<>();
    private final List<Match> matchHistory = new ArrayList<>();

    private MarketFixtures(long seed, Options options) {
        this.seed = seed;
        this.options = options;
        this.now = options.today().atStartOfDay().toInstant(ZoneOffset.UTC);
        Random r = new Random(seed);
        generateShgs(r);
        generateBuyers(r);
        generateSales(r);
        generateOrders(r);
        generateMatchHistory(r);
        // from a stream of their own, so adding them changed none of the data above
        generateRatingsAndReturns(new Random(seed ^ 0x2545F4914F6CDD1DL));
    }

    /** The marketplace for {@code seed}. */
    public static MarketFixtures generate(long seed, Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return new MarketFixtures(seed, options);
    }

    /** The producer groups (a copy). */
    public List<Shg> shgs() {
        return List.copyOf(shgs);
    }

    /** The groups' products (a copy). */
    public List<Product> products() {
        return List.copyOf(products);
    }

    /** The buyers (a copy). */
    public List<Buyer> buyers() {
        return List.copyOf(buyers);
    }

    /** Daily sales per product: a trend, a weekly cycle (market days sell more) and noise. */
    public List<PricingHistory> sales() {
        return List.copyOf(sales);
    }

    /** A market observation per product per week: price with a trend, a yearly season and noise; demand with the season. */
    public List<MarketData> marketData() {
        return List.copyOf(market);
    }

    /** Orders between the groups and buyers (a copy). */
    public List<Order> orders() {
        return List.copyOf(orders);
    }

    /**
     * Ratings of delivered orders (a copy): about 60% of them are rated, 1 to 5 stars around a quality of the
     * product's own (so products differ), a day after delivery.
     */
    public List<OrderRating> ratings() {
        return List.copyOf(ratings);
    }

    /**
     * Returns from delivered orders (a copy): about one order in ten sends back part of its quantity, more often for
     * products of low quality, with a reason code ({@code DAMAGED}, {@code QUALITY} or {@code LATE}).
     */
    public List<OrderReturn> returns() {
        return List.copyOf(returns);
    }

    /** Past matches, every one finished (completed or declined), for training and the collaborative feature. */
    public List<Match> matchHistory() {
        return List.copyOf(matchHistory);
    }

    /**
     * Price observations as CSV text ({@code product_id,date,price}, header first), {@link Options#dirtyShare()} of
     * them dirty in one of the {@link Dirt} ways, each dirty row's kind recorded in the returned map by line number
     * (1 = first data line).
     */
    public DirtyRows dirtyPriceRows() {
        Random r = new Random(seed ^ 0x5DEECE66DL);
        StringBuilder csv = new StringBuilder("product_id,date,price\n");
        Map<Integer, Dirt> dirt = new TreeMap<>();
        int line = 0;
        String previous = null;
        for (PricingHistory s : sales) {
            line++;
            String row = s.productId() + "," + s.saleDate() + "," + s.price().toPlainString();
            Dirt kind = dirt(r, previous);
            if (kind != null) {
                row = switch (kind) {
                    case NEGATIVE_PRICE -> s.productId() + "," + s.saleDate() + ",-" + s.price().toPlainString();
                    case UNPARSEABLE_DATE -> s.productId() + "," + s.saleDate().getDayOfMonth() + "/"
                            + s.saleDate().getMonthValue() + "/" + s.saleDate().getYear() + "," + s.price();
                    case MISSING_PRODUCT -> "," + s.saleDate() + "," + s.price().toPlainString();
                    case DUPLICATE -> previous;
                };
                dirt.put(line, kind);
            }
            csv.append(row).append('\n');
            previous = row;
        }
        return new DirtyRows(csv.toString(), dirt);
    }

    /**
     * A government procurement portal's awards as CSV text, <b>synthetic</b>: every row says so in its
     * {@code data_origin} column. Each award buys one product of a group from a {@link BuyerType#GOVERNMENT} buyer of
     * these fixtures (none when there is no such buyer), in units at about the product's price, within the fixtures'
     * days before today, to be delivered 14 to 30 days later. Header:
     * {@code tender_id,awarded_on,agency_id,agency,supplier_group_id,product_id,item,quantity,unit_price,delivery_by,
     * data_origin}. {@link Options#dirtyShare()} of the rows are dirty in one of the {@link Dirt} ways, recorded by
     * data line number. Drawn from a stream of its own: the rest of the fixtures do not depend on it.
     */
    public DirtyRows procurementAwards() {
        Random r = new Random(seed ^ 0x7F4A7C15L);
        List<Buyer> agencies = buyers.stream().filter(b -> b.type() == BuyerType.GOVERNMENT).toList();
        StringBuilder csv = new StringBuilder("tender_id,awarded_on,agency_id,agency,supplier_group_id,product_id,"
                + "item,quantity,unit_price,delivery_by,data_origin\n");
        Map<Integer, Dirt> dirt = new TreeMap<>();
        if (agencies.isEmpty() || products.isEmpty()) {
            return new DirtyRows(csv.toString(), dirt);
        }
        String previous = null;
        for (int line = 1; line <= products.size(); line++) {
            Buyer agency = agencies.get(r.nextInt(agencies.size()));
            Product p = products.get(r.nextInt(products.size()));
            LocalDate awarded = options.today().minusDays(1 + r.nextInt(Math.max(1, options.days())));
            long quantity = 50 + r.nextInt(451);
            BigDecimal price = money(p.unitPrice().doubleValue() * (0.9 + 0.2 * r.nextDouble()));
            String date = awarded.toString();
            String product = p.id().toString();
            String priceText = price.toPlainString();
            Dirt kind = dirt(r, previous);
            if (kind == Dirt.NEGATIVE_PRICE) {
                priceText = "-" + priceText;
            } else if (kind == Dirt.UNPARSEABLE_DATE) {
                date = String.format("%02d/%02d/%d", awarded.getDayOfMonth(), awarded.getMonthValue(),
                        awarded.getYear());
            } else if (kind == Dirt.MISSING_PRODUCT) {
                product = "";
            }
            String row = kind == Dirt.DUPLICATE ? previous : "PT-" + seed + "-" + line + "," + date + ","
                    + agency.id() + "," + csvText(agency.name()) + "," + p.shgId() + "," + product + ","
                    + csvText(p.name()) + "," + quantity + "," + priceText + "," + awarded.plusDays(14 + r.nextInt(17))
                    + ",synthetic";
            if (kind != null) {
                dirt.put(line, kind);
            }
            csv.append(row).append('\n');
            previous = row;
        }
        return new DirtyRows(csv.toString(), dirt);
    }

    /**
     * Whether the next row is dirty ({@link Options#dirtyShare()} of them), and how: a duplicate needs a row before
     * it, so the first row is never one. Null for a clean row.
     */
    private Dirt dirt(Random r, String previous) {
        if (r.nextDouble() >= options.dirtyShare()) {
            return null;
        }
        Dirt kind = Dirt.values()[r.nextInt(Dirt.values().length)];
        return kind == Dirt.DUPLICATE && previous == null ? Dirt.NEGATIVE_PRICE : kind;
    }

    private static String csvText(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /**
     * CSV text with some dirty rows.
     *
     * @param csv  the text, header first
     * @param dirt the kind of each dirty line, by data line number
     */
    public record DirtyRows(String csv, Map<Integer, Dirt> dirt) {
    }

    private UUID id(String kind, long n) {
        return UUID.nameUUIDFromBytes((seed + ":" + kind + ":" + n).getBytes(StandardCharsets.UTF_8));
    }

    private GeoPoint near(Random r, GeoPoint p) {
        // about ±20 km
        return new GeoPoint(Math.max(-90, Math.min(90, p.latitude() + (r.nextDouble() - 0.5) * 0.36)),
                Math.max(-180, Math.min(180, p.longitude() + (r.nextDouble() - 0.5) * 0.36)));
    }

    private void generateShgs(Random r) {
        for (int i = 0; i < options.shgs(); i++) {
            Market m = options.markets().get(i % options.markets().size());
            String[] main = GOODS[r.nextInt(GOODS.length)];
            String name = FIRST[r.nextInt(FIRST.length)] + " " + KIND[r.nextInt(KIND.length)] + " " + (i + 1);
            List<String> certs = r.nextInt(3) == 0 ? List.of("organic") : List.of();
            Shg shg = new Shg(id("shg", i), name, Location.of(m.name(), m.region(), "KE", near(r, m.point())),
                    main[1], 5 + r.nextInt(40), 200 + r.nextInt(4000), certs,
                    Map.of("hygiene", Math.round(r.nextDouble() * 100) / 100.0),
                    new ContactInfo("Member " + (i + 1), "+2547" + (10_000_000 + r.nextInt(89_999_999)),
                            "group" + (i + 1) + "@example.org"), Optional.empty(), now, now);
            shgs.add(shg);
            int lines = 1 + r.nextInt(3);
            for (int p = 0; p < lines; p++) {
                String[] g = p == 0 ? main : GOODS[r.nextInt(GOODS.length)];
                double base = Double.parseDouble(g[3]) * (0.8 + 0.4 * r.nextDouble());
                products.add(new Product(id("product", i * 10L + p), shg.id(), g[0] + " (" + (p + 1) + ")", g[1], "",
                        g[2], money(base), money(base * 0.6), List.of(), certs, g[2].equals("kg") ? 180 : 0,
                        1 + r.nextInt(5), r.nextInt(500), Math.round(r.nextDouble() * 100) / 100.0, now, now));
            }
        }
    }

    private void generateBuyers(Random r) {
        BuyerType[] types = BuyerType.values();
        for (int i = 0; i < options.buyers(); i++) {
            Market m = options.markets().get(r.nextInt(options.markets().size()));
            List<String> prefs = new ArrayList<>();
            int n = 1 + r.nextInt(3);
            while (prefs.size() < n) {
                String c = GOODS[r.nextInt(GOODS.length)][1];
                if (!prefs.contains(c)) {
                    prefs.add(c);
                }
            }
            long min = 10 + r.nextInt(200);
            double low = 50 + r.nextDouble() * 400;
            buyers.add(new Buyer(id("buyer", i), "Buyer " + (i + 1) + " of " + m.name(), types[r.nextInt(types.length)],
                    Location.of(m.name(), m.region(), "KE", near(r, m.point())), prefs,
                    r.nextBoolean() ? Map.of() : Map.of("hygiene", Math.round(r.nextDouble() * 60) / 100.0),
                    Range.of(min, min + r.nextInt(1000)), Range.of(money(low), money(low + r.nextDouble() * 900)),
                    r.nextInt(4) == 0 ? List.of("organic") : List.of(),
                    PaymentTerms.values()[r.nextInt(PaymentTerms.values().length)],
                    Math.round(r.nextDouble() * 50) / 10.0, now, now));
        }
    }

    private void generateSales(Random r) {
        for (Product p : products) {
            double level = 5 + r.nextDouble() * 40;
            double slope = (r.nextDouble() - 0.4) * level / Math.max(1, options.days());
            double price = p.unitPrice().doubleValue();
            double marketDrift = (r.nextDouble() - 0.5) * 0.004; // per day
            for (int d = options.days(); d >= 1; d--) {
                LocalDate day = options.today().minusDays(d);
                int t = options.days() - d;
                double weekly = day.getDayOfWeek().getValue() == 6 ? 1.6 : day.getDayOfWeek().getValue() == 7 ? 0.5 : 1;
                double units = Math.max(0, (level + slope * t) * weekly * (1 + 0.25 * r.nextGaussian()));
                double todaysPrice = price * (1 + 0.05 * r.nextGaussian());
                sales.add(new PricingHistory(p.id(), day, money(Math.max(0.01, todaysPrice)),
                        BigDecimal.valueOf(units).setScale(3, RoundingMode.HALF_UP), Math.max(0,
                        (int) Math.round(units / 3)), p.shgId().toString().substring(0, 8)));
                if (d % 7 == 0) {
                    // the market price drifts, swings with the season (a year's cycle) and is noisy
                    double seasonal = 1 + 0.08 * Math.sin(2 * Math.PI * day.getDayOfYear() / 365.0);
                    double marketPrice = price * (1 + marketDrift * t) * seasonal * (1 + 0.03 * r.nextGaussian());
                    double demand = Math.max(0, Math.min(10, 5 + 3 * (seasonal - 1) / 0.08 + r.nextGaussian()));
                    market.add(new MarketData(p.id(), day.atStartOfDay().toInstant(ZoneOffset.UTC),
                            money(Math.max(0.01, marketPrice)), Math.round(demand * 10) / 10.0, r.nextInt(12),
                            Math.round(r.nextDouble() * 100) / 100.0,
                            marketDrift > 0.0005 ? Trend.UP : marketDrift < -0.0005 ? Trend.DOWN : Trend.STABLE,
                            "fixtures"));
                }
            }
        }
    }

    private void generateOrders(Random r) {
        if (buyers.isEmpty() || products.isEmpty()) {
            return;
        }
        int n = products.size() * 2;
        for (int i = 0; i < n; i++) {
            Product p = products.get(r.nextInt(products.size()));
            Buyer b = buyers.get(r.nextInt(buyers.size()));
            Instant at = now.minusSeconds(86_400L * (1 + r.nextInt(Math.max(1, options.days()))));
            orders.add(Order.of(id("order", i), "FX-" + seed + "-" + (i + 1), p.shgId(), b.id(),
                    List.of(new OrderLine(p.id(), BigDecimal.valueOf(1 + r.nextInt(50)), p.unitPrice())), at,
                    at.atZone(ZoneOffset.UTC).toLocalDate().plusDays(3), OrderStatus.values()[r.nextInt(
                            OrderStatus.values().length)], PaymentStatus.PENDING, b.location().place()));
        }
    }

    private void generateRatingsAndReturns(Random r) {
        Map<UUID, Double> quality = new HashMap<>();
        for (Product p : products) {
            quality.put(p.id(), 2.5 + 2.3 * r.nextDouble());
        }
        String[] reasons = {"DAMAGED", "QUALITY", "LATE"};
        for (Order o : orders) {
            if (o.status() != OrderStatus.DELIVERED) {
                continue;
            }
            OrderLine line = o.lines().get(0);
            double q = quality.get(line.productId());
            Instant delivered = o.deliveryDate().orElseThrow().atStartOfDay().toInstant(ZoneOffset.UTC);
            if (delivered.plusSeconds(2 * 86_400).isAfter(now)) {
                continue; // not delivered long enough ago to be rated or returned by today
            }
            if (r.nextDouble() < 0.6) {
                int stars = (int) Math.round(Math.max(1, Math.min(5, q + 0.8 * r.nextGaussian())));
                ratings.add(new OrderRating(o.id(), stars, delivered.plusSeconds(86_400)));
            }
            if (r.nextDouble() < 0.1 * (5 - q) / 1.5) {
                BigDecimal back = line.quantity().multiply(BigDecimal.valueOf(0.1 + 0.4 * r.nextDouble()))
                        .setScale(0, RoundingMode.CEILING).min(line.quantity());
                returns.add(new OrderReturn(o.id(), line.productId(), back, delivered.plusSeconds(2 * 86_400),
                        reasons[r.nextInt(reasons.length)]));
            }
        }
    }

    private void generateMatchHistory(Random r) {
        if (buyers.isEmpty() || shgs.isEmpty()) {
            return;
        }
        // Every buyer also likes one category it does not list: profiles are incomplete, and only the outcomes of past
        // matches reveal it. Drawn from a stream of its own so the rest of the data does not depend on it.
        Random tastes = new Random(seed ^ 0x5DEECE66DL);
        Map<UUID, String> unlisted = new HashMap<>();
        for (Buyer b : buyers) {
            String c = GOODS[tastes.nextInt(GOODS.length)][1];
            unlisted.put(b.id(), b.categoryPreferences().contains(c) ? null : c);
        }
        Set<String> pairs = new HashSet<>();
        int n = (int) Math.min((long) shgs.size() * buyers.size(), (long) shgs.size() * options.matchesPerGroup());
        for (int i = 0; pairs.size() < n && i < n * 10; i++) {
            Shg s = shgs.get(r.nextInt(shgs.size()));
            Buyer b = buyers.get(r.nextInt(buyers.size()));
            if (!pairs.add(s.id() + "/" + b.id())) {
                continue;
            }
            Instant at = now.minusSeconds(86_400L * (30 + r.nextInt(300)));
            // groups in a category the buyer likes, listed or not, complete more often: a signal a learned scorer can
            // find in the history that the buyer's profile alone does not give
            boolean likes = b.categoryPreferences().contains(s.category()) || s.category().equals(unlisted.get(b.id()));
            Match m = Match.pending(id("match", i), s.id(), b.id(), null, 0.5, "", at).moveTo(MatchStatus.ACCEPTED, at);
            matchHistory.add(r.nextDouble() < (likes ? 0.7 : 0.2)
                    ? m.moveTo(MatchStatus.CONNECTED, at).moveTo(MatchStatus.COMPLETED, at)
                    : m.moveTo(MatchStatus.DECLINED, at));
        }
    }

    private static BigDecimal money(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }
}
