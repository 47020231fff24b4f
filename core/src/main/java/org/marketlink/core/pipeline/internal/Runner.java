package org.marketlink.core.pipeline.internal;

import org.marketlink.core.data.Field;
import org.marketlink.core.data.Personal;
import org.marketlink.core.data.Row;
import org.marketlink.core.pipeline.Checksum;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Emitter;
import org.marketlink.core.pipeline.Progress;
import org.marketlink.core.pipeline.QuarantineSink;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sink;
import org.marketlink.core.pipeline.Source;
import org.marketlink.core.pipeline.Stage;
import org.marketlink.core.pipeline.StageReport;
import org.marketlink.core.pipeline.UnableToRunException;
import org.marketlink.core.privacy.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Streams one run: reads chunks, runs the stateless stages of up to {@code parallelism} chunks at once, then,
 * on the calling thread and in source order, the stateful stages and the writes. At most
 * {@code 2 × parallelism} chunks are in memory.
 */
public final class Runner {
    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
    private static final String STAGE_ERROR = "STAGE_ERROR";

    private final Source<?> source;
    private final List<NamedStage> stages;
    private final Sink<Object> sink;
    private final QuarantineSink quarantine;
    private final RunOptions options;
    private final int firstStateful;
    /** Whether rejected rows are kept anywhere; if not, their text is never built. */
    private final boolean keepRaw;
    private final Counters[] counters;
    private final String runId = UUID.randomUUID().toString();
    private long rowsIn;
    private long rowsOut;
    private long quarantined;
    private long chunks;
    private final Checksum checksum = new Checksum();

    @SuppressWarnings("unchecked")
    public Runner(Source<?> source, List<NamedStage> stages, Sink<?> sink, QuarantineSink quarantine,
                  RunOptions options) {
        this.source = source;
        this.stages = stages;
        this.sink = (Sink<Object>) sink;
        this.quarantine = quarantine;
        this.options = options;
        int first = stages.size();
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).stage().stateful()) {
                first = i;
                break;
            }
        }
        this.firstStateful = first;
        this.keepRaw = quarantine != QuarantineSink.none();
        this.counters = new Counters[stages.size()];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new Counters();
        }
    }

    /** A value with its source row number. */
    private record Item(Object value, long rowNumber) {
    }

    /** What processing a chunk produced. */
    private static final class Chunk {
        final long index;
        final long firstRow;
        final List<Item> items = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();
        List<Item> output = new ArrayList<>();

        Chunk(long index, long firstRow) {
            this.index = index;
            this.firstRow = firstRow;
        }
    }

    public RunReport run() {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ExecutorService pool = options.parallelism() > 1 ? Executors.newFixedThreadPool(options.parallelism(), r -> {
            Thread t = new Thread(r, "marketlink-pipeline-" + runId.substring(0, 8));
            t.setDaemon(true);
            return t;
        }) : null;
        RunReport.Status status = RunReport.Status.COMPLETED;
        Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
        try (Cursor<?> cursor = source.open()) {
            long index = 0;
            if (pool == null) {
                boolean more = true;
                while (more) {
                    if (stopRequested()) {
                        status = RunReport.Status.CANCELLED;
                        break;
                    }
                    Chunk chunk = new Chunk(index++, rowsIn + 1);
                    more = read(cursor, chunk);
                    rowsIn += chunk.items.size() + chunk.rejections.size();
                    if (chunk.items.isEmpty() && chunk.rejections.isEmpty()) {
                        break;
                    }
                    commit(processStateless(chunk), t0);
                }
            } else {
                // a reader thread parses ahead while workers run the stateless stages and this thread commits
                ChunkReader reader = new ChunkReader(cursor, 2 * options.parallelism());
                reader.start();
                try {
                    Chunk chunk;
                    while ((chunk = reader.take()) != null) {
                        // a chunk read from the source is processed even when the run is being cancelled: its
                        // rows have left the source and must come out somewhere
                        rowsIn += chunk.items.size() + chunk.rejections.size();
                        Chunk submitted = chunk;
                        inFlight.add(pool.submit(() -> processStateless(submitted)));
                        if (inFlight.size() >= 2 * options.parallelism()) {
                            commit(await(inFlight.poll()), t0);
                        }
                        index = chunk.index + 1;
                        if (stopRequested()) {
                            status = RunReport.Status.CANCELLED;
                            break;
                        }
                    }
                } finally {
                    reader.stop();
                }
                for (Chunk read : reader.drain()) {
                    rowsIn += read.items.size() + read.rejections.size();
                    inFlight.add(pool.submit(() -> processStateless(read)));
                    index = read.index + 1;
                }
                while (!inFlight.isEmpty()) {
                    commit(await(inFlight.poll()), t0);
                }
            }
            // what the stateful stages hold comes out on a cancelled run too: nothing read is left behind
            Chunk last = new Chunk(index, rowsIn + 1);
            flushStateful(last);
            if (!last.output.isEmpty() || !last.rejections.isEmpty()) {
                write(last, t0);
            }
            if (status == RunReport.Status.COMPLETED) {
                try {
                    sink.complete();
                } catch (Exception e) {
                    throw new UnableToRunException("sink " + sink.name() + " could not complete: " + e.getMessage(),
                            e);
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        List<StageReport> reports = new ArrayList<>();
        long expanded = 0;
        for (int i = 0; i < stages.size(); i++) {
            Counters c = counters[i];
            long in = c.in.sum();
            long out = c.out.sum();
            long q = c.quarantined.sum();
            long dropped = c.dropped.sum();
            Stage<?, ?> stage = stages.get(i).stage();
            if (stage.stateful() && !stage.combinesRows()) {
                // rows a stateful stage still holds at the end (or lost) came out nowhere
                dropped += Math.max(0, in - q - out);
            }
            reports.add(new StageReport(stages.get(i).name(), in, out, q, c.failed.sum(), dropped,
                    c.nanos.sum() / 1e6));
            expanded += out - (in - q);
        }
        RunReport report = new RunReport(runId, status, source.name(), sink.name(), reports, rowsIn, rowsOut,
                quarantined, expanded, chunks, checksum.value(), started, (System.nanoTime() - t0) / 1e6);
        if (!report.balanced()) {
            // a stage that neither emitted nor rejected a row, or still held rows, breaks the balance: say so loudly
            LOG.error("run {} is not balanced ({} rows came out nowhere): {}", runId, report.dropped(),
                    report.toJson());
        }
        return report;
    }

    /** Cancelled by the host's token, or the running thread interrupted (the flag stays set for the host). */
    private boolean stopRequested() {
        return options.cancellation().isCancelled() || Thread.currentThread().isInterrupted();
    }

    private static Chunk await(Future<Chunk> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToRunException("interrupted while waiting for a chunk", e);
        } catch (ExecutionException e) {
            throw new UnableToRunException("a chunk could not be processed: " + e.getCause(), e.getCause());
        }
    }

    private boolean read(Cursor<?> cursor, Chunk chunk) {
        int size = options.chunkSize();
        while (chunk.items.size() + chunk.rejections.size() < size) {
            boolean more;
            try {
                more = cursor.next((row, n) -> chunk.items.add(new Item(row, n)), chunk.rejections::add);
            } catch (RuntimeException e) {
                throw new UnableToRunException("could not read source " + source.name() + " after row " + rowsIn
                        + ": " + e.getMessage(), e);
            }
            if (!more) {
                return false;
            }
        }
        return true;
    }

    /** Reads chunks on its own thread into a bounded queue; {@link #take()} gives them in order, then null. */
    private final class ChunkReader {
        private final Cursor<?> cursor;
        private final BlockingQueue<Object> queue;
        private final Thread thread;
        private volatile boolean stopped;

        ChunkReader(Cursor<?> cursor, int capacity) {
            this.cursor = cursor;
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = new Thread(this::loop, "marketlink-reader-" + runId.substring(0, 8));
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void loop() {
            long index = 0;
            long read = 0;
            try {
                boolean more = true;
                while (more && !stopped && !options.cancellation().isCancelled()) {
                    Chunk chunk = new Chunk(index++, read + 1);
                    more = Runner.this.read(cursor, chunk);
                    read += chunk.items.size() + chunk.rejections.size();
                    if (chunk.items.isEmpty() && chunk.rejections.isEmpty()) {
                        break;
                    }
                    put(chunk);
                }
                put(END);
            } catch (Throwable t) {
                // an Error too (OutOfMemoryError, StackOverflowError): handed to the committing thread, which fails
                // the run with it; nobody waits for a reader that has died
                put(t);
            }
        }

        private void put(Object o) {
            try {
                while (!stopped && !queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
                    // the committing thread is behind; wait for room unless the run stopped
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Chunk take() {
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnableToRunException("interrupted while reading " + source.name(), e);
            }
            if (o == END) {
                return null;
            }
            if (o instanceof RuntimeException e) {
                throw e;
            }
            if (o instanceof Throwable t) {
                throw new UnableToRunException("the reader of source " + source.name() + " failed: " + t, t);
            }
            return (Chunk) o;
        }

        /** The chunks read but not yet taken, once the reader has stopped. */
        List<Chunk> drain() {
            List<Chunk> left = new ArrayList<>();
            Object o;
            while ((o = queue.poll()) != null) {
                if (o instanceof Chunk c) {
                    left.add(c);
                }
            }
            return left;
        }

        void stop() {
            stopped = true;
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final Object END = new Object();

    private Chunk processStateless(Chunk chunk) {
        List<Item> current = chunk.items;
        for (int s = 0; s < firstStateful; s++) {
            current = applyStage(s, current, chunk.rejections);
        }
        chunk.output = current;
        return chunk;
    }

    private void commit(Chunk chunk, long t0) {
        List<Item> current = chunk.output;
        for (int s = firstStateful; s < stages.size(); s++) {
            current = applyStage(s, current, chunk.rejections);
        }
        chunk.output = current;
        write(chunk, t0);
    }

    /** Asks the stateful stages, in order, to emit what they held; each one's output runs through the rest. */
    private void flushStateful(Chunk chunk) {
        List<Item> carried = new ArrayList<>();
        for (int s = firstStateful; s < stages.size(); s++) {
            List<Item> passed = applyStage(s, carried, chunk.rejections);
            @SuppressWarnings("unchecked")
            Stage<Object, Object> stage = (Stage<Object, Object>) stages.get(s).stage();
            Collector collector = new Collector(s, chunk.rejections);
            collector.current = new Item(null, 0);
            try {
                stage.finish(collector);
            } catch (RuntimeException e) {
                throw new UnableToRunException("stage '" + stages.get(s).name() + "' failed to finish (the rows it "
                        + "held were not written): " + e.getClass().getName(), e);
            }
            counters[s].out.add(collector.output.size());
            passed.addAll(collector.output);
            carried = passed;
        }
        chunk.output = carried;
    }

    private List<Item> applyStage(int s, List<Item> inputs, List<Rejection> rejections) {
        @SuppressWarnings("unchecked")
        Stage<Object, Object> stage = (Stage<Object, Object>) stages.get(s).stage();
        boolean stateful = stage.stateful();
        Counters c = counters[s];
        Collector collector = new Collector(s, rejections);
        long start = System.nanoTime();
        long dropped = 0;
        for (Item item : inputs) {
            collector.current = item;
            int emittedBefore = collector.output.size();
            int rejectedBefore = rejections.size();
            try {
                stage.apply(item.value(), collector);
            } catch (Exception e) {
                c.failed.increment();
                if (!stateful) {
                    // what the stage emitted or rejected for this input before it threw is taken back: the input
                    // goes to quarantine once, and nowhere else (a stateful stage may have emitted held rows)
                    collector.output.subList(emittedBefore, collector.output.size()).clear();
                    int taken = rejections.size() - rejectedBefore;
                    rejections.subList(rejectedBefore, rejections.size()).clear();
                    c.quarantined.add(-taken);
                }
                collector.reject(STAGE_ERROR, "", e.getClass().getName() + masked(item.value(), e));
            }
            if (!stateful && collector.output.size() == emittedBefore && rejections.size() == rejectedBefore) {
                dropped++;
            }
        }
        c.nanos.add(System.nanoTime() - start);
        c.in.add(inputs.size());
        c.out.add(collector.output.size());
        c.dropped.add(dropped);
        return collector.output;
    }

    // an exception's message may quote the row; a row that holds personal data is not quoted
    private static String masked(Object value, Exception e) {
        if (e.getMessage() == null) {
            return "";
        }
        boolean personal = value instanceof Row row
                ? row.schema().fields().stream().anyMatch(Field::personal)
                : value instanceof Record r && hasPersonal(r);
        return personal ? ": message withheld (the row holds personal data)" : ": " + e.getMessage();
    }

    private static boolean hasPersonal(Record r) {
        for (var c : r.getClass().getRecordComponents()) {
            if (c.isAnnotationPresent(Personal.class)) {
                return true;
            }
        }
        return false;
    }

    private final class Collector implements Emitter<Object> {
        final int stage;
        final List<Rejection> rejections;
        final List<Item> output = new ArrayList<>();
        Item current;

        Collector(int stage, List<Rejection> rejections) {
            this.stage = stage;
            this.rejections = rejections;
        }

        @Override
        public void emit(Object value) {
            if (value == null) {
                // thrown inside the stage's apply: the input goes to quarantine as STAGE_ERROR with this message
                throw new IllegalStateException("stage '" + stages.get(stage).name() + "' emitted null");
            }
            output.add(new Item(value, current.rowNumber()));
        }

        @Override
        public void reject(String reasonCode, String column, String message) {
            counters[stage].quarantined.increment();
            rejections.add(new Rejection(reasonCode, stages.get(stage).name(), column,
                    masked(current.value(), column, message), keepRaw ? Masking.render(current.value()) : "",
                    current.rowNumber(), source.name()));
        }

        @Override
        public long rowNumber() {
            return current.rowNumber();
        }

        @Override
        public void rejectHeld(Object held, long heldRowNumber, String reasonCode, String column, String message) {
            counters[stage].quarantined.increment();
            rejections.add(new Rejection(reasonCode, stages.get(stage).name(), column, masked(held, column, message),
                    keepRaw ? Masking.render(held) : "", heldRowNumber, source.name()));
        }

        // a stage's message about a personal-data column may quote the value: keep only the column's name
        private String masked(Object value, String column, String message) {
            return Masking.isPersonal(value, column) ? column + ": value withheld (personal data)" : message;
        }
    }

    private void write(Chunk chunk, long t0) {
        ChunkKey key = new ChunkKey(runId, chunk.index, chunk.firstRow);
        List<Object> rows = new ArrayList<>(chunk.output.size());
        for (Item item : chunk.output) {
            rows.add(item.value());
        }
        if (!rows.isEmpty()) {
            withRetries("sink " + sink.name(), key, () -> sink.write(key, rows));
        }
        if (!chunk.rejections.isEmpty()) {
            withRetries("quarantine", key, () -> quarantine.write(key, List.copyOf(chunk.rejections)));
        }
        rowsOut += rows.size();
        rows.forEach(checksum::add);
        quarantined += chunk.rejections.size();
        chunks++;
        double seconds = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
        double rate = rowsIn / seconds;
        OptionalLong expected = source.estimatedSize();
        Optional<Duration> remaining = expected.isPresent() && rate > 0
                ? Optional.of(Duration.ofMillis((long) (Math.max(0, expected.getAsLong() - rowsIn) / rate * 1000)))
                : Optional.empty();
        options.listener().onProgress(new Progress(rowsIn, rate, expected, remaining));
    }

    @FunctionalInterface
    private interface Write {
        void run() throws Exception;
    }

    private void withRetries(String target, ChunkKey key, Write write) {
        long backoff = options.retryBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (Exception e) {
                if (attempt >= options.writeAttempts()) {
                    throw new UnableToRunException(target + " failed on chunk " + key.index() + " (source rows from "
                            + key.firstRow() + ") after " + attempt + " attempts: " + e.getMessage(), e);
                }
                LOG.warn("{} failed on chunk {} (attempt {}), retrying: {}", target, key.index(), attempt,
                        e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new UnableToRunException("interrupted while retrying chunk " + key.index(), ie);
                }
                backoff *= 2;
            }
        }
    }

    private static final class Counters {
        final LongAdder in = new LongAdder();
        final LongAdder out = new LongAdder();
        final LongAdder quarantined = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder dropped = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }
}
