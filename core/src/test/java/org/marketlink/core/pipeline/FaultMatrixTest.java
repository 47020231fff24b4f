package org.marketlink.core.pipeline;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Faults injected into every place a run can fail — the sink and the quarantine before and after they commit, once
 * or for good, on every chunk in turn; stages throwing in {@code apply} and {@code finish}; cancellation and
 * interruption at random points; an {@code Error} from the source — at 1 and 2 threads. For each case the test
 * reads what the sink and the quarantine actually hold and checks it against a fault-free run: a transient fault
 * changes nothing (no loss, no duplicate after the retry), a permanent one stops the run with an exception that says
 * exactly which chunks are durable, and every row read is in exactly one place or reported as not written.
 *
 * <p>The source is a seeded permutation of 0..1999 (unsorted, as real ids are), so a row's value names its source
 * position. The seed is printed; {@code -Dfaults.seed} replays it.
 */
class FaultMatrixTest {
    private static final int ROWS = 2_000;
    private static final int CHUNK = 100;
    private static final long SEED = Long.getLong("faults.seed", System.nanoTime());
    private static final Duration WATCHDOG = Duration.ofSeconds(60);
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger FAULTS = new AtomicInteger();

    private static final List<Integer> VALUES = permutation(new Random(SEED));
    /** Source position (1-based) of each value. */
    private static final int[] POSITION = positions(VALUES);

    @AfterAll
    static void printTheCount() {
        System.out.println("FaultMatrixTest seed " + SEED + " (replay with -Dfaults.seed=" + SEED + "): "
                + CASES.get() + " cases, " + FAULTS.get() + " faults injected");
    }

    private static List<Integer> permutation(Random random) {
        List<Integer> values = new ArrayList<>(IntStream.range(0, ROWS).boxed().toList());
        Collections.shuffle(values, random);
        return List.copyOf(values);
    }

    private static int[] positions(List<Integer> values) {
        int[] p = new int[values.size()];
        for (int i = 0; i < values.size(); i++) {
            p[values.get(i)] = i + 1;
        }
        return p;
    }

    // --- what is durable, chunk by chunk ---------------------------------------------------------------------------

    /** What a target committed, by chunk index: a chunk committed again replaces itself, as the sink contract asks. */
    private static final class Durable<T> {
        private final TreeMap<Long, List<T>> chunks = new TreeMap<>();

        synchronized void commit(ChunkKey key, List<T> values) {
            chunks.put(key.index(), List.copyOf(values));
        }

        synchronized Map<Long, List<T>> byChunk() {
            return new TreeMap<>(chunks);
        }

        synchronized List<T> all() {
            List<T> out = new ArrayList<>();
            chunks.values().forEach(out::addAll);
            return out;
        }
    }

    enum Target { SINK, QUARANTINE }

    enum When { BEFORE_COMMIT, AFTER_COMMIT }

    /** A fault on one chunk of one target: once ({@code permanent = false}) or on every attempt. */
    private record Fault(Target target, When when, boolean permanent, long chunk) {
        @Override
        public String toString() {
            return target + " " + when + (permanent ? " for good" : " once") + " on chunk " + chunk;
        }
    }

    /** Commits to {@code durable}, failing where {@code fault} says. */
    private static final class Injector {
        private final Fault fault;
        private final AtomicInteger failures = new AtomicInteger();

        Injector(Fault fault) {
            this.fault = fault;
        }

        <T> void write(Target target, Durable<T> durable, ChunkKey key, List<T> values) {
            around(target, key, () -> durable.commit(key, values));
        }

        /** Runs {@code commit}, failing before or after it where the fault says. */
        void around(Target target, ChunkKey key, Runnable commit) {
            boolean hit = fault != null && fault.target() == target && fault.chunk() == key.index()
                    && (fault.permanent() || failures.get() == 0);
            if (hit && fault.when() == When.BEFORE_COMMIT) {
                failures.incrementAndGet();
                FAULTS.incrementAndGet();
                throw new IllegalStateException("injected: " + fault);
            }
            commit.run();
            if (hit) {
                failures.incrementAndGet();
                FAULTS.incrementAndGet();
                throw new IllegalStateException("injected: " + fault + " (the commit's acknowledgement was lost)");
            }
        }
    }

    private static final class FaultySink implements Sink<Integer> {
        final Durable<Integer> durable = new Durable<>();
        final Injector injector;

        FaultySink(Injector injector) {
            this.injector = injector;
        }

        @Override
        public String name() {
            return "faulty";
        }

        @Override
        public void write(ChunkKey key, List<Integer> rows) {
            injector.write(Target.SINK, durable, key, rows);
        }
    }

    private static final class FaultyQuarantine implements QuarantineSink {
        final Durable<Rejection> durable = new Durable<>();
        final Injector injector;

        FaultyQuarantine(Injector injector) {
            this.injector = injector;
        }

        @Override
        public void write(ChunkKey key, List<Rejection> rejections) {
            injector.write(Target.QUARANTINE, durable, key, rejections);
        }
    }

    /** A sink that commits a chunk's rows and rejections in one transaction with its own quarantine. */
    private static final class TransactionalSink implements Sink<Integer> {
        final Durable<Integer> rows = new Durable<>();
        final Durable<Rejection> rejections = new Durable<>();
        final QuarantineSink ownQuarantine = (key, r) -> commit(key, List.of(), r);
        final Injector injector;

        TransactionalSink(Injector injector) {
            this.injector = injector;
        }

        @Override
        public String name() {
            return "transactional";
        }

        @Override
        public void write(ChunkKey key, List<Integer> chunk) {
            commit(key, chunk, List.of());
        }

        @Override
        public boolean writeTogether(ChunkKey key, List<Integer> chunk, QuarantineSink quarantine,
                                     List<Rejection> rejected) {
            if (quarantine != ownQuarantine) {
                return false;
            }
            commit(key, chunk, rejected);
            return true;
        }

        private synchronized void commit(ChunkKey key, List<Integer> chunk, List<Rejection> rejected) {
            // one transaction: both parts are committed together, or (failing before the commit) neither
            injector.around(Target.SINK, key, () -> {
                if (!chunk.isEmpty()) {
                    rows.commit(key, chunk);
                }
                if (!rejected.isEmpty()) {
                    rejections.commit(key, rejected);
                }
            });
        }
    }

    // --- the pipeline ------------------------------------------------------------------------------------------------

    private static Source<Integer> source() {
        return Sources.of("permutation", VALUES);
    }

    /** Rejects multiples of 7 (stateless), keeps the first of each value mod 1500 (stateful), then tags the row. */
    private static Pipeline<Integer> pipeline(Source<Integer> source) {
        return Pipeline.from(source)
                .then("sevens", Stages.filter((Integer x) -> x % 7 != 0, "a multiple of 7"))
                .then("dedupe", Stages.deduplicate((Integer x) -> x % 1500, Stages.Keep.FIRST))
                .then("tag", Stages.map((Integer x) -> x));
    }

    private static RunOptions options(int threads) {
        return RunOptions.defaults().withChunkSize(CHUNK).withParallelism(threads).withRetries(3, Duration.ZERO);
    }

    /** What a run left behind; {@code interrupted}: whether the running thread's interrupt flag was set after it. */
    private record Outcome(Map<Long, List<Integer>> rows, Map<Long, List<Rejection>> rejections, RunReport report,
                           Throwable failure, boolean interrupted) {
    }

    private static Outcome run(Pipeline<Integer> pipeline, Sink<Integer> sink, Durable<Integer> rows,
                               QuarantineSink quarantine, Durable<Rejection> rejections, RunOptions options) {
        CASES.incrementAndGet();
        RunReport report = null;
        Throwable failure = null;
        boolean[] interrupted = new boolean[1];
        try {
            // the watchdog runs the plan on a thread of its own: its interrupt flag is read there
            report = assertTimeoutPreemptively(WATCHDOG, () -> {
                try {
                    return pipeline.to(sink).quarantineTo(quarantine).run(options);
                } finally {
                    interrupted[0] = Thread.interrupted();
                }
            });
        } catch (RuntimeException e) {
            failure = e;
        }
        return new Outcome(rows.byChunk(), rejections.byChunk(), report, failure, interrupted[0]);
    }

    private static Outcome faultFree(int threads) {
        FaultySink sink = new FaultySink(new Injector(null));
        FaultyQuarantine quarantine = new FaultyQuarantine(new Injector(null));
        Outcome o = run(pipeline(source()), sink, sink.durable, quarantine, quarantine.durable, options(threads));
        assertThat(o.failure()).isNull();
        return o;
    }

    private static <T> List<T> upTo(Map<Long, List<T>> chunks, long chunk, boolean inclusive) {
        List<T> out = new ArrayList<>();
        chunks.forEach((index, values) -> {
            if (index < chunk || inclusive && index == chunk) {
                out.addAll(values);
            }
        });
        return out;
    }

    private static List<Integer> flat(Map<Long, List<Integer>> chunks) {
        return upTo(chunks, Long.MAX_VALUE, false);
    }

    private static List<Rejection> flatRejections(Map<Long, List<Rejection>> chunks) {
        return upTo(chunks, Long.MAX_VALUE, false);
    }

    // --- sink and quarantine faults ------------------------------------------------------------------------------

    @Test
    void sinkAndQuarantineFaults_onEveryChunk_loseNothingOnceAndSayExactlyWhatIsDurableForGood() {
        for (int threads : new int[] {1, 2}) {
            Outcome clean = faultFree(threads);
            long chunks = clean.report().chunks();
            assertThat(chunks).isEqualTo(ROWS / CHUNK);
            for (Target target : Target.values()) {
                for (When when : When.values()) {
                    for (boolean permanent : new boolean[] {false, true}) {
                        for (long c = 0; c < chunks; c++) {
                            Fault fault = new Fault(target, when, permanent, c);
                            Injector injector = new Injector(fault);
                            FaultySink sink = new FaultySink(injector);
                            FaultyQuarantine quarantine = new FaultyQuarantine(injector);
                            Outcome o = run(pipeline(source()), sink, sink.durable, quarantine, quarantine.durable,
                                    options(threads));
                            String what = fault + " at " + threads + " thread(s), seed " + SEED;
                            if (!permanent) {
                                assertThat(o.failure()).as(what).isNull();
                                assertThat(o.rows()).as(what).isEqualTo(clean.rows());
                                assertThat(o.rejections()).as(what).isEqualTo(clean.rejections());
                                assertThat(o.report().checksum()).as(what).isEqualTo(clean.report().checksum());
                                assertThat(o.report().balanced()).as(what).isTrue();
                            } else {
                                checkStoppedOn(fault, clean, o, what);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void checkStoppedOn(Fault fault, Outcome clean, Outcome o, String what) {
        long c = fault.chunk();
        assertThat(o.failure()).as(what).isInstanceOf(ChunkWriteException.class);
        ChunkWriteException e = (ChunkWriteException) o.failure();
        List<Integer> cleanRowsOfChunk = clean.rows().getOrDefault(c, List.of());
        List<Rejection> cleanRejectionsOfChunk = clean.rejections().getOrDefault(c, List.of());
        assertThat(e.chunk().index()).as(what).isEqualTo(c);
        assertThat(e.unwrittenRows()).as(what).isEqualTo(cleanRowsOfChunk.size());
        assertThat(e.chunkRejections()).as(what).isEqualTo(cleanRejectionsOfChunk.size());
        assertThat(e.rowsWrittenBefore()).as(what).isEqualTo(upTo(clean.rows(), c, false).size());
        assertThat(e.rejectionsWrittenBefore()).as(what).isEqualTo(upTo(clean.rejections(), c, false).size());
        // rejections are written before rows: a sink failure leaves them durable, a quarantine failure leaves the
        // chunk's rows unwritten
        assertThat(e.rejectionsWritten()).as(what)
                .isEqualTo(fault.target() == Target.SINK && !cleanRejectionsOfChunk.isEmpty());
        assertThat(e.getMessage()).as(what).contains("chunk " + c).contains("rows are not in the sink");
        boolean sinkHoldsChunk = fault.target() == Target.SINK && fault.when() == When.AFTER_COMMIT;
        boolean quarantineHoldsChunk = e.rejectionsWritten()
                || fault.target() == Target.QUARANTINE && fault.when() == When.AFTER_COMMIT;
        assertThat(flat(o.rows())).as(what).isEqualTo(upTo(clean.rows(), c, sinkHoldsChunk));
        assertThat(flatRejections(o.rejections())).as(what)
                .isEqualTo(upTo(clean.rejections(), c, quarantineHoldsChunk));
    }

    @Test
    void aSinkThatWritesRowsAndRejectionsInOneTransaction_isNeverHalfWritten() {
        for (int threads : new int[] {1, 2}) {
            Outcome clean = faultFree(threads);
            for (When when : When.values()) {
                for (long c = 0; c < clean.report().chunks(); c++) {
                    Fault fault = new Fault(Target.SINK, when, true, c);
                    TransactionalSink sink = new TransactionalSink(new Injector(fault));
                    Outcome o = run(pipeline(source()), sink, sink.rows, sink.ownQuarantine, sink.rejections,
                            options(threads));
                    String what = fault + " (one transaction) at " + threads + " thread(s), seed " + SEED;
                    ChunkWriteException e = (ChunkWriteException) o.failure();
                    assertThat(e).as(what).isNotNull();
                    assertThat(e.rejectionsWritten()).as(what).isFalse();
                    // both halves of the chunk, or neither
                    boolean committed = when == When.AFTER_COMMIT;
                    assertThat(flat(o.rows())).as(what).isEqualTo(upTo(clean.rows(), c, committed));
                    assertThat(flatRejections(o.rejections())).as(what)
                            .isEqualTo(upTo(clean.rejections(), c, committed));
                }
            }
        }
    }

    // --- stage faults ------------------------------------------------------------------------------------------------

    @Test
    void stagesThrowingInApply_quarantineExactlyTheRowsTheyFailedOn_andTakeBackWhatTheyEmitted() {
        for (int threads : new int[] {1, 2}) {
            Outcome clean = faultFree(threads);
            Set<Integer> failing = new HashSet<>();
            Random random = new Random(SEED + threads);
            for (int i = 0; i < 60; i++) {
                failing.add(random.nextInt(ROWS));
            }
            FAULTS.addAndGet(failing.size());
            // a stateless stage after the stateful one emits the row and its negation, then throws for some rows
            Pipeline<Integer> p = pipeline(source()).then("twice",
                    Stages.flatMap((Integer x) -> twiceThenMaybeThrow(x, failing.contains(x))));
            FaultySink sink = new FaultySink(new Injector(null));
            FaultyQuarantine quarantine = new FaultyQuarantine(new Injector(null));
            Outcome o = run(p, sink, sink.durable, quarantine, quarantine.durable, options(threads));
            String what = "flatMap throwing on " + failing.size() + " rows at " + threads + " thread(s), seed " + SEED;
            assertThat(o.failure()).as(what).isNull();
            List<Integer> expected = new ArrayList<>();
            for (int x : flat(clean.rows())) {
                if (!failing.contains(x)) {
                    expected.add(x);
                    expected.add(-x - 1);
                }
            }
            assertThat(flat(o.rows())).as(what).isEqualTo(expected);
            List<Rejection> stageErrors = flatRejections(o.rejections()).stream()
                    .filter(r -> r.reasonCode().equals(StageChain.STAGE_ERROR)).toList();
            long failedThatReachedTheStage = flat(clean.rows()).stream().filter(failing::contains).count();
            assertThat(stageErrors).as(what).hasSize((int) failedThatReachedTheStage)
                    .allSatisfy(r -> assertThat(r.raw()).isNotBlank());
            assertThat(o.report().rowsIn()).isEqualTo(ROWS);
            assertThat(o.report().balanced()).as(what).isTrue();
            // every source row is in exactly one place
            assertEveryReadRowOnce(flat(o.rows()).stream().filter(x -> x >= 0).toList(),
                    flatRejections(o.rejections()), ROWS, what);
        }
    }

    /** The value and its negation, then (when {@code fail}) an exception while the stage asks for a third. */
    private static Iterable<Integer> twiceThenMaybeThrow(int x, boolean fail) {
        return () -> new Iterator<Integer>() {
            private int given;

            @Override
            public boolean hasNext() {
                if (given == 2 && fail) {
                    throw new IllegalStateException("injected after two outputs");
                }
                return given < 2;
            }

            @Override
            public Integer next() {
                return given++ == 0 ? x : -x - 1;
            }
        };
    }

    @Test
    void aStatefulStageThatFailsToFinish_stopsTheRunCountingTheRowsItHeld() {
        for (int threads : new int[] {1, 2}) {
            List<Integer> heldBack = new ArrayList<>();
            Stage<Integer, Integer> holdsOddOnes = new Stage<>() {
                @Override
                public void apply(Integer in, Emitter<Integer> out) {
                    if (in % 2 == 1) {
                        heldBack.add(in);
                    } else {
                        out.emit(in);
                    }
                }

                @Override
                public void finish(Emitter<Integer> out) {
                    FAULTS.incrementAndGet();
                    throw new IllegalStateException("injected in finish");
                }

                @Override
                public boolean stateful() {
                    return true;
                }
            };
            FaultySink sink = new FaultySink(new Injector(null));
            FaultyQuarantine quarantine = new FaultyQuarantine(new Injector(null));
            Outcome o = run(Pipeline.from(source()).then("sevens", Stages.filter((Integer x) -> x % 7 != 0, "7"))
                    .then("holds", holdsOddOnes), sink, sink.durable, quarantine, quarantine.durable,
                    options(threads));
            assertThat(o.failure()).isInstanceOf(UnableToRunException.class)
                    .hasMessageContaining("stage 'holds' failed to finish: " + heldBack.size() + " rows it held");
            // everything but the held rows was written before the failure, and the held rows were not
            List<Integer> written = flat(o.rows());
            assertThat(written).doesNotContainAnyElementsOf(heldBack);
            assertThat(written.size() + flatRejections(o.rejections()).size() + heldBack.size()).isEqualTo(ROWS);
        }
    }

    // --- cancellation, interruption and a dying source ------------------------------------------------------------

    @Test
    void cancellingOrInterruptingAtRandomPoints_writesEveryRowReadExactlyOnce() {
        Random random = new Random(SEED ^ 0x5DEECE66DL);
        for (int i = 0; i < 40; i++) {
            int threads = 1 + i % 2;
            boolean interrupt = i % 4 >= 2;
            long stopAt = 1 + random.nextInt(ROWS);
            Cancellation cancellation = new Cancellation();
            FaultySink sink = new FaultySink(new Injector(null));
            FaultyQuarantine quarantine = new FaultyQuarantine(new Injector(null));
            RunOptions options = options(threads).withCancellation(cancellation).withListener(progress -> {
                if (progress.rowsRead() >= stopAt) {
                    if (interrupt) {
                        Thread.currentThread().interrupt();
                    } else {
                        cancellation.cancel();
                    }
                }
            });
            FAULTS.incrementAndGet();
            // a deduplication that keeps the last row holds every kept row until the end: a cancel must flush it
            Pipeline<Integer> p = Pipeline.from(source())
                    .then("sevens", Stages.filter((Integer x) -> x % 7 != 0, "a multiple of 7"))
                    .then("dedupe", Stages.deduplicate((Integer x) -> x % 1500, Stages.Keep.LAST));
            Outcome o = run(p, sink, sink.durable, quarantine, quarantine.durable, options);
            String what = (interrupt ? "interrupt" : "cancel") + " at row " + stopAt + ", " + threads
                    + " thread(s), seed " + SEED;
            assertThat(o.failure()).as(what).isNull();
            assertThat(o.interrupted()).as(what).isEqualTo(interrupt);
            long read = o.report().rowsIn();
            assertThat(o.report().balanced()).as(what).isTrue();
            assertEveryReadRowOnce(flat(o.rows()), flatRejections(o.rejections()), read, what);
        }
    }

    @Test
    void anErrorFromTheSource_stopsTheRun_withWholeChunksWrittenAndNothingHalfDone() {
        Random random = new Random(SEED + 17);
        for (int i = 0; i < 16; i++) {
            int threads = 1 + i % 2;
            int dieAt = 1 + random.nextInt(ROWS);
            Error error = i % 4 < 2 ? new OutOfMemoryError("injected") : new StackOverflowError("injected");
            Source<Integer> dying = Sources.of("dying", () -> new Iterator<>() {
                private int n;

                @Override
                public boolean hasNext() {
                    return n < ROWS;
                }

                @Override
                public Integer next() {
                    if (++n == dieAt) {
                        FAULTS.incrementAndGet();
                        throw error;
                    }
                    return VALUES.get(n - 1);
                }
            });
            FaultySink sink = new FaultySink(new Injector(null));
            FaultyQuarantine quarantine = new FaultyQuarantine(new Injector(null));
            Outcome o;
            try {
                o = run(pipeline(dying), sink, sink.durable, quarantine, quarantine.durable, options(threads));
            } catch (Error e) {
                fail("an Error from the source escaped the run unwrapped: " + e);
                return;
            }
            String what = error.getClass().getSimpleName() + " at row " + dieAt + ", " + threads + " thread(s), seed "
                    + SEED;
            assertThat(o.failure()).as(what).isInstanceOf(UnableToRunException.class).hasRootCauseInstanceOf(error.getClass());
            // the rows read before the error were written whole, once; none from the error on
            List<Integer> rows = flat(o.rows());
            List<Rejection> rejections = flatRejections(o.rejections());
            assertEveryReadRowOnce(rows, rejections, rows.size() + rejections.size(), what);
            assertThat(rows.size() + rejections.size()).as(what).isLessThan(dieAt);
        }
    }

    /** The rows in the sink and the rejections are exactly the source rows 1..read, each once. */
    private static void assertEveryReadRowOnce(List<Integer> rows, List<Rejection> rejections, long read,
                                               String what) {
        Map<Long, String> seen = new LinkedHashMap<>();
        for (int x : rows) {
            String before = seen.put((long) POSITION[x], "sink");
            assertThat(before).as(what + ": source row " + POSITION[x] + " twice").isNull();
        }
        for (Rejection r : rejections) {
            String before = seen.put(r.rowNumber(), "quarantine " + r.reasonCode());
            assertThat(before).as(what + ": source row " + r.rowNumber() + " twice").isNull();
            assertThat(r.raw()).as(what).isNotBlank();
        }
        assertThat(seen.keySet()).as(what).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, (int) read).mapToObj(i -> (long) i).toList());
    }
}
