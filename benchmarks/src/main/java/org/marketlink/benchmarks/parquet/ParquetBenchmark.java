package org.marketlink.benchmarks.parquet;

import org.duckdb.DuckDBConnection;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.parquet.ParquetColumns;
import org.marketlink.parquet.ParquetSink;
import org.marketlink.parquet.ParquetSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Parquet outside Spark against DuckDB, one thread each, in the same process: writing the same rows (MarketLink's
 * {@code ParquetSink} from rows in memory; DuckDB's {@code COPY ... TO ... (FORMAT parquet)} from a table in memory,
 * both Snappy), and reading every column of a file back into sums: MarketLink's {@code ParquetSource.openColumns}
 * into column batches (the goal's figure) and {@code ParquetSource.open} into rows; DuckDB's {@code read_parquet}
 * into the same sums in SQL, its fastest form: nothing crosses JDBC but the sums. Each side reads both sides' files;
 * the sums are checked equal; rounds interleaved.
 *
 * <p>Arguments: {@code [rows=2000000] [rounds=3]}.
 */
public final class ParquetBenchmark {
    private static final Schema EVENTS = Schema.of(Field.required("id", FieldType.LONG),
            Field.required("product", FieldType.STRING), Field.required("quantity", FieldType.LONG),
            Field.required("price", FieldType.DOUBLE), Field.required("at", FieldType.TIMESTAMP),
            Field.required("active", FieldType.BOOLEAN), Field.required("day", FieldType.DATE));

    private ParquetBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args rows and rounds
     * @throws Exception when a file or DuckDB fails
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Long> ids = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            ids.add(i);
        }
        Collections.shuffle(ids, new Random(7));
        Random r = new Random(11);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long at = 1_735_689_600_000_000L + r.nextInt(1_000_000_000) * 31L;
            rows.add(Row.of(EVENTS, ids.get(i), "P-" + r.nextInt(5_000), (long) r.nextInt(500),
                    Math.round(r.nextDouble() * 100_000) / 100.0, Instant.ofEpochSecond(at / 1_000_000,
                            at % 1_000_000 * 1_000), r.nextBoolean(), LocalDate.ofEpochDay(19_000 + r.nextInt(2_000))));
        }
        Path dir = Files.createTempDirectory("marketlink-parquet-bench");
        Path ours = dir.resolve("ours.parquet");
        Path theirs = dir.resolve("duckdb.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads = 1");
            st.execute("CREATE TABLE ev (id BIGINT, product VARCHAR, quantity BIGINT, price DOUBLE, \"at\" TIMESTAMPTZ, "
                    + "active BOOLEAN, \"day\" DATE)");
            try (var app = ((DuckDBConnection) c).createAppender("main", "ev")) {
                for (Row row : rows) {
                    app.beginRow();
                    app.append(row.getLong(0));
                    app.append(row.getString(1));
                    app.append(row.getLong(2));
                    app.append(row.getDouble(3));
                    Instant t = (Instant) row.get(4);
                    app.appendEpochMicros(t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000);
                    app.append((Boolean) row.get(5));
                    app.append((LocalDate) row.get(6));
                    app.endRow();
                }
            }
            double bestWriteOurs = 0;
            double bestWriteDuck = 0;
            double bestReadOurs = 0;
            double bestReadDuck = 0;
            double bestReadRows = 0;
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                try (ParquetSink sink = ParquetSink.create(ours, EVENTS)) {
                    for (int from = 0, chunk = 0; from < n; from += 10_000, chunk++) {
                        sink.write(new ChunkKey("bench", chunk, from + 1), rows.subList(from, Math.min(n, from + 10_000)));
                    }
                }
                double writeOurs = n / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                st.execute("COPY ev TO '" + theirs + "' (FORMAT parquet, COMPRESSION snappy)");
                double writeDuck = n / ((System.nanoTime() - t0) / 1e9);

                String[] sums = new String[6];
                double readOurs = 0;
                double readRows = 0;
                double readDuck = 0;
                int k = 0;
                for (Path file : List.of(ours, theirs)) {
                    t0 = System.nanoTime();
                    sums[k++] = columnSums(file);
                    readOurs += (System.nanoTime() - t0) / 1e9;
                    t0 = System.nanoTime();
                    sums[k++] = ourSums(file);
                    readRows += (System.nanoTime() - t0) / 1e9;
                    t0 = System.nanoTime();
                    sums[k++] = duckSums(st, file);
                    readDuck += (System.nanoTime() - t0) / 1e9;
                }
                for (String s : sums) {
                    if (!s.equals(sums[0])) {
                        throw new IllegalStateException("sums differ: " + String.join(" | ", sums));
                    }
                }
                readOurs = 2.0 * n / readOurs;
                readRows = 2.0 * n / readRows;
                readDuck = 2.0 * n / readDuck;
                System.out.printf("round %d: write MarketLink %,.0f rows/s, DuckDB %,.0f rows/s (%.2f); read MarketLink "
                        + "columns %,.0f rows/s, rows %,.0f rows/s, DuckDB %,.0f rows/s (%.2f, rows %.2f); sums %s%n",
                        round, writeOurs, writeDuck, writeOurs / writeDuck, readOurs, readRows, readDuck,
                        readOurs / readDuck, readRows / readDuck, sums[0]);
                bestReadRows = Math.max(bestReadRows, readRows);
                bestWriteOurs = Math.max(bestWriteOurs, writeOurs);
                bestWriteDuck = Math.max(bestWriteDuck, writeDuck);
                bestReadOurs = Math.max(bestReadOurs, readOurs);
                bestReadDuck = Math.max(bestReadDuck, readDuck);
            }
            System.out.printf("best of %d, one thread each: write %.2f of DuckDB (%,.0f vs %,.0f rows/s), read into "
                    + "column batches %.2f of DuckDB (%,.0f vs %,.0f rows/s; goal >= 0.7), into rows %.2f (%,.0f rows/s); "
                    + "files %,d and %,d bytes%n", rounds, bestWriteOurs / bestWriteDuck, bestWriteOurs, bestWriteDuck,
                    bestReadOurs / bestReadDuck, bestReadOurs, bestReadDuck, bestReadRows / bestReadDuck, bestReadRows,
                    Files.size(ours), Files.size(theirs));
        }
    }

    /** Every column of every row of {@code file}, read into rows and summed. */
    private static String ourSums(Path file) {
        long id = 0;
        long quantity = 0;
        double price = 0;
        long active = 0;
        long at = 0;
        long day = 0;
        long length = 0;
        long[] count = {0};
        List<Row> one = new ArrayList<>(1);
        try (Cursor<Row> cursor = ParquetSource.of(file, EVENTS).open()) {
            while (cursor.next((row, rowNumber) -> one.add(row), rejection -> {
                throw new IllegalStateException("rejected: " + rejection);
            })) {
                if (one.isEmpty()) {
                    continue;
                }
                Row row = one.remove(0);
                count[0]++;
                id += row.getLong(0);
                length += row.getString(1).length();
                quantity += row.getLong(2);
                price += row.getDouble(3);
                Instant t = (Instant) row.get(4);
                at += t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
                active += (Boolean) row.get(5) ? 1 : 0;
                day += ((LocalDate) row.get(6)).toEpochDay();
            }
        }
        return String.format("%d %d %d %d %.2f %d %d %d", count[0], id, length, quantity, price, at, active, day);
    }

    /** Every column of every row of {@code file}, read into column batches and summed. */
    private static String columnSums(Path file) {
        long id = 0;
        long quantity = 0;
        double price = 0;
        long active = 0;
        long at = 0;
        long day = 0;
        long length = 0;
        long count = 0;
        try (ParquetColumns columns = ParquetSource.of(file, EVENTS).openColumns(4_096)) {
            for (ColumnBatch b = columns.next(ParquetBenchmark::refuse); b != null;
                 b = columns.next(ParquetBenchmark::refuse)) {
                int size = b.size();
                long[] ids = b.longs(0);
                String[] products = b.texts(1);
                long[] quantities = b.longs(2);
                double[] prices = b.doubles(3);
                long[] times = b.timestamps(4);
                boolean[] actives = b.booleans(5);
                int[] days = b.dates(6);
                for (int r = 0; r < size; r++) {
                    id += ids[r];
                    length += products[r].length();
                    quantity += quantities[r];
                    price += prices[r];
                    at += times[r];
                    active += actives[r] ? 1 : 0;
                    day += days[r];
                }
                count += size;
            }
        }
        return String.format("%d %d %d %d %.2f %d %d %d", count, id, length, quantity, price, at, active, day);
    }

    private static void refuse(Rejection rejection) {
        throw new IllegalStateException("rejected: " + rejection);
    }

    private static String duckSums(Statement st, Path file) throws Exception {
        try (ResultSet r = st.executeQuery("SELECT count(*), sum(id), sum(length(product)), sum(quantity), sum(price), "
                + "sum(epoch_us(\"at\")), count_if(active), sum(\"day\" - DATE '1970-01-01') FROM read_parquet('" + file
                + "')")) {
            r.next();
            return String.format("%d %d %d %d %.2f %d %d %d", r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
                    r.getDouble(5), r.getLong(6), r.getLong(7), r.getLong(8));
        }
    }
}
