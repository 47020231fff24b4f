package org.marketlink.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.MarketLinkException;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A damaged record costs that record, never the rest of the file: the reader resynchronises at the next line. */
class CsvResyncTest {
    private static final Schema SCHEMA = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("note", FieldType.STRING), Field.optional("qty", FieldType.LONG));

    private record Read(RunReport report, List<Row> rows, List<Rejection> rejections) {
    }

    private static Read read(Path f, CsvOptions options) {
        Sinks.ListSink<Row> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = Pipeline.from(CsvSource.of(f, SCHEMA, options)).to(sink).quarantineTo(quarantine).run();
        return new Read(report, sink.rows(), quarantine.rejections());
    }

    private static String lines(int n) {
        StringBuilder b = new StringBuilder("id,note,qty\n");
        for (int i = 1; i <= n; i++) {
            b.append(i).append(",note ").append(i).append(',').append(i % 7).append('\n');
        }
        return b.toString();
    }

    @Test
    void aNulCharacterInACell_quarantinesThatRowOnly(@TempDir Path dir) throws IOException {
        String text = lines(50).replace("\n7,note 7,", "\n7,no\u0000te 7,");
        Read r = read(Files.writeString(dir.resolve("f.csv"), text), CsvOptions.defaults());
        assertThat(r.rows()).hasSize(49);
        assertThat(r.rejections()).singleElement().satisfies(j -> {
            assertThat(j.column()).isEqualTo("note");
            assertThat(j.message()).contains("NUL");
            assertThat(j.raw()).contains("7,no");
        });
        assertThat(r.report().balanced()).isTrue();
    }

    @Test
    void anUnclosedQuoteNearTheStart_costsOneRecordOf2000(@TempDir Path dir) throws IOException {
        String text = lines(2000).replace("\n3,note 3,", "\n3,\"note 3,");
        Read r = read(Files.writeString(dir.resolve("f.csv"), text), CsvOptions.defaults());
        assertThat(r.rows()).hasSize(1999);
        assertThat(r.rejections()).singleElement().satisfies(j -> {
            assertThat(j.reasonCode()).isEqualTo("MALFORMED_CSV");
            assertThat(j.raw()).isEqualTo("3,\"note 3,3");
            assertThat(j.message()).contains("line 4");
        });
        assertThat(r.report().balanced()).isTrue();
    }

    @Test
    void textAfterAClosingQuote_costsItsRecordOnly(@TempDir Path dir) throws IOException {
        String text = lines(10).replace("\n5,note 5,", "\n5,\"note\" 5,");
        Read r = read(Files.writeString(dir.resolve("f.csv"), text), CsvOptions.defaults());
        assertThat(r.rows()).hasSize(9);
        assertThat(r.rejections()).singleElement().satisfies(j -> {
            assertThat(j.message()).contains("text follows a closing quote");
            assertThat(j.raw()).isEqualTo("5,\"note\" 5,5");
        });
    }

    @Test
    void quotedCellsWithDelimitersQuotesAndLineBreaks_areReadAsTheyAre(@TempDir Path dir) throws IOException {
        String text = "id,note,qty\r\n1,\"a, \"\"quoted\"\"\r\nsecond line\",2\r\n\r\n2,plain,3\r\n3,\"\",\n";
        Read r = read(Files.writeString(dir.resolve("f.csv"), text), CsvOptions.defaults());
        assertThat(r.rejections()).isEmpty();
        assertThat(r.rows()).extracting(row -> row.getString(1))
                .containsExactly("a, \"quoted\"\r\nsecond line", "plain", null);
    }

    @Test
    void aQuotedCellBeyondTheLimit_isQuarantined_andTheLinesAfterItAreRead(@TempDir Path dir) throws IOException {
        char[] big = new char[5_000];
        Arrays.fill(big, 'y');
        String text = "id,note,qty\n1,\"" + new String(big) + "\n2,b,3\n3,c,4\n";
        Read r = read(Files.writeString(dir.resolve("f.csv"), text), CsvOptions.defaults().withMaxRecordChars(1_000));
        assertThat(r.rows()).extracting(row -> row.getLong(0)).containsExactly(2L, 3L);
        assertThat(r.rejections()).singleElement().satisfies(j -> assertThat(j.raw()).startsWith("1,\"yyy"));
    }

    @Test
    void seededMutations_neverCrashHangOrLoseARow(@TempDir Path dir) throws IOException {
        String clean = lines(300);
        for (long seed = 1; seed <= 60; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            StringBuilder b = new StringBuilder(clean);
            int header = clean.indexOf('\n') + 1;
            for (int m = 0; m < 1 + random.nextInt(12); m++) {
                int at = header + random.nextInt(b.length() - header);
                switch (random.nextInt(5)) {
                    case 0 -> b.insert(at, '"');
                    case 1 -> b.insert(at, ',');
                    case 2 -> b.deleteCharAt(at);
                    case 3 -> b.insert(at, "\"x\"y");
                    default -> b.insert(at, '\n');
                }
            }
            Path f = Files.writeString(dir.resolve("fuzz-" + seed + ".csv"), b, StandardCharsets.UTF_8);
            Read r = read(f, CsvOptions.defaults().withMaxRecordChars(400));
            String why = "seed " + seed;
            // every non-blank physical line after the header is part of exactly one row or one rejection at most
            long lines = b.substring(header).lines().filter(l -> !l.isEmpty()).count();
            assertThat(r.report().balanced()).as(why).isTrue();
            assertThat(r.report().rowsIn()).as(why).isEqualTo(r.rows().size() + r.rejections().size());
            assertThat(r.report().rowsIn()).as(why).isLessThanOrEqualTo(lines).isPositive();
            // damage stays local: most of the 300 clean records survive any dozen mutations
            assertThat(r.rows().size()).as(why).isGreaterThan(250);
        }
    }

    @Test
    void invalidUtf8_failsTheRunNamingTheFile_afterWritingTheRowsBeforeIt(@TempDir Path dir) throws IOException {
        StringBuilder b = new StringBuilder("id,note,qty\n");
        for (int i = 1; i < 20_000; i++) {
            b.append(i).append(",n,1\n");
        }
        byte[] good = b.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = "20000,caf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1); // a lone 0xE9: not UTF-8
        byte[] all = Arrays.copyOf(good, good.length + bad.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Path f = Files.write(dir.resolve("bad.csv"), all);
        Sinks.ListSink<Row> sink = Sinks.list();
        assertThatThrownBy(() -> Pipeline.from(CsvSource.of(f, SCHEMA, CsvOptions.defaults())).to(sink)
                .run(RunOptions.defaults().withChunkSize(1_000)))
                .isInstanceOf(MarketLinkException.class).hasMessageContaining("bad.csv")
                .hasMessageContaining("not valid UTF-8 text at line 20001 (data row 20000)");
        // every row before the damage was written (the last, partial chunk too); the run then stopped, saying so
        assertThat(sink.rows()).hasSize(19_999);
    }
}
