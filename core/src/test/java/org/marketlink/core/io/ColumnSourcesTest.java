package org.marketlink.core.io;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ColumnCursor;
import org.marketlink.core.pipeline.ColumnSource;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Rejection;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A source read as column batches gives exactly the rows, row numbers and rejections it gives row by row, whatever
 * the batch size: CSV with damaged, ragged and unparsable records, plain and gzip; JDBC with every type and rows
 * that do not convert.
 */
class ColumnSourcesTest {
    private static final Schema CSV = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("price", FieldType.DOUBLE), Field.optional("region", FieldType.STRING),
            Field.optional("sold_on", FieldType.DATE), Field.optional("at", FieldType.TIMESTAMP),
            Field.optional("ok", FieldType.BOOLEAN), Field.optional("amount", FieldType.DECIMAL),
            Field.optional("phone", FieldType.STRING).asPersonal());

    private record Read(List<Row> rows, List<Long> numbers, List<Rejection> rejections) {
    }

    private static Read byRows(ColumnSource source) {
        List<Row> rows = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        try (Cursor<Row> c = source.open()) {
            while (c.next((row, n) -> {
                rows.add(row);
                numbers.add(n);
            }, rejections::add)) {
                // every row
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return new Read(rows, numbers, rejections);
    }

    private static Read byColumns(ColumnSource source, int batchRows) {
        List<Row> rows = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        try (ColumnCursor c = source.openColumns(batchRows)) {
            for (ColumnBatch b = c.next(rejections::add); b != null; b = c.next(rejections::add)) {
                assertThat(b.size()).isBetween(1, batchRows);
                for (int r = 0; r < b.size(); r++) {
                    rows.add(b.row(r));
                    numbers.add(b.rowNumbers()[r]);
                }
            }
        }
        return new Read(rows, numbers, rejections);
    }

    private static String hostileCsv(long seed, int n) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("id,price,region,sold_on,at,ok,amount,phone\n");
        String[] regions = {"north", "", "Zoë", "\"quoted, with comma\"", "日本", "🍅"};
        for (int i = 1; i <= n; i++) {
            int damage = r.nextInt(40);
            String id = damage == 0 ? "" : damage == 1 ? "x" + i : String.valueOf(i);
            String price = damage == 2 ? "1e999" : damage == 3 ? "" : String.valueOf(r.nextGaussian() * 100);
            String region = regions[r.nextInt(regions.length)];
            String date = damage == 4 ? "2026-02-30" : r.nextBoolean() ? "" : "2026-01-" + (10 + r.nextInt(18));
            String at = r.nextBoolean() ? "" : "2026-01-0" + (1 + r.nextInt(9)) + "T10:00:00Z";
            String ok = damage == 5 ? "maybe" : r.nextBoolean() ? "true" : "0";
            String amount = r.nextBoolean() ? "" : r.nextInt(100000) + "." + r.nextInt(100);
            String phone = "+91 98" + r.nextInt(1_000_000);
            if (damage == 6) {
                b.append(id).append(",").append(price).append('\n'); // ragged
            } else if (damage == 7) {
                b.append(id).append(",1.5,\"unclosed,").append(date).append(",,,,").append(phone).append('\n');
            } else {
                b.append(String.join(",", id, price, region, date, at, ok, amount, phone)).append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void csvBatches_holdTheRowsAndRejectionsOfTheRowPath(@TempDir Path dir) throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            String text = hostileCsv(seed, 3_000);
            Path plain = Files.writeString(dir.resolve("f" + seed + ".csv"), text);
            Path gz = dir.resolve("f" + seed + ".csv.gz");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            for (Path f : List.of(plain, gz)) {
                CsvSource source = CsvSource.of(f, CSV, CsvOptions.defaults());
                Read rows = byRows(source);
                assertThat(rows.rejections()).as("the file is hostile").hasSizeGreaterThan(100);
                assertThat(rows.rejections()).extracting(Rejection::reasonCode).contains("PARSE_ERROR",
                        "RAGGED_ROW", "MALFORMED_CSV");
                // every record comes out once, as a row or a rejection (an unclosed quote joins lines into one)
                List<Long> all = new ArrayList<>(rows.numbers());
                rows.rejections().forEach(j -> all.add(j.rowNumber()));
                all.sort(null);
                for (int i = 0; i < all.size(); i++) {
                    assertThat(all.get(i)).isEqualTo(i + 1L);
                }
                assertThat(all.size()).isGreaterThan(2_000);
                for (int batch : new int[] {1, 7, 2048}) {
                    Read columns = byColumns(source, batch);
                    assertThat(columns.rows()).as(f + " batch " + batch).isEqualTo(rows.rows());
                    assertThat(columns.numbers()).isEqualTo(rows.numbers());
                    assertThat(columns.rejections()).isEqualTo(rows.rejections());
                }
                assertThat(String.valueOf(rows.rejections())).doesNotContain("+91");
            }
        }
    }

    @Test
    void csvBatches_ofAnEmptyFile_andBadBatchSizes(@TempDir Path dir) throws IOException {
        CsvSource empty = CsvSource.of(Files.writeString(dir.resolve("e.csv"), "id,price\n"), CSV,
                CsvOptions.defaults());
        try (ColumnCursor c = empty.openColumns(10)) {
            assertThat(c.next(r -> {
                throw new AssertionError(r);
            })).isNull();
        }
        assertThatThrownBy(() -> empty.openColumns(0)).hasMessageContaining("batchRows");
    }

    private static final Schema DB = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("n", FieldType.LONG), Field.optional("small", FieldType.LONG),
            Field.optional("d", FieldType.DOUBLE), Field.optional("whole", FieldType.LONG),
            Field.optional("s", FieldType.STRING), Field.optional("amount", FieldType.DECIMAL),
            Field.optional("ok", FieldType.BOOLEAN), Field.optional("sold_on", FieldType.DATE),
            Field.optional("at", FieldType.TIMESTAMP), Field.optional("absent", FieldType.STRING));

    @Test
    void jdbcBatches_holdTheRowsAndRejectionsOfTheRowPath() throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:columns;DB_CLOSE_DELAY=-1");
        Random r = new Random(5);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id BIGINT, n BIGINT, small SMALLINT, d DOUBLE PRECISION, "
                    + "whole DOUBLE PRECISION, s VARCHAR(40), amount DECIMAL(12, 2), ok BOOLEAN, sold_on DATE, "
                    + "at TIMESTAMP WITH TIME ZONE)");
            StringBuilder insert = new StringBuilder("INSERT INTO t VALUES ");
            for (int i = 1; i <= 1_500; i++) {
                int k = r.nextInt(30);
                insert.append(i == 1 ? "" : ", ").append('(')
                        .append(k == 0 ? "NULL" : String.valueOf(i)).append(", ")
                        .append(k == 1 ? "NULL" : String.valueOf(r.nextLong())).append(", ")
                        .append(k == 2 ? "NULL" : String.valueOf(r.nextInt(30000) - 15000)).append(", ")
                        .append(k == 3 ? "NULL" : k == 4 ? "-0.0" : String.valueOf(r.nextGaussian())).append(", ")
                        .append(k == 5 ? "2.5" : k == 6 ? "NULL" : String.valueOf(r.nextInt(1000))).append(", ")
                        .append(k == 7 ? "NULL" : "'s" + r.nextInt(100) + "'").append(", ")
                        .append(k == 8 ? "NULL" : r.nextInt(100000) / 100.0).append(", ")
                        .append(k == 9 ? "NULL" : r.nextBoolean()).append(", ")
                        .append(k == 10 ? "NULL" : "DATE '2026-01-" + (10 + r.nextInt(18)) + "'").append(", ")
                        .append(k == 11 ? "NULL" : "TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:0" + r.nextInt(10)
                                + "+02'").append(')');
            }
            st.execute(insert.toString());
        }
        JdbcSource source = JdbcSource.of(ds, "SELECT * FROM t ORDER BY id NULLS FIRST", List.of(), DB, 100);
        Read rows = byRows(source);
        assertThat(rows.rejections()).extracting(Rejection::reasonCode).contains("INVALID_ROW", "PARSE_ERROR");
        assertThat(rows.rows().size() + rows.rejections().size()).isEqualTo(1_500);
        for (int batch : new int[] {1, 13, 4096}) {
            Read columns = byColumns(source, batch);
            assertThat(columns.rows()).as("batch " + batch).isEqualTo(rows.rows());
            assertThat(columns.numbers()).isEqualTo(rows.numbers());
            assertThat(columns.rejections()).isEqualTo(rows.rejections());
        }
    }
}
