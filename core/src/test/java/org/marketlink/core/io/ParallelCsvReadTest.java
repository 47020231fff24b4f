package org.marketlink.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ColumnCursor;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Rejection;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parallel read gives exactly what the one-thread read gives, on random files full of what breaks block cuts:
 * quoted line breaks, doubled quotes, quotes never closed, text after a closing quote, lines past the limit, blank
 * lines, CRLF, a byte-order mark, multi-byte text; with blocks as small as two bytes, so that every kind of record
 * is cut somewhere. The one-thread tokenizer in turn is checked against the first one, kept as an oracle.
 */
class ParallelCsvReadTest {
    private static final Schema SCHEMA = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("note", FieldType.STRING), Field.optional("qty", FieldType.LONG),
            Field.optional("email", FieldType.STRING).asPersonal());
    private static final int MAX_RECORD = 120;
    private static final CsvOptions OPTIONS = CsvOptions.defaults().withMaxRecordChars(MAX_RECORD);

    /** Every row (with its number) and rejection a cursor hands out, in order, as comparable text. */
    private static List<String> readAll(CsvSource source) {
        List<String> out = new ArrayList<>();
        try (Cursor<Row> cursor = source.open()) {
            Cursor.RowConsumer<Row> rows = (row, number) -> out.add("row " + number + " " + row);
            while (cursor.next(rows, r -> out.add(describe(r)))) {
                // collecting
            }
        }
        return out;
    }

    private static String describe(Rejection r) {
        return "rejected " + r.rowNumber() + " " + r.reasonCode() + " [" + r.column() + "] " + r.message() + " | "
                + r.raw();
    }

    /** Every batch row and rejection of the column read, as comparable text. */
    private static List<String> readColumns(CsvSource source, int batchRows) {
        List<String> out = new ArrayList<>();
        try (ColumnCursor cursor = source.openColumns(batchRows)) {
            ColumnBatch batch;
            while ((batch = cursor.next(r -> out.add(describe(r)))) != null) {
                for (int r = 0; r < batch.size(); r++) {
                    StringBuilder b = new StringBuilder("row ").append(batch.rowNumbers()[r]);
                    for (int f = 0; f < SCHEMA.size(); f++) {
                        b.append(' ').append(batch.get(f, r));
                    }
                    out.add(b.toString());
                }
            }
        }
        return out;
    }

    private static String randomCsv(SplittableRandom random) {
        StringBuilder b = new StringBuilder();
        if (random.nextInt(4) == 0) {
            b.append('\uFEFF');
        }
        String eol = random.nextBoolean() ? "\n" : "\r\n";
        b.append("id,note,qty,email").append(eol);
        int records = 1 + random.nextInt(60);
        for (int i = 1; i <= records; i++) {
            int kind = random.nextInt(14);
            String line = switch (kind) {
                case 0 -> i + ",\"a, quoted\nline break\"," + i + ",x@y.org";
                case 1 -> i + ",\"doubled \"\"quote\"\" here\"," + i + ",";
                case 2 -> i + ",\"never closed," + i + ",a@b.org";
                case 3 -> i + ",\"closed\" then text," + i + ",";
                case 4 -> i + "," + "long".repeat(40) + "," + i + ",";
                case 5 -> "";
                case 6 -> i + ",ragged";
                case 7 -> i + ",bad qty,notanumber,";
                case 8 -> i + ",\"m\u00e9t\u00e9o \u6f22\u5b57\"," + i + ",c@d.org";
                case 9 -> i + ",\"crlf\r\ninside\"," + i + ",";
                case 10 -> i + ",\"" + "q".repeat(MAX_RECORD) + "\nnext\"," + i + ",";
                case 11 -> i + ",\"\"," + i + ",";
                case 12 -> i + ",\"a\n\nb\n\"," + i + ",";
                default -> i + ",plain " + i + "," + i + ",e" + i + "@f.org";
            };
            b.append(line).append(eol);
        }
        if (random.nextBoolean()) {
            // a file that ends without a line break, sometimes inside a quote
            b.append(records + 1).append(random.nextBoolean() ? ",\"open at the end" : ",last,1,");
        }
        return b.toString();
    }

    @Test
    void parallelReadsEqualTheOneThreadRead_onRandomFilesCutEverywhere(@TempDir Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(20261207);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            int compared = 0;
            for (int file = 0; file < 150; file++) {
                Path f = Files.writeString(dir.resolve("f" + file + ".csv"), randomCsv(random), StandardCharsets.UTF_8);
                CsvSource one = CsvSource.of(f, SCHEMA, OPTIONS);
                List<String> expected = readAll(one);
                assertThat(expected).as("file %d has rows", file).isNotEmpty();
                for (int blockBytes : new int[] {2, 3, 5, 11, 40, 97, 400, 1 << 20}) {
                    CsvSource parallel = one.withParallelism(1 + random.nextInt(3) + 1).withExecutor(pool)
                            .withBlockBytes(blockBytes);
                    assertThat(readAll(parallel)).as("file %d, blocks of %d bytes", file, blockBytes)
                            .containsExactlyElementsOf(expected);
                    compared++;
                }
                assertThat(readColumns(one.withParallelism(2).withExecutor(pool).withBlockBytes(7), 5))
                        .as("file %d in columns", file).containsExactlyElementsOf(readColumns(one, 5));
            }
            assertThat(compared).isEqualTo(150 * 8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStrayQuoteThatALaterLineSeemsToClose_costsItsOwnLineOnly(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder("id,note,qty,email\n");
        for (int i = 1; i <= 1000; i++) {
            // every 100th line opens a quote; the next quote in the file is on a line 37 lines later
            String note = i % 100 == 0 ? "\"stray " + i : i % 100 == 37 ? "\"quoted, " + i + "\"" : "n" + i;
            text.append(i).append(',').append(note).append(',').append(i % 7).append(",\n");
        }
        Path f = Files.writeString(dir.resolve("f.csv"), text);
        CsvSource one = CsvSource.of(f, SCHEMA, CsvOptions.defaults());
        for (CsvSource source : List.of(one, one.withParallelism(2).withBlockBytes(64))) {
            List<String> out = readAll(source);
            assertThat(out.stream().filter(o -> o.startsWith("row "))).hasSize(990);
            assertThat(out.stream().filter(o -> o.startsWith("rejected "))).hasSize(10)
                    .allSatisfy(o -> assertThat(o).contains("MALFORMED_CSV").contains("01: ").doesNotContain("\n"));
        }
    }

    @Test
    void aGzipFile_readInParallelOnTheCommonPool_givesTheSameRows(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder("id,note,qty,email\n");
        for (int i = 1; i <= 20_000; i++) {
            text.append(i).append(i % 97 == 0 ? ",\"two\nlines\"," : ",n" + i + ",").append(i % 13).append(",\n");
        }
        Path gz = dir.resolve("f.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        CsvSource one = CsvSource.of(gz, SCHEMA, CsvOptions.defaults());
        List<String> expected = readAll(one);
        assertThat(expected).hasSize(20_000);
        assertThat(readAll(one.withParallelism(2).withBlockBytes(4096))).containsExactlyElementsOf(expected);
    }

    @Test
    void anExecutorThatRefusesEveryTask_stillReadsEveryRow_onTheCallingThread(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("f.csv"), randomCsv(new SplittableRandom(7)));
        AtomicInteger offered = new AtomicInteger();
        CsvSource refused = CsvSource.of(f, SCHEMA, OPTIONS).withParallelism(4).withBlockBytes(16)
                .withExecutor(task -> {
                    offered.incrementAndGet();
                    throw new RejectedExecutionException("full");
                });
        assertThat(readAll(refused)).containsExactlyElementsOf(readAll(CsvSource.of(f, SCHEMA, OPTIONS)));
        assertThat(offered.get()).isPositive();
    }

    @Test
    void bytesThatAreNotText_stopTheParallelReadAtTheSameLineAndRow(@TempDir Path dir) throws IOException {
        byte[] head = "id,note,qty,email\n1,a,1,\n2,\"two\nlines\",2,\n3,b".getBytes(StandardCharsets.UTF_8);
        byte[] tail = ",3,\n4,c,4,\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(head, head.length + 1 + tail.length);
        bytes[head.length] = (byte) 0xC3;
        System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
        Path f = Files.write(dir.resolve("f.csv"), bytes);
        for (CsvSource source : List.of(CsvSource.of(f, SCHEMA, OPTIONS),
                CsvSource.of(f, SCHEMA, OPTIONS).withParallelism(2).withBlockBytes(3))) {
            List<String> seen = new ArrayList<>();
            assertThatThrownBy(() -> {
                try (Cursor<Row> cursor = source.open()) {
                    while (cursor.next((row, n) -> seen.add("row " + n), r -> seen.add(describe(r)))) {
                        // reading
                    }
                }
            }).isInstanceOf(UnableToReadException.class).hasMessageContaining("at line 5 (data row 3)");
            assertThat(seen).containsExactly("row 1", "row 2");
        }
    }

    @Test
    void theTokenizer_givesTheOraclesRecords_onRandomText() throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        for (int file = 0; file < 300; file++) {
            String text = randomCsv(random);
            CsvRecords fast = new CsvRecords(new StringReader(text), ',', '"', MAX_RECORD);
            CsvRecordsOracle slow = new CsvRecordsOracle(new StringReader(text), ',', '"', MAX_RECORD);
            int n = 0;
            while (true) {
                CsvRecords.Record a = fast.next();
                CsvRecordsOracle.Record b = slow.next();
                if (a == null || b == null) {
                    assertThat(a).as("file %d record %d", file, n).isNull();
                    assertThat(b).as("file %d record %d", file, n).isNull();
                    break;
                }
                String at = "file " + file + " record " + n++;
                assertThat(a.line()).as(at).isEqualTo(b.line());
                assertThat(a.damage()).as(at).isEqualTo(b.damage());
                assertThat(a.undecodable()).as(at).isEqualTo(b.undecodable());
                if (a.damaged()) {
                    if (!a.damage().startsWith("the line's length") && !a.damage().startsWith("a quoted cell runs")) {
                        // past the limit, the oracle shows what its buffer held; the new one the first line up to
                        // the limit
                        assertThat(a.raw()).as(at).isEqualTo(b.raw());
                    }
                } else {
                    assertThat(a.cells()).as(at).containsExactly(b.cells());
                }
            }
        }
    }
}
