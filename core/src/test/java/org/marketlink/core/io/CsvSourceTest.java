package org.marketlink.core.io;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.MarketLinkException;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.UnableToRunException;
import org.marketlink.core.testsupport.SharedData;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvSourceTest {
    private static final Schema WFP = Schema.of(Field.required("date", FieldType.DATE),
            Field.required("market", FieldType.STRING), Field.optional("latitude", FieldType.DOUBLE),
            Field.optional("longitude", FieldType.DOUBLE), Field.required("commodity", FieldType.STRING),
            Field.required("unit", FieldType.STRING), Field.required("pricetype", FieldType.STRING),
            Field.required("price", FieldType.DECIMAL));
    private static final Schema SMALL = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("name", FieldType.STRING), Field.optional("price", FieldType.DECIMAL));

    private record Result(RunReport report, List<Row> rows, List<Rejection> rejections) {
    }

    private static Result read(Path file, Schema schema, CsvOptions options) {
        Sinks.ListSink<Row> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = Pipeline.from(CsvSource.of(file, schema, options)).to(sink).quarantineTo(quarantine)
                .run(RunOptions.defaults().withChunkSize(1000));
        assertThat(report.balanced()).isTrue();
        return new Result(report, sink.rows(), quarantine.rejections());
    }

    @Test
    void wfpKenya_skipsTheHxlRowAndParsesEveryDataRow() throws IOException {
        Path file = SharedData.file("wfp_food_prices_ken.csv");
        long dataLines = Files.lines(file).count() - 2; // header and HXL tag row
        Result r = read(file, WFP, CsvOptions.defaults().withSkipLinesAfterHeader(1));
        assertThat(r.report().rowsIn()).isEqualTo(dataLines).isEqualTo(17_881);
        assertThat(r.rejections()).isEmpty();
        Row first = r.rows().get(0);
        assertThat(first.getDate(0)).isEqualTo(LocalDate.of(2006, 1, 15));
        assertThat(first.getString(1)).isEqualTo("Mombasa");
        assertThat(first.getDecimal(7)).isEqualByComparingTo(new BigDecimal("16.13"));
        assertThat(r.rows()).anyMatch(row -> row.getString(5).equals("90 KG"));

        // read naively, the HXL row is data and fails to parse as a date
        Result naive = read(file, WFP, CsvOptions.defaults());
        assertThat(naive.rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.reasonCode()).isEqualTo("PARSE_ERROR");
            assertThat(rej.column()).isEqualTo("date");
            assertThat(rej.message()).contains("'#date'");
            assertThat(rej.rowNumber()).isEqualTo(1);
        });
    }

    @Test
    void emptyFileAndHeaderOnly_giveNoRows(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertThat(read(empty, SMALL, CsvOptions.defaults()).report().rowsIn()).isZero();
        Path header = Files.writeString(dir.resolve("header.csv"), "id,name,price\n");
        assertThat(read(header, SMALL, CsvOptions.defaults()).report().rowsIn()).isZero();
    }

    @Test
    void raggedRowsAndBadCells_areQuarantinedWithColumnAndText(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("f.csv"), "\uFEFFid,name,price\n1,a,1.50\n2,b\n3,c,abc\nx,d,2\n"
                + "4,\"quoted, comma\",3\n5,e,6,7\n");
        Result r = read(f, SMALL, CsvOptions.defaults());
        assertThat(r.rows()).extracting(row -> row.getLong(0)).containsExactly(1L, 4L);
        assertThat(r.rows().get(1).getString(1)).isEqualTo("quoted, comma");
        assertThat(r.rejections()).extracting(Rejection::reasonCode, Rejection::column, Rejection::rowNumber)
                .containsExactly(Tuple.tuple("RAGGED_ROW", "", 2L),
                        Tuple.tuple("PARSE_ERROR", "price", 3L),
                        Tuple.tuple("PARSE_ERROR", "id", 4L),
                        Tuple.tuple("RAGGED_ROW", "", 6L));
        assertThat(r.rejections().get(1).message()).contains("'abc'");
        assertThat(r.rejections().get(1).raw()).isEqualTo("3,c,abc");
    }

    @Test
    void unclosedQuote_quarantinesItsLineWithItsText_andReadsOn(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("f.csv"), "id,name,price\n1,a,1\n2,\"never closed,3\n4,d,5\n");
        Result r = read(f, SMALL, CsvOptions.defaults());
        assertThat(r.rows()).extracting(row -> row.getLong(0)).containsExactly(1L, 4L);
        assertThat(r.rejections()).extracting(Rejection::reasonCode).containsExactly("MALFORMED_CSV");
        assertThat(r.rejections().get(0).raw()).isEqualTo("2,\"never closed,3");
        assertThat(r.rejections().get(0).message()).contains("line 3").contains("never closed");
    }

    @Test
    void wrongEncoding_stopsWithAClearError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, "id,name,price\n1,Caf\u00e9,2\n".getBytes(StandardCharsets.ISO_8859_1));
        var plan = Pipeline.from(CsvSource.of(f, SMALL, CsvOptions.defaults())).to(Sinks.discard());
        assertThatThrownBy(plan::run).isInstanceOf(MarketLinkException.class)
                .hasMessageContaining("latin1.csv").hasMessageContaining("not valid UTF-8");
        Result latin = read(f, SMALL, CsvOptions.defaults().withCharset(StandardCharsets.ISO_8859_1));
        assertThat(latin.rows().get(0).getString(1)).isEqualTo("Caf\u00e9");
    }

    @Test
    void binaryGarbage_givesRejectionsOrAClearError_neverAHang(@TempDir Path dir) throws IOException {
        byte[] junk = new byte[200_000];
        new Random(7).nextBytes(junk);
        Path f = dir.resolve("junk.csv");
        Files.write(f, junk);
        try {
            Result r = read(f, SMALL, CsvOptions.defaults().withCharset(StandardCharsets.ISO_8859_1));
            assertThat(r.rows()).isEmpty();
        } catch (UnableToRunException | UnableToReadException e) {
            assertThat(e).hasMessageContaining("junk.csv");
        }
    }

    @Test
    void missingRequiredColumn_failsNamingItAndTheHeader(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("f.csv"), "name,price\na,1\n");
        var plan = Pipeline.from(CsvSource.of(f, SMALL, CsvOptions.defaults())).to(Sinks.discard());
        assertThatThrownBy(plan::run).hasMessageContaining("'id'").hasMessageContaining("[name, price]");
    }
}
