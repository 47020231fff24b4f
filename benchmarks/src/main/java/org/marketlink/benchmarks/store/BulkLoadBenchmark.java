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
import java.io.DataOutputStream;
import java.io.IOException;
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
 * <p>A second peer gets the same rows already rendered in COPY's binary format, the driver's fastest path: the
 * server parses no text then.
 *
 * <p>Arguments: {@code [rows=1000000] [rounds=3]}.
 */
public final class BulkLoadBenchmark {
    private static final String COPY = "COPY market_data (product_id, observed_at, price, demand_signal, "
            + "competitor_count, availability_index, trend, source) FROM STDIN (FORMAT text)";
    private static final String COPY_BINARY = COPY.replace("(FORMAT text)", "(FORMAT binary)");

    private BulkLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        EmbeddedPostgresServer.Database db = EmbeddedPostgresServer.newDatabase();
        try (MarketStore store = MarketStore.connect(ConnectionOptions.of(db.jdbcUrl(), "postgres", ""))) {
            List<MarketData> data = generate(store, rows);
            byte[] rendered = render(data);
            byte[] binary = renderBinary(data);
            System.out.printf("rows: %,d  (COPY text %,d MB, binary %,d MB)%n", rows, rendered.length >> 20,
                    binary.length >> 20);
            long bestStore = Long.MAX_VALUE;
            long bestCopy = Long.MAX_VALUE;
            long bestBinary = Long.MAX_VALUE;
            for (int round = 0; round < rounds; round++) {
                truncate(store);
                long t0 = System.nanoTime();
                long loaded = store.marketData().bulkLoad(data.iterator());
                long storeNanos = System.nanoTime() - t0;
                check(loaded, rows, store);
                truncate(store);
                long copyNanos = driverCopy(store, COPY, rendered, rows);
                truncate(store);
                long binaryNanos = driverCopy(store, COPY_BINARY, binary, rows);
                System.out.printf("round %d: MarketStore %,.0f rows/s   driver COPY text %,.0f rows/s, binary %,.0f "
                        + "rows/s%n", round + 1, rows / (storeNanos / 1e9), rows / (copyNanos / 1e9),
                        rows / (binaryNanos / 1e9));
                bestStore = Math.min(bestStore, storeNanos);
                bestCopy = Math.min(bestCopy, copyNanos);
                bestBinary = Math.min(bestBinary, binaryNanos);
            }
            double storeRate = rows / (bestStore / 1e9);
            double copyRate = rows / (bestCopy / 1e9);
            double binaryRate = rows / (bestBinary / 1e9);
            System.out.printf("best: MarketStore.bulkLoad %,.0f rows/s, PostgreSQL COPY text %,.0f rows/s (ratio %.2f), "
                    + "binary %,.0f rows/s (ratio %.2f; goal >= 1.0)%n", storeRate, copyRate, storeRate / copyRate,
                    binaryRate, storeRate / binaryRate);
        }
        System.exit(0);
    }

    /** The peer: the driver's COPY of input rendered before the clock starts, in one transaction, checked. */
    private static long driverCopy(MarketStore store, String sql, byte[] input, int rows) throws Exception {
        long t0 = System.nanoTime();
        long copied;
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(input));
            c.commit();
        }
        long nanos = System.nanoTime() - t0;
        check(copied, rows, store);
        return nanos;
    }

    /**
     * The rows in COPY's binary format, written here independently of the store's writer (through
     * {@link DataOutputStream} and each decimal's plain text), so the peer's input does not depend on the code it is
     * compared with.
     */
    private static byte[] renderBinary(List<MarketData> data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.size() * 90);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        out.writeInt(0);
        out.writeInt(0);
        long epoch = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
        for (MarketData m : data) {
            out.writeShort(8);
            out.writeInt(16);
            out.writeLong(m.productId().getMostSignificantBits());
            out.writeLong(m.productId().getLeastSignificantBits());
            out.writeInt(8);
            out.writeLong((m.observedAt().getEpochSecond() - epoch) * 1_000_000L + m.observedAt().getNano() / 1000);
            writeNumeric(out, m.price());
            out.writeInt(8);
            out.writeDouble(m.demandSignal());
            out.writeInt(4);
            out.writeInt(m.competitorCount());
            out.writeInt(8);
            out.writeDouble(m.availabilityIndex());
            byte[] trend = m.trend().name().getBytes(StandardCharsets.UTF_8);
            out.writeInt(trend.length);
            out.write(trend);
            byte[] source = m.source().getBytes(StandardCharsets.UTF_8);
            out.writeInt(source.length);
            out.write(source);
        }
        out.writeShort(-1);
        out.flush();
        return bytes.toByteArray();
    }

    /** A non-negative decimal as PostgreSQL's binary numeric: base-10000 digits from its plain text. */
    private static void writeNumeric(DataOutputStream out, BigDecimal value) throws IOException {
        String plain = value.toPlainString();
        int point = plain.indexOf('.');
        String integer = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point + 1);
        integer = integer.replaceFirst("^0+", "");
        String digits = "0".repeat((4 - integer.length() % 4) % 4) + integer + fraction
                + "0".repeat((4 - fraction.length() % 4) % 4);
        int integerGroups = (integer.length() + 3) / 4;
        List<Integer> groups = new ArrayList<>();
        for (int i = 0; i < digits.length(); i += 4) {
            groups.add(Integer.parseInt(digits.substring(i, i + 4)));
        }
        int weight = integerGroups - 1;
        while (!groups.isEmpty() && groups.get(0) == 0) {
            groups.remove(0);
            weight--;
        }
        while (!groups.isEmpty() && groups.get(groups.size() - 1) == 0) {
            groups.remove(groups.size() - 1);
        }
        out.writeInt(8 + 2 * groups.size());
        out.writeShort(groups.size());
        out.writeShort(groups.isEmpty() ? 0 : weight);
        out.writeShort(0);
        out.writeShort(value.scale());
        for (int g : groups) {
            out.writeShort(g);
        }
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
