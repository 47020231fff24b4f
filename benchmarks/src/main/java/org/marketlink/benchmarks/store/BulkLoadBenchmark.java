package org.marketlink.benchmarks.store;

import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.model.Location;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.model.Trend;
import org.marketlink.store.ConnectionOptions;
import org.marketlink.store.MarketStore;
import org.marketlink.testing.EmbeddedPostgresServer;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Bulk load of market-data rows into the embedded PostgreSQL through {@link MarketStore}, against PostgreSQL's
 * own {@code COPY} of the same rows straight through the driver, in the same process and the same database.
 *
 * <p>The peer gets its input already rendered as COPY text (rendering is outside its timing), so it is the
 * fastest any client can be; MarketStore's time includes turning records into that text. Each side runs
 * {@code rounds} times into an emptied table, alternating, and the best time of each counts.
 *
 * <p>Arguments: {@code [rows=1000000] [rounds=3]}.
 */
public final class BulkLoadBenchmark {
    private static final String COPY = "COPY market_data (product_id, observed_at, price, demand_signal, "
            + "competitor_count, availability_index, trend, source) FROM STDIN (FORMAT text)";

    private BulkLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        EmbeddedPostgresServer.Database db = EmbeddedPostgresServer.newDatabase();
        try (MarketStore store = MarketStore.connect(ConnectionOptions.of(db.jdbcUrl(), "postgres", ""))) {
            List<MarketData> data = generate(store, rows);
            byte[] rendered = render(data);
            System.out.printf("rows: %,d  (COPY text %,d MB)%n", rows, rendered.length >> 20);
            long bestStore = Long.MAX_VALUE;
            long bestCopy = Long.MAX_VALUE;
            for (int round = 0; round < rounds; round++) {
                truncate(store);
                long t0 = System.nanoTime();
                long loaded = store.marketData().bulkLoad(data.iterator());
                long storeNanos = System.nanoTime() - t0;
                check(loaded, rows, store);
                truncate(store);
                t0 = System.nanoTime();
                long copied;
                try (Connection c = store.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new ByteArrayInputStream(rendered));
                    c.commit();
                }
                long copyNanos = System.nanoTime() - t0;
                check(copied, rows, store);
                System.out.printf("round %d: MarketStore %,.0f rows/s   driver COPY %,.0f rows/s%n", round + 1,
                        rows / (storeNanos / 1e9), rows / (copyNanos / 1e9));
                bestStore = Math.min(bestStore, storeNanos);
                bestCopy = Math.min(bestCopy, copyNanos);
            }
            double storeRate = rows / (bestStore / 1e9);
            double copyRate = rows / (bestCopy / 1e9);
            System.out.printf("best: MarketStore.bulkLoad %,.0f rows/s, PostgreSQL COPY %,.0f rows/s, ratio %.2f "
                    + "(goal >= 0.70)%n", storeRate, copyRate, storeRate / copyRate);
        }
        System.exit(0);
    }

    private static void check(long loaded, int rows, MarketStore store) {
        long counted = store.marketData().count();
        if (loaded != rows || counted != rows) {
            throw new IllegalStateException("loaded " + loaded + ", table holds " + counted + ", expected " + rows);
        }
    }

    private static void truncate(MarketStore store) throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE market_data");
            s.execute("CHECKPOINT");
        }
    }

    /** 1,000 products with a year-and-more of hourly-spaced observations between them, seeded. */
    private static List<MarketData> generate(MarketStore store, int rows) {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        Shg shg = new Shg(UUID.randomUUID(), "Bench group", Location.of("", "Kisumu", "KE", null), "bench", 10, 10,
                List.of(), Map.of(), ContactInfo.none(), Optional.empty(), t0, t0);
        store.shgs().insert(shg);
        int productCount = 1_000;
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < productCount; i++) {
            products.add(new Product(UUID.randomUUID(), shg.id(), "P" + i, "bench", "", "kg", new BigDecimal("10.00"),
                    BigDecimal.ZERO, List.of(), List.of(), 0, 1, 0, 0.5, t0, t0));
        }
        store.products().upsertAll(products);
        SplittableRandom random = new SplittableRandom(42);
        Trend[] trends = Trend.values();
        List<MarketData> data = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            Product p = products.get(i % productCount);
            data.add(new MarketData(p.id(), t0.plusSeconds(3600L * (i / productCount)),
                    BigDecimal.valueOf(1000 + random.nextInt(900_000), 2), random.nextInt(0, 1001) / 100.0,
                    random.nextInt(20), random.nextInt(0, 101) / 100.0, trends[random.nextInt(3)], "bench"));
        }
        return data;
    }

    private static byte[] render(List<MarketData> data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.size() * 100);
        StringBuilder line = new StringBuilder(128);
        for (MarketData m : data) {
            line.setLength(0);
            line.append(m.productId()).append('\t').append(DateTimeFormatter.ISO_INSTANT.format(m.observedAt()))
                    .append('\t').append(m.price().toPlainString()).append('\t').append(m.demandSignal())
                    .append('\t').append(m.competitorCount()).append('\t').append(m.availabilityIndex())
                    .append('\t').append(m.trend().name()).append('\t').append(m.source()).append('\n');
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
