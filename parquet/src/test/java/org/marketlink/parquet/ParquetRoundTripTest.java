package org.marketlink.parquet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.testing.Samples;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Rows of every field type and every domain record come back from a Parquet file as they went in; rows that do not
 * fit their schema are quarantined with a reason, their row number and their text; and the files interchange with
 * DuckDB both ways.
 */
class ParquetRoundTripTest {
    private static final Schema EVERY_TYPE = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("name", FieldType.STRING), Field.optional("price", FieldType.DECIMAL),
            Field.optional("score", FieldType.DOUBLE), Field.optional("active", FieldType.BOOLEAN),
            Field.optional("day", FieldType.DATE), Field.optional("at", FieldType.TIMESTAMP),
            Field.optional("attributes", FieldType.JSON), Field.optional("phone", FieldType.STRING))
            .withPersonal("phone");

    private static List<Row> everyType(int n) {
        Random r = new Random(3);
        String[] texts = {"Shawl", "é", "\u20ac 5", "\ud83d\ude00", "", "  spaced  ", "line\nbreak", "Zürich"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean nulls = i % 9 == 4;
            rows.add(Row.of(EVERY_TYPE, (long) i * (r.nextBoolean() ? 1 : -1) * 1_000_003L,
                    nulls ? null : texts[r.nextInt(texts.length)] + i,
                    nulls ? null : new BigDecimal(BigInteger.valueOf(r.nextLong()), r.nextInt(12) - 2),
                    nulls ? null : r.nextGaussian() * 1e6,
                    nulls ? null : r.nextBoolean(),
                    nulls ? null : LocalDate.ofEpochDay(r.nextInt(80_000) - 20_000),
                    nulls ? null : Instant.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(1_000_000) * 1_000L),
                    nulls ? null : "{\"k\":" + i + "}",
                    nulls ? null : "+2547000" + i));
        }
        return rows;
    }

    @Test
    void rowsOfEveryFieldType_comeBackAsTheyWentIn(@TempDir Path dir) {
        Path file = dir.resolve("every-type.parquet");
        List<Row> rows = everyType(20_000);
        RunReport written = Pipeline.from(Sources.of("rows", rows)).to(ParquetSink.create(file, EVERY_TYPE))
                .run(RunOptions.defaults().withChunkSize(3_000));
        assertThat(written.rowsOut()).isEqualTo(20_000);

        Sinks.ListSink<Row> back = Sinks.list();
        RunReport read = Pipeline.from(ParquetSource.of(file, EVERY_TYPE)).to(back).run(RunOptions.defaults());
        assertThat(read.rowsIn()).isEqualTo(20_000);
        assertThat(read.quarantined()).isZero();
        assertThat(back.rows()).containsExactlyElementsOf(rows);
        assertThat(read.checksum()).isEqualTo(written.checksum());
        assertThat(ParquetSource.of(file, EVERY_TYPE).estimatedSize()).hasValue(20_000);
    }

    @Test
    void everyDomainRecord_comesBackAsItWentIn(@TempDir Path dir) {
        UUID id = UUID.randomUUID();
        assertRoundTrip(dir, Product.class, List.of(Samples.product(id, "Shawl"), Samples.product(id, "Basket")));
        assertRoundTrip(dir, Shg.class, List.of(Samples.shgWithoutBank("Umoja"), Samples.shgWithoutBank("Amani")));
        assertRoundTrip(dir, Order.class, List.of(Samples.order("INV-1", id, id, id)));
        assertRoundTrip(dir, Buyer.class, List.of(Samples.buyer("Gikomba Traders")));
        assertRoundTrip(dir, Match.class, List.of(Samples.match(id, id, id),
                Samples.match(id, id, null)));
        assertRoundTrip(dir, MarketData.class, List.of(Samples.marketData(id, Samples.T0)));
        assertRoundTrip(dir, PricingHistory.class,
                List.of(Samples.pricing(id, LocalDate.of(2026, 1, 3))));
        assertRoundTrip(dir, DemandForecast.class,
                List.of(Samples.forecast(id, LocalDate.of(2026, 2, 1))));
    }

    private static <T extends Record> void assertRoundTrip(Path dir, Class<T> type, List<T> records) {
        Path file = dir.resolve(type.getSimpleName() + ".parquet");
        Pipeline.from(Sources.of("records", records)).to(ParquetRecords.sink(file, type)).run(RunOptions.defaults());
        Sinks.ListSink<T> back = Sinks.list();
        RunReport read = Pipeline.from(ParquetRecords.source(file, type)).to(back).run(RunOptions.defaults());
        assertThat(read.quarantined()).as(type.getSimpleName()).isZero();
        assertThat(back.rows()).as(type.getSimpleName()).containsExactlyElementsOf(records);
    }

    @Test
    void rowsThatDoNotFitTheirSchema_areQuarantinedWithReasonRowAndText(@TempDir Path dir) {
        Schema loose = Schema.of(Field.optional("id", FieldType.STRING), Field.optional("amount", FieldType.STRING),
                Field.optional("phone", FieldType.STRING));
        Path file = dir.resolve("loose.parquet");
        List<Row> rows = List.of(Row.of(loose, "1", "10.5", "+254700000001"), Row.of(loose, "2", "ten", "+254700000002"),
                Row.of(loose, null, "3", "+254700000003"), Row.of(loose, "4", " 4 ", null));
        Pipeline.from(Sources.of("rows", rows)).to(ParquetSink.create(file, loose)).run(RunOptions.defaults());

        Schema strict = Schema.of(Field.required("id", FieldType.LONG), Field.optional("amount", FieldType.DECIMAL),
                Field.optional("phone", FieldType.STRING)).withPersonal("phone");
        Sinks.ListSink<Row> good = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = Pipeline.from(ParquetSource.of(file, strict)).to(good).quarantineTo(quarantine)
                .run(RunOptions.defaults());
        assertThat(report.balanced()).isTrue();
        assertThat(good.rows()).containsExactly(Row.of(strict, 1L, new BigDecimal("10.5"), "+254700000001"),
                Row.of(strict, 4L, new BigDecimal("4"), null));
        assertThat(quarantine.rejections()).extracting(Rejection::reasonCode, Rejection::rowNumber)
                .containsExactly(tuple("PARSE_ERROR", 2L),
                        tuple("INVALID_ROW", 3L));
        Rejection parse = quarantine.rejections().get(0);
        assertThat(parse.column()).isEqualTo("amount");
        assertThat(parse.message()).contains("'ten'");
        assertThat(parse.raw()).isEqualTo("2,ten,***").doesNotContain("254700000002");
    }

    @Test
    void aFileThatCannotServeTheSchema_isRefusedNamingTheField(@TempDir Path dir) {
        Path file = dir.resolve("narrow.parquet");
        Schema narrow = Schema.of(Field.optional("id", FieldType.LONG));
        Pipeline.from(Sources.of("rows", List.of(Row.of(narrow, 1L)))).to(ParquetSink.create(file, narrow))
                .run(RunOptions.defaults());
        Schema wide = Schema.of(Field.optional("id", FieldType.LONG), Field.required("name", FieldType.STRING));
        assertThatThrownBy(() -> ParquetSource.of(file, wide).open()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("required field name");
        // an optional field with no column reads as empty
        Schema optional = Schema.of(Field.optional("id", FieldType.LONG), Field.optional("name", FieldType.STRING));
        Sinks.ListSink<Row> back = Sinks.list();
        Pipeline.from(ParquetSource.of(file, optional)).to(back).run(RunOptions.defaults());
        assertThat(back.rows()).containsExactly(Row.of(optional, 1L, null));
    }

    @Test
    void duckDbReadsOurFiles_andWeReadDuckDbs(@TempDir Path dir) throws Exception {
        Path ours = dir.resolve("ours.parquet");
        List<Row> rows = everyType(1_000);
        Pipeline.from(Sources.of("rows", rows)).to(ParquetSink.create(ours, EVERY_TYPE)).run(RunOptions.defaults());
        Path theirs = dir.resolve("theirs.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*), sum(id), count(name) FROM '"
                    + ours + "'")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(1_000);
                assertThat(r.getLong(2)).isEqualTo(rows.stream().mapToLong(x -> x.getLong(0)).sum());
                assertThat(r.getLong(3)).isEqualTo(rows.stream().filter(x -> x.get(1) != null).count());
            }
            s.execute("COPY (SELECT i::BIGINT AS id, 'item ' || i AS name, (i * 1.25)::DECIMAL(18,3) AS price, "
                    + "i / 3.0 AS score, i % 2 = 0 AS active, DATE '2026-01-01' + i::INTEGER AS \"day\", "
                    + "TIMESTAMPTZ '2026-01-01 00:00:00+00' + INTERVAL (i) SECOND AS \"at\", NULL::VARCHAR AS attributes, "
                    + "NULL::VARCHAR AS phone FROM range(500) t(i)) TO '" + theirs + "' (FORMAT parquet)");
        }
        Sinks.ListSink<Row> back = Sinks.list();
        RunReport read = Pipeline.from(ParquetSource.of(theirs, EVERY_TYPE)).to(back).run(RunOptions.defaults());
        assertThat(read.quarantined()).isZero();
        assertThat(back.rows()).hasSize(500);
        Row r7 = back.rows().get(7);
        assertThat(r7.get("price")).isEqualTo(new BigDecimal("8.750"));
        assertThat(r7.get("day")).isEqualTo(LocalDate.of(2026, 1, 8));
        assertThat(r7.get("at")).isEqualTo(Instant.parse("2026-01-01T00:00:07Z"));
        assertThat(r7.get("active")).isEqualTo(false);
        assertThat(r7.get("name")).isEqualTo("item 7");
    }
}
