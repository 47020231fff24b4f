package org.marketlink.parquet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Rejection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The column reader gives, value for value, what parquet-java's record reader and the field decoders give
 * ({@link RecordReaderOracle}), over files of several row groups, dictionary and plain pages, nulls, every
 * Parquet type MarketLink reads and pairings of a column with a field of another type; rows that do not fit are
 * quarantined in row order, and every row of the file comes out once, kept or quarantined.
 */
class ParquetColumnsTest {
    private static final Schema WIDE = Schema.of(Field.optional("id", FieldType.LONG),
            Field.optional("name", FieldType.STRING), Field.optional("unique_text", FieldType.STRING),
            Field.optional("price", FieldType.DECIMAL), Field.optional("score", FieldType.DOUBLE),
            Field.optional("small", FieldType.LONG), Field.optional("active", FieldType.BOOLEAN),
            Field.optional("day", FieldType.DATE), Field.optional("at", FieldType.TIMESTAMP),
            Field.optional("at_ms", FieldType.TIMESTAMP), Field.optional("at_ns", FieldType.TIMESTAMP),
            Field.optional("ratio", FieldType.DOUBLE), Field.optional("absent", FieldType.STRING),
            // columns read as fields of another type: numbers as text, a decimal as a double, a date as text
            Field.optional("id_text", FieldType.STRING), Field.optional("price_double", FieldType.DOUBLE),
            Field.optional("day_text", FieldType.STRING), Field.optional("small_double", FieldType.DOUBLE));

    private static Path duckDbFile(Path dir) throws Exception {
        Path file = dir.resolve("wide.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 7919 % 5003 - 2500)::BIGINT END AS id, "
                    + "CASE WHEN i % 11 = 5 THEN NULL ELSE 'item ' || (i % 50) END AS name, "
                    + "'u-' || i || '-é' AS unique_text, (i * 1.25 - 3000)::DECIMAL(18,3) AS price, "
                    + "CASE WHEN i % 13 = 0 THEN NULL ELSE i / 3.0 END AS score, (i % 100)::INTEGER AS small, "
                    + "CASE WHEN i % 5 = 0 THEN NULL ELSE i % 2 = 0 END AS active, "
                    + "DATE '1969-12-25' + (i % 400)::INTEGER AS \"day\", "
                    + "TIMESTAMPTZ '1969-12-31 23:59:00+00' + INTERVAL (i * 1001) MILLISECOND AS \"at\", "
                    + "(TIMESTAMP '2026-01-01' + INTERVAL (i) SECOND)::TIMESTAMP_MS AS at_ms, "
                    + "(TIMESTAMP '2026-01-01' + INTERVAL (i * 3) MICROSECOND)::TIMESTAMP_NS AS at_ns, "
                    + "(i / 8.0)::FLOAT AS ratio, i::BIGINT AS id_text, (i * 0.5)::DECIMAL(9,2) AS price_double, "
                    + "DATE '2026-01-01' + (i % 30)::INTEGER AS day_text, (i % 100)::INTEGER AS small_double "
                    + "FROM range(5000) t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 1024)");
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 333, 1024, 4096})
    void batchesHoldWhatTheRecordReaderReads(int batchRows, @TempDir Path dir) throws Exception {
        Path file = duckDbFile(dir);
        Schema schema = WIDE;
        List<Object[]> expected = RecordReaderOracle.read(file, schema);
        assertThat(expected).hasSize(5_000);
        List<Object[]> actual = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        long nextRow = 1;
        try (ParquetColumns columns = ParquetSource.of(file, schema).openColumns(batchRows)) {
            for (ColumnBatch b = columns.next(rejections::add); b != null; b = columns.next(rejections::add)) {
                assertThat(b.size()).isBetween(1, batchRows);
                for (int r = 0; r < b.size(); r++) {
                    assertThat(b.rowNumbers()[r]).isEqualTo(nextRow++);
                    Object[] values = new Object[schema.size()];
                    for (int f = 0; f < values.length; f++) {
                        values[f] = b.get(f, r);
                        if (b.nulls(f)[r]) {
                            assertThat(typed(b, f, r)).as("field %d of row %d", f, nextRow - 1)
                                    .isIn(0L, 0d, false, 0, null);
                        }
                    }
                    actual.add(values);
                }
            }
        }
        assertThat(rejections).isEmpty();
        assertThat(actual).hasSameSizeAs(expected);
        for (int r = 0; r < expected.size(); r++) {
            assertThat(actual.get(r)).as("row %d", r + 1).containsExactly(expected.get(r));
        }
        // the file's values are there, not only equal to a reading that could share a mistake
        assertThat(actual.get(3)[0]).isNull();
        assertThat(actual.get(7)[1]).isEqualTo("item 7");
        assertThat(actual.get(7)[13]).isEqualTo("7");
        assertThat(actual.get(7)[15]).isEqualTo("2026-01-08");
        assertThat(actual.get(2)[3]).hasToString("-2997.500");
    }

    /** The value in the field's own array, whatever the null flag says. */
    private static Object typed(ColumnBatch b, int f, int r) {
        return switch (b.schema().field(f).type()) {
            case LONG -> b.longs(f)[r];
            case TIMESTAMP -> b.timestamps(f)[r];
            case DOUBLE -> b.doubles(f)[r];
            case BOOLEAN -> b.booleans(f)[r];
            case DATE -> b.dates(f)[r];
            case STRING, JSON -> b.texts(f)[r];
            case DECIMAL -> b.decimals(f)[r];
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4096})
    void rowsThatDoNotFit_areQuarantinedInRowOrder_andEveryRowComesOutOnce(int batchRows, @TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("loose.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            // amount: numbers as text, some not numbers (a few distinct values: dictionary pages); code: unique
            // text, some not numbers (plain pages); id missing on some rows
            s.execute("COPY (SELECT CASE WHEN i % 10 = 9 THEN NULL ELSE i END::BIGINT AS id, "
                    + "CASE WHEN i % 6 = 1 THEN 'ten' ELSE (i % 4)::VARCHAR END AS amount, "
                    + "CASE WHEN i % 14 = 1 THEN 'x' || i ELSE (i * 1000003)::VARCHAR END AS code, "
                    + "'+25470000' || i AS phone FROM range(3000) t(i)) TO '" + file + "' (FORMAT parquet, "
                    + "ROW_GROUP_SIZE 1000)");
        }
        Schema strict = Schema.of(Field.required("id", FieldType.LONG), Field.optional("amount", FieldType.LONG),
                Field.optional("code", FieldType.LONG), Field.optional("phone", FieldType.STRING))
                .withPersonal("phone");
        List<Rejection> rejections = new ArrayList<>();
        List<Long> kept = new ArrayList<>();
        try (ParquetColumns columns = ParquetSource.of(file, strict).openColumns(batchRows)) {
            for (ColumnBatch b = columns.next(rejections::add); b != null; b = columns.next(rejections::add)) {
                for (int r = 0; r < b.size(); r++) {
                    long row = b.rowNumbers()[r];
                    kept.add(row);
                    long i = row - 1;
                    assertThat(b.longs(0)[r]).isEqualTo(i);
                    assertThat(b.longs(1)[r]).isEqualTo(i % 4);
                    assertThat(b.longs(2)[r]).isEqualTo(i * 1000003);
                }
            }
        }
        List<Long> expectedKept = new ArrayList<>();
        List<String> expectedReasons = new ArrayList<>();
        for (long i = 0; i < 3000; i++) {
            if (i % 6 == 1 || i % 14 == 1) {
                expectedReasons.add("PARSE_ERROR " + (i + 1) + " " + (i % 6 == 1 ? "amount" : "code"));
            } else if (i % 10 == 9) {
                expectedReasons.add("INVALID_ROW " + (i + 1) + " ");
            } else {
                expectedKept.add(i + 1);
            }
        }
        assertThat(kept).containsExactlyElementsOf(expectedKept);
        assertThat(rejections).extracting(j -> j.reasonCode() + " " + j.rowNumber() + " " + j.column())
                .containsExactlyElementsOf(expectedReasons);
        assertThat(kept.size() + rejections.size()).isEqualTo(3000);
        Rejection twoBad = rejections.stream().filter(j -> j.rowNumber() == 2).findFirst().orElseThrow();
        // row 2 (i = 1): amount 'ten' and code 'x1' both refused; the first field is named, both shown as read
        assertThat(twoBad.column()).isEqualTo("amount");
        assertThat(twoBad.raw()).isEqualTo("1,ten,x1,***").doesNotContain("2547");
        Rejection missing = rejections.stream().filter(j -> j.rowNumber() == 10).findFirst().orElseThrow();
        assertThat(missing.message()).isEqualTo("field 'id' is required but was empty");
        assertThat(missing.raw()).isEqualTo(",1,9000027,***");
    }

    @Test
    void aBatchOfWrongTypeIsRefusedNamingTheField(@TempDir Path dir) throws Exception {
        Path file = duckDbFile(dir);
        try (ParquetColumns columns = ParquetSource.of(file, WIDE).openColumns(100)) {
            ColumnBatch b = columns.next(r -> {
            });
            assertThatThrownBy(() -> b.doubles(0))
                    .hasMessage("field 'id' holds LONG, not DOUBLE");
        }
    }
}
