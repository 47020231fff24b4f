package org.marketlink.core.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a {@link RunObserver} is told adds up to the run's report; an observer that throws does not stop the run;
 * and a run on the host's executor uses only the host's threads and the caller's, and finishes however small,
 * saturated or idle the executor is.
 */
class RunObserverTest {
    /** Adds up what it is told. */
    private static final class Tally implements RunObserver {
        final AtomicLong read = new AtomicLong();
        final AtomicLong written = new AtomicLong();
        final Map<String, Long> rejectedByReason = new ConcurrentHashMap<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicInteger retries = new AtomicInteger();

        @Override
        public void runStarted(String runId, String source, String sink) {
            events.add("started " + source + " -> " + sink);
        }

        @Override
        public void chunkWritten(ChunkWritten chunk) {
            read.addAndGet(chunk.rowsRead());
            written.addAndGet(chunk.rowsWritten());
            chunk.rejections().forEach(r -> rejectedByReason.merge(r.reasonCode(), 1L, Long::sum));
            assertThat(chunk.latency()).isGreaterThanOrEqualTo(chunk.writeTime());
        }

        @Override
        public void writeRetried(ChunkKey chunk, String target, int attempt, Class<? extends Throwable> failure) {
            retries.incrementAndGet();
        }

        @Override
        public void runEnded(RunReport report) {
            events.add("ended " + report.status());
        }

        @Override
        public void runFailed(String runId, Throwable failure) {
            events.add("failed " + failure.getClass().getSimpleName());
        }
    }

    private static Pipeline.Plan<Integer> plan(Sinks.ListSink<Integer> sink, Sinks.ListQuarantine quarantine) {
        return Pipeline.from(Sources.of("numbers", IntStream.rangeClosed(1, 5_000).boxed().toList()))
                .then("odd", Stages.filter((Integer i) -> i % 7 != 0, "a multiple of 7"))
                .then("small", (Integer i, Emitter<Integer> out) -> {
                    if (i < 4_900) {
                        out.emit(i);
                    } else {
                        out.reject("LARGE", "", "too large");
                    }
                })
                .to(sink).quarantineTo(quarantine);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void whatTheObserverIsTold_addsUpToTheReport(int threads) {
        Tally tally = new Tally();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = plan(Sinks.list(), quarantine)
                .run(RunOptions.defaults().withChunkSize(300).withParallelism(threads).withObserver(tally));
        assertThat(tally.read.get()).isEqualTo(report.rowsIn()).isEqualTo(5_000);
        assertThat(tally.written.get()).isEqualTo(report.rowsOut());
        assertThat(tally.rejectedByReason.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(report.quarantined());
        assertThat(tally.rejectedByReason).isEqualTo(quarantine.rejections().stream()
                .collect(Collectors.groupingBy(Rejection::reasonCode, Collectors.counting())));
        assertThat(tally.events).containsExactly("started numbers -> list", "ended COMPLETED");
    }

    @Test
    void anObserverThatThrows_doesNotStopTheRun() {
        RunObserver broken = new RunObserver() {
            @Override
            public void chunkWritten(ChunkWritten chunk) {
                throw new IllegalStateException("observer bug");
            }
        };
        Sinks.ListSink<Integer> sink = Sinks.list();
        RunReport report = plan(sink, Sinks.quarantineList())
                .run(RunOptions.defaults().withChunkSize(100).withObserver(broken));
        assertThat(report.status()).isEqualTo(RunReport.Status.COMPLETED);
        assertThat(report.balanced()).isTrue();
        assertThat(sink.rows()).hasSize((int) report.rowsOut());
    }

    @Test
    void retriesAndFailures_areTold() {
        Tally tally = new Tally();
        AtomicInteger calls = new AtomicInteger();
        Sink<Integer> flaky = new Sink<>() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public void write(ChunkKey key, List<Integer> rows) {
                // the first chunk fails once, then works; the third fails for good
                int call = calls.incrementAndGet();
                if (call == 1 || key.index() == 2) {
                    throw new IllegalStateException("down");
                }
            }
        };
        RunOptions options = RunOptions.defaults().withChunkSize(1_000).withRetries(2, Duration.ofMillis(1))
                .withObserver(tally);
        assertThatThrownBy(() -> Pipeline.from(Sources.of("numbers",
                IntStream.rangeClosed(1, 5_000).boxed().toList())).to(flaky).run(options))
                .isInstanceOf(ChunkWriteException.class);
        assertThat(tally.retries.get()).isEqualTo(2); // chunk 0 once, chunk 2 once before its last attempt
        assertThat(tally.written.get()).isEqualTo(2_000);
        assertThat(tally.events).containsExactly("started numbers -> flaky", "failed ChunkWriteException");
    }

    /** Runs on {@code executor} and checks that every row came out, on no thread of the run's own. */
    private static void runsOn(Executor executor, Set<String> threads) {
        Sinks.ListSink<Integer> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = Pipeline.from(Sources.of("numbers",
                        IntStream.rangeClosed(1, 20_000).boxed().toList()))
                .then("seen", Stages.map((Integer i) -> {
                    threads.add(Thread.currentThread().getName());
                    return i;
                }))
                .to(sink).quarantineTo(quarantine)
                .run(RunOptions.defaults().withChunkSize(500).withParallelism(4).withExecutor(executor));
        assertThat(report.balanced()).isTrue();
        assertThat(sink.rows()).containsExactlyElementsOf(IntStream.rangeClosed(1, 20_000).boxed().toList());
        assertThat(threads).noneMatch(name -> name.startsWith("marketlink-"));
    }

    @Test
    void aRunOnTheHostsExecutor_usesItsThreadsAndNoneOfItsOwn() throws InterruptedException {
        ExecutorService host = Executors.newFixedThreadPool(2, r -> new Thread(r, "host-worker"));
        try {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            // a chunk the host's threads have not started when its turn comes is processed by the calling thread
            // (so on a busy machine the stage may never run on them): what must hold is that the run hands its
            // work to the host's executor, whose threads run it, and starts none of its own
            Set<String> ranTasks = ConcurrentHashMap.newKeySet();
            Executor recording = task -> host.execute(() -> {
                ranTasks.add(Thread.currentThread().getName());
                task.run();
            });
            runsOn(recording, threads);
            host.shutdown();
            assertThat(host.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ranTasks).containsExactly("host-worker");
            assertThat(threads).allMatch(name -> name.equals("host-worker")
                    || name.equals(Thread.currentThread().getName()));
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    void anExecutorThatRejectsOrNeverRuns_slowsTheRunButCannotStallIt() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        runsOn(task -> {
            throw new RejectedExecutionException("full");
        }, threads);
        List<Runnable> neverRun = new ArrayList<>();
        runsOn(neverRun::add, threads); // queued forever: the calling thread processes every chunk itself
        assertThat(neverRun).isNotEmpty();
        assertThat(threads).containsOnly(Thread.currentThread().getName());
    }
}
