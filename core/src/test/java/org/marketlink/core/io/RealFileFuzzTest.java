package org.marketlink.core.io;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.MarketLinkException;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Json;
import org.marketlink.core.data.Schema;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Source;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.core.testsupport.Samples;
import org.marketlink.core.testsupport.SharedData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded fuzzing of the readers with damaged copies of real files: the WFP Kenya prices and the Online Retail lines
 * from {@code shared/data} as CSV, the WFP rows and every kind of record as JSON Lines. Each case applies one to
 * three damages (truncation, byte flips, quote damage, invalid UTF-8, huge numbers, huge cells and lines, ragged
 * rows, NUL bytes, stray line ends) and runs the file through a pipeline with a stateful stage (deduplication) on
 * one and on two threads. Per case: the run ends within a bound (a watchdog, not a timed assertion); it either
 * throws a {@link MarketLinkException} with a message or completes with every row accounted for, counted in the
 * sinks, not taken from the report; every quarantined row carries its raw text. The seed is printed; the first
 * violation fails with the seed and the case so that it can be replayed ({@code -Dfuzz.seed=...}).
 */
class RealFileFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int CASES = Integer.getInteger("fuzz.cases", 4_000);
    private static final long WATCHDOG_SECONDS = 60;

    private static final Schema WFP = Schema.of(Field.required("date", FieldType.DATE),
            Field.optional("admin1", FieldType.STRING), Field.optional("admin2", FieldType.STRING),
            Field.required("market", FieldType.STRING), Field.optional("latitude", FieldType.DOUBLE),
            Field.optional("longitude", FieldType.DOUBLE), Field.optional("category", FieldType.STRING),
            Field.required("commodity", FieldType.STRING), Field.optional("unit", FieldType.STRING),
            Field.optional("priceflag", FieldType.STRING), Field.optional("pricetype", FieldType.STRING),
            Field.optional("currency", FieldType.STRING), Field.required("price", FieldType.DECIMAL),
            Field.optional("usdprice", FieldType.DECIMAL));
    private static final Schema RETAIL = Schema.of(Field.required("InvoiceNo", FieldType.STRING),
            Field.required("StockCode", FieldType.STRING), Field.optional("Description", FieldType.STRING),
            Field.required("Quantity", FieldType.LONG), Field.required("InvoiceDate", FieldType.TIMESTAMP),
            Field.required("UnitPrice", FieldType.DECIMAL), Field.optional("CustomerID", FieldType.DOUBLE),
            Field.optional("Country", FieldType.STRING));

    private static ExecutorService watchdog;
    private static List<Base> bases;

    /** One undamaged input: its bytes and how to read a file of them. */
    private record Base(String name, byte[] bytes, Function<Path, Source<?>> reader) {
    }

    @BeforeAll
    static void load() throws IOException {
        watchdog = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
        byte[] wfp = firstLines(Files.readAllBytes(SharedData.file("wfp_food_prices_ken.csv")), 300);
        byte[] retail;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                SharedData.file("online_retail_2010-12_2011-09.csv.gz")))) {
            retail = firstLines(in.readNBytes(1 << 20), 300);
        }
        CsvOptions csv = CsvOptions.defaults();
        bases = List.of(
                new Base("wfp.csv", wfp, f -> CsvSource.of(f, WFP, csv)),
                new Base("retail.csv", retail, f -> CsvSource.of(f, RETAIL, csv)),
                new Base("wfp.jsonl", wfpAsJsonLines(wfp), f -> JsonLinesSource.rows(f, WFP)),
                new Base("shg.jsonl", records(Shg.class), f -> JsonLinesSource.records(f, Shg.class)),
                new Base("product.jsonl", records(Product.class), f -> JsonLinesSource.records(f, Product.class)),
                new Base("order.jsonl", records(Order.class), f -> JsonLinesSource.records(f, Order.class)));
    }

    @AfterAll
    static void stop() {
        watchdog.shutdownNow();
    }

    @Test
    void damagedRealFiles_neverCrashHangOrLoseARow(@TempDir Path dir) throws Exception {
        System.out.println("RealFileFuzzTest seed " + SEED + " (replay with -Dfuzz.seed=" + SEED + "), cases "
                + CASES);
        SplittableRandom random = new SplittableRandom(SEED);
        int completed = 0;
        int refused = 0;
        Map<String, Integer> refusals = new TreeMap<>();
        for (int c = 0; c < CASES; c++) {
            Base base = bases.get(random.nextInt(bases.size()));
            byte[] bytes = base.bytes();
            StringBuilder damages = new StringBuilder();
            int n = 1 + random.nextInt(3);
            for (int d = 0; d < n; d++) {
                Damage damage = Damage.values()[random.nextInt(Damage.values().length)];
                bytes = damage.apply(bytes, random);
                damages.append(damages.length() == 0 ? "" : "+").append(damage);
            }
            int threads = 1 + (c & 1);
            int chunk = 1 + random.nextInt(64);
            Path file = dir.resolve("case-" + c + "-" + base.name());
            Files.write(file, bytes);
            String where = "seed " + SEED + ", case " + c + " (" + base.name() + ", " + damages + ", " + threads
                    + " threads, chunks of " + chunk + ")";
            Outcome outcome = runWithWatchdog(base.reader().apply(file), threads, chunk, where);
            if (outcome.error() != null) {
                refused++;
                // the kind of refusal, without the numbers that make each message unique
                String m = outcome.error().getMessage().replaceAll("/\\S+", "<file>").replaceAll("[0-9]+", "N");
                refusals.merge(m.substring(0, Math.min(110, m.length())), 1, Integer::sum);
            } else {
                completed++;
            }
            Files.delete(file);
        }
        System.out.println("RealFileFuzzTest: " + CASES + " cases, " + completed + " completed with every row "
                + "accounted for, " + refused + " refused with a MarketLinkException:");
        refusals.forEach((m, k) -> System.out.println("  " + k + " × " + m));
        if (completed == 0 || refused == 0) {
            fail("seed " + SEED + ": the damages reached only one outcome (" + completed + " completed, " + refused
                    + " refused); the fuzzer is not exercising the readers");
        }
    }

    private record Outcome(RunReport report, MarketLinkException error) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Outcome runWithWatchdog(Source<?> source, int threads, int chunk, String where)
            throws InterruptedException {
        Sinks.ListSink<Object> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        Future<RunReport> run = watchdog.submit(() -> Pipeline.from((Source) source)
                .then("dedup", Stages.deduplicate(Object::toString, Stages.Keep.LAST))
                .to(sink).quarantineTo(quarantine)
                .run(RunOptions.defaults().withChunkSize(chunk).withParallelism(threads)));
        RunReport report;
        try {
            report = run.get(WATCHDOG_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new AssertionError(where + ": still running after " + WATCHDOG_SECONDS + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MarketLinkException m && m.getMessage() != null && !m.getMessage().isBlank()) {
                return new Outcome(null, m);
            }
            throw new AssertionError(where + ": threw " + cause, cause);
        }
        long written = sink.rows().size();
        List<Rejection> rejected = quarantine.rejections();
        if (!report.balanced() || report.rowsIn() + report.expanded() != written + rejected.size()
                || report.rowsOut() != written || report.quarantined() != rejected.size()) {
            throw new AssertionError(where + ": rows not accounted for: report " + report.toJson() + ", sink held "
                    + written + ", quarantine " + rejected.size());
        }
        for (Rejection r : rejected) {
            if (r.raw() == null || r.raw().isEmpty()) {
                throw new AssertionError(where + ": quarantined without its raw text: " + r.reasonCode() + " "
                        + r.message());
            }
        }
        return new Outcome(report, null);
    }

    /** The ways a file is damaged; each returns a new array. */
    private enum Damage {
        TRUNCATE {
            @Override
            byte[] apply(byte[] b, SplittableRandom r) {
                return Arrays.copyOf(b, r.nextInt(b.length + 1));
            }
        },
        FLIP_BYTE {
            @Override
            byte[] apply(byte[] b, SplittableRandom r) {
                byte[] c = b.clone();
                if (c.length > 0) {
                    c[r.nextInt(c.length)] = (byte) r.nextInt(256);
                }
                return c;
            }
        },
        ADD_QUOTE {
            @Override
            byte[] apply(byte[] b, SplittableRandom r) {
                return insert(b, r, new byte[] {'"'});
            }
        },
        DROP_QUOTE {
            @Override
            byte[] apply(byte[] b, SplittableRandom r) {
                for (int tries = 0; tries < 50 && b.length > 0; tries++) {
                    int at = r.nextInt(b.length);
                    if (b[at] == '"') {
                        byte[] c = new byte[b.length - 1];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                        return c;
                    }
                }
                return insert(b, r, "\"x\"y".getBytes(StandardCharsets.US_ASCII));
            }
        },
        INVALID_UTF8 {
            @Override
            byte[] apply(byte[] b, SplittableRandom r) {
                byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3, (byte) 0x28}, {(byte) 0xE2, (byte) 0x82},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
                return insert(b, r, bad[r.nextInt(bad.length)]);
            }
        },
        HUGE_NUMBER {
            @Override
            byte[] apply(byte[] b, SplittableRandom r) {
                String[] huge = {"1E+999999999", "1E+2147483647", "-1e-2147483648", "9".repeat(5_000),
                    "0." + "0".repeat(3_000) + "1", "１２３", "0x1p3", "1.5d", "NaN", "-Infinity"};
                return replaceNumber(b, r, huge[r.nextInt(huge.length)]);
            }
        },
        HUGE_CELL {
            @Override
            byte[] apply(byte[] b, SplittableRandom r) {
                // past the reader's record limit now and then, well inside it mostly
                int n = r.nextInt(10) == 0 ? 3_000_000 : 20_000 + r.nextInt(100_000);
                return insert(b, r, "x".repeat(n).getBytes(StandardCharsets.US_ASCII));
            }
        },
        RAGGED_ROW {
            @Override
            byte[] apply(byte[] b, SplittableRandom r) {
                return insert(b, r, r.nextBoolean() ? new byte[] {','} : ",,,extra".getBytes(StandardCharsets.US_ASCII));
            }
        },
        NUL_BYTE {
            @Override
            byte[] apply(byte[] b, SplittableRandom r) {
                return insert(b, r, new byte[] {0});
            }
        },
        LINE_ENDS {
            @Override
            byte[] apply(byte[] b, SplittableRandom r) {
                byte[][] ends = {{'\r'}, {'\n'}, {'\r', '\n'}, {'\n', '\n', '\n'}};
                return insert(b, r, ends[r.nextInt(ends.length)]);
            }
        };

        abstract byte[] apply(byte[] b, SplittableRandom r);

        static byte[] insert(byte[] b, SplittableRandom r, byte[] what) {
            int at = r.nextInt(b.length + 1);
            byte[] c = new byte[b.length + what.length];
            System.arraycopy(b, 0, c, 0, at);
            System.arraycopy(what, 0, c, at, what.length);
            System.arraycopy(b, at, c, at + what.length, b.length - at);
            return c;
        }

        /** Replaces the first number at or after a random place (digits after a separator) with {@code text}. */
        static byte[] replaceNumber(byte[] b, SplittableRandom r, String text) {
            int from = b.length == 0 ? 0 : r.nextInt(b.length);
            for (int i = from; i < b.length; i++) {
                boolean starts = (b[i] >= '0' && b[i] <= '9') && i > 0 && (b[i - 1] == ',' || b[i - 1] == ':');
                if (starts) {
                    int end = i;
                    while (end < b.length && (b[end] >= '0' && b[end] <= '9' || b[end] == '.')) {
                        end++;
                    }
                    byte[] t = text.getBytes(StandardCharsets.UTF_8);
                    byte[] c = new byte[b.length - (end - i) + t.length];
                    System.arraycopy(b, 0, c, 0, i);
                    System.arraycopy(t, 0, c, i, t.length);
                    System.arraycopy(b, end, c, i + t.length, b.length - end);
                    return c;
                }
            }
            return insert(b, r, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] firstLines(byte[] bytes, int lines) {
        int seen = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && ++seen == lines) {
                return Arrays.copyOf(bytes, i + 1);
            }
        }
        return bytes;
    }

    /** The WFP rows as JSON objects, one a line, typed as the schema reads them. */
    private static byte[] wfpAsJsonLines(byte[] csv) {
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n");
        String[] header = lines[0].split(",");
        StringBuilder out = new StringBuilder();
        for (int i = 2; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            StringBuilder o = new StringBuilder("{");
            for (int k = 0; k < header.length && k < cells.length; k++) {
                FieldType t = WFP.field(k).type();
                boolean number = t == FieldType.DOUBLE || t == FieldType.DECIMAL;
                o.append(k == 0 ? "" : ",").append('"').append(header[k]).append("\":")
                        .append(number ? cells[k] : Json.write(cells[k]));
            }
            out.append(o).append("}\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Fifty records of one type, as JSON Lines. */
    private static byte[] records(Class<?> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            Shg shg = Samples.shg("Group " + i);
            UUID product = UUID.nameUUIDFromBytes(("p" + i).getBytes(StandardCharsets.UTF_8));
            Object record = type == Shg.class ? shg : type == Product.class ? Samples.product(shg.id(), "Honey " + i)
                    : Samples.order("ORD-" + i, shg.id(), UUID.nameUUIDFromBytes(("b" + i).getBytes(
                    StandardCharsets.UTF_8)), product);
            out.writeBytes((Json.write(record) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
