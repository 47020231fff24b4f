package org.marketlink.core.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Continuous runs over unbounded sources: chunks closed by a latency bound, a commit per durable chunk with the
 * source position, stops of a quiet source, back-pressure, and deduplication with bounded state. Waits use a
 * watchdog (a minute), never a timing assertion.
 */
class StreamingRunTest {
    private static final long WATCHDOG_SECONDS = 60;

    private static <T> T await(BlockingQueue<T> queue) throws InterruptedException {
        T t = queue.poll(WATCHDOG_SECONDS, TimeUnit.SECONDS);
        assertThat(t).as("nothing arrived within the watchdog").isNotNull();
        return t;
    }

    private static CompletableFuture<RunReport> runAsync(Pipeline.Plan<Integer> plan, RunOptions options) {
        return CompletableFuture.supplyAsync(() -> plan.run(options));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aChunkIsClosedByTheLatencyBound_andCommittedOnlyOnceItsRowsAreDurable(int threads) throws Exception {
        Feed<Integer> feed = Feed.of("events", 100);
        Sinks.ListSink<Integer> sink = Sinks.list();
        BlockingQueue<ChunkCommit> commits = new LinkedBlockingQueue<>();
        List<String> wrongOrder = new CopyOnWriteArrayList<>();
        RunOptions options = RunOptions.defaults().withParallelism(threads).withMaxLatency(Duration.ofMillis(50))
                .withCommitListener(c -> {
                    // the chunk's rows are in the sink when the host hears of it
                    if (sink.rows().size() < c.throughRow()) {
                        wrongOrder.add("chunk " + c.chunk().index() + " told before its rows were written");
                    }
                    commits.add(c);
                });
        CompletableFuture<RunReport> run = runAsync(Pipeline.from(feed).to(sink), options);
        for (int i = 1; i <= 5; i++) {
            feed.put(i);
        }
        // 5 rows of a 10,000-row chunk: the latency bound closes it while the feed is still open
        int committed = 0;
        while (committed < 5) {
            committed += await(commits).rows();
        }
        assertThat(run).isNotDone();
        assertThat(sink.rows()).containsExactly(1, 2, 3, 4, 5);
        for (int i = 6; i <= 9; i++) {
            feed.put(i);
        }
        while (committed < 9) {
            committed += await(commits).rows();
        }
        feed.close();
        RunReport report = run.get(WATCHDOG_SECONDS, TimeUnit.SECONDS);
        assertThat(report.status()).isEqualTo(RunReport.Status.COMPLETED);
        assertThat(report.rowsIn()).isEqualTo(9);
        assertThat(report.balanced()).isTrue();
        assertThat(sink.rows()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(wrongOrder).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aQuietSource_isStoppedByACancellationOrAnInterrupt(int threads) throws Exception {
        for (boolean interrupt : new boolean[] {false, true}) {
            Feed<Integer> feed = Feed.of("quiet", 10);
            Cancellation cancel = new Cancellation();
            BlockingQueue<Thread> runner = new LinkedBlockingQueue<>();
            BlockingQueue<ChunkCommit> commits = new LinkedBlockingQueue<>();
            Sinks.ListSink<Integer> sink = Sinks.list();
            RunOptions options = RunOptions.defaults().withParallelism(threads).withCancellation(cancel)
                    .withMaxLatency(Duration.ofMillis(20)).withCommitListener(commits::add);
            CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(() -> {
                runner.add(Thread.currentThread());
                try {
                    return Pipeline.from(feed).to(sink).run(options);
                } finally {
                    Thread.interrupted();
                }
            });
            Thread thread = await(runner);
            feed.put(42);
            assertThat(await(commits).rows()).isEqualTo(1);
            // nothing more arrives: the reader sits in the source until told to stop
            if (interrupt) {
                thread.interrupt();
            } else {
                cancel.cancel();
            }
            RunReport report = run.get(WATCHDOG_SECONDS, TimeUnit.SECONDS);
            assertThat(report.status()).isEqualTo(RunReport.Status.CANCELLED);
            assertThat(report.rowsIn()).isEqualTo(1);
            assertThat(sink.rows()).containsExactly(42);
        }
    }

    /** A source of 1..n whose position is the number of rows handed out, recording what it was told is durable. */
    private static final class CountingSource implements Source<Integer> {
        private final int n;
        final List<Object> committed = new CopyOnWriteArrayList<>();

        CountingSource(int n) {
            this.n = n;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Cursor<Integer> open() {
            return new Cursor<>() {
                private int i;

                @Override
                public boolean next(RowConsumer<Integer> value, Consumer<Rejection> rejected) {
                    if (i == n) {
                        return false;
                    }
                    i++;
                    value.accept(i, i);
                    return true;
                }

                @Override
                public Object position() {
                    return (long) i;
                }

                @Override
                public void committed(Object position) {
                    committed.add(position);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void positionsAreCommittedInOrder_butNeverPastRowsAStageStillHolds(int threads) {
        // a deduplication that keeps the first row holds nothing: every chunk commits its position
        CountingSource first = new CountingSource(1000);
        List<ChunkCommit> commits = new ArrayList<>();
        Pipeline.from(first).then("first", Stages.deduplicate((Integer x) -> x % 300, Stages.Keep.FIRST))
                .to(Sinks.list()).run(RunOptions.defaults().withChunkSize(100).withParallelism(threads)
                        .withCommitListener(commits::add));
        assertThat(first.committed).containsExactlyElementsOf(multiples(100, 1000, 100));
        assertThat(commits).extracting(c -> c.position().orElseThrow()).containsExactlyElementsOf(first.committed);
        assertThat(commits).extracting(c -> (Object) c.throughRow()).containsExactlyElementsOf(multiples(100, 1000, 100));

        // one that keeps the last row holds rows until the end: the position waits for the final flush
        CountingSource last = new CountingSource(1000);
        commits.clear();
        Pipeline.from(last).then("last", Stages.deduplicate((Integer x) -> x % 300, Stages.Keep.LAST))
                .to(Sinks.list()).run(RunOptions.defaults().withChunkSize(100).withParallelism(threads)
                        .withCommitListener(commits::add));
        assertThat(last.committed).containsExactly(1000L);
        assertThat(commits.subList(0, commits.size() - 1)).allSatisfy(c -> assertThat(c.position()).isEmpty());
        assertThat(commits.get(commits.size() - 1).position()).hasValue(1000L);
        assertThat(commits.get(commits.size() - 1).rows()).isEqualTo(300);
    }

    private static List<Object> multiples(long from, long to, long step) {
        List<Object> out = new ArrayList<>();
        for (long v = from; v <= to; v += step) {
            out.add(v);
        }
        return out;
    }

    @Test
    void aFullFeedMakesItsProducerWait_soMemoryStaysBounded() throws Exception {
        Feed<Integer> feed = Feed.of("bounded", 10);
        for (int i = 0; i < 10; i++) {
            assertThat(feed.offer(i, Duration.ZERO)).isTrue();
        }
        assertThat(feed.offer(10, Duration.ofMillis(10))).as("the eleventh row waits for room").isFalse();
        // a run drains it; a producer of many rows keeps up through the bounded queue
        Sinks.ListSink<Integer> sink = Sinks.list();
        CompletableFuture<RunReport> run = runAsync(Pipeline.from(feed).to(sink),
                RunOptions.defaults().withChunkSize(7).withMaxLatency(Duration.ofMillis(10)));
        for (int i = 10; i < 5_000; i++) {
            feed.put(i);
        }
        feed.close();
        assertThat(run.get(WATCHDOG_SECONDS, TimeUnit.SECONDS).rowsIn()).isEqualTo(5_000);
        assertThat(sink.rows()).containsExactlyElementsOf(IntStream.range(0, 5_000).boxed().toList());
    }

    @Test
    void deduplicationWithin_aKeyWindowOrATimeWindow_holdsBoundedState() {
        List<Integer> values = List.of(1, 2, 3, 1, 4, 5, 1, 2);
        Sinks.ListSink<Integer> sink = Sinks.list();
        Pipeline.from(Sources.of("n", values)).then("within", Stages.deduplicateWithin((Integer x) -> x, 3))
                .to(sink).run();
        // window of 3 keys: the 1 at position 4 is a repeat (1,2,3 held); the 1 at position 7 comes after 1,4,5
        // were kept, the 2 at position 8 after 2 was evicted by 4 and 5
        assertThat(sink.rows()).containsExactly(1, 2, 3, 4, 5, 1, 2);

        record Event(String key, Instant at) {
        }
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        List<Event> events = List.of(new Event("a", t0), new Event("a", t0.plusSeconds(30)),
                new Event("b", t0.plusSeconds(40)), new Event("a", t0.plusSeconds(90)),
                new Event("a", t0.plusSeconds(100)));
        Sinks.ListSink<Event> kept = Sinks.list();
        Sinks.ListQuarantine duplicates = Sinks.quarantineList();
        Pipeline.from(Sources.of("events", events))
                .then("within", Stages.deduplicateWithin(Event::key, Event::at, Duration.ofMinutes(1), 1_000))
                .to(kept).quarantineTo(duplicates).run();
        // a at 30 s is within a minute of a at 0; a at 90 s is not (kept again); a at 100 s is within a minute of 90
        assertThat(kept.rows()).extracting(Event::at).containsExactly(t0, t0.plusSeconds(40), t0.plusSeconds(90));
        assertThat(duplicates.rejections()).extracting(Rejection::rowNumber).containsExactly(2L, 5L);
        assertThat(Optional.of(duplicates.rejections().get(0).reasonCode())).hasValue(Stages.DUPLICATE);
    }
}
