package org.marketlink.core.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random inputs, chunk sizes and parallelism: every run is balanced, and its output and quarantine equal both a
 * sequential run and a plain-Java oracle.
 */
class PipelineRandomizedTest {

    private static Pipeline.Plan<Integer> plan(List<Integer> input, Sinks.ListSink<Integer> sink,
                                               Sinks.ListQuarantine quarantine) {
        return Pipeline.from(Sources.of("numbers", input))
                .then("double", Stages.map((Integer x) -> x * 2))
                .then("not-multiple-of-3", Stages.filter((Integer x) -> x % 3 != 0, "multiple of 3"))
                .then("split-fives", Stages.flatMap((Integer x) -> x % 5 == 0 ? List.of(x, -x - 1) : List.of(x)))
                .then("non-negative", Stages.validate((Integer x) -> x < 0
                        ? List.of(new Violation("NEGATIVE", "value", "value " + x + " is negative")) : List.of()))
                .then("explode-on-7", Stages.map((Integer x) -> {
                    if (x % 7 == 0) {
                        throw new IllegalStateException("seven " + x);
                    }
                    return x;
                }))
                .then("dedupe", Stages.deduplicate((Integer x) -> x % 50, Stages.Keep.FIRST))
                .then("plus-one", Stages.map((Integer x) -> x + 1))
                .to(sink).quarantineTo(quarantine);
    }

    /** The same computation, written plainly. */
    private static List<Integer> oracle(List<Integer> input, List<String> rejectedCodes) {
        List<Integer> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Integer raw : input) {
            if (raw == null) {
                rejectedCodes.add("NULL_ROW");
                continue;
            }
            int x = raw * 2;
            if (x % 3 == 0) {
                rejectedCodes.add(Stages.FILTERED);
                continue;
            }
            for (int y : x % 5 == 0 ? new int[] {x, -x - 1} : new int[] {x}) {
                if (y < 0) {
                    rejectedCodes.add("NEGATIVE");
                } else if (y % 7 == 0) {
                    rejectedCodes.add("STAGE_ERROR");
                } else if (!seen.add(y % 50)) {
                    rejectedCodes.add(Stages.DUPLICATE);
                } else {
                    out.add(y + 1);
                }
            }
        }
        return out;
    }

    @Test
    void randomRuns_areBalancedAndEqualTheSequentialRunAndTheOracle() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int trial = 0; trial < 40; trial++) {
            int n = random.nextInt(3000);
            List<Integer> input = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                input.add(random.nextInt(20) == 0 ? null : random.nextInt(1000));
            }
            int chunk = 1 + random.nextInt(random.nextBoolean() ? 10 : 700);
            int threads = 1 + random.nextInt(4);
            String context = "seed " + seed + ", trial " + trial + ", n " + n + ", chunk " + chunk + ", threads "
                    + threads;

            Sinks.ListSink<Integer> sink = Sinks.list();
            Sinks.ListQuarantine quarantine = Sinks.quarantineList();
            RunReport report = plan(input, sink, quarantine)
                    .run(RunOptions.defaults().withChunkSize(chunk).withParallelism(threads));

            Sinks.ListSink<Integer> seqSink = Sinks.list();
            Sinks.ListQuarantine seqQuarantine = Sinks.quarantineList();
            plan(input, seqSink, seqQuarantine).run(RunOptions.defaults().withChunkSize(100_000));

            List<String> codes = new ArrayList<>();
            List<Integer> expected = oracle(input, codes);
            assertThat(report.balanced()).as(context + " " + report.toJson()).isTrue();
            assertThat(report.rowsIn()).as(context).isEqualTo(n);
            assertThat(report.rowsOut()).as(context).isEqualTo(expected.size());
            assertThat(report.quarantined()).as(context).isEqualTo(codes.size());
            assertThat(sink.rows()).as(context).isEqualTo(seqSink.rows()).isEqualTo(expected);
            assertThat(quarantine.rejections().stream().map(Rejection::reasonCode).sorted().toList()).as(context)
                    .isEqualTo(codes.stream().sorted().toList());
            // chunking changes the order rejections are written in, never which rows are rejected and why
            Comparator<Rejection> byRow = Comparator.comparingLong(Rejection::rowNumber)
                    .thenComparing(Rejection::reasonCode).thenComparing(Rejection::raw);
            assertThat(quarantine.rejections().stream().sorted(byRow).toList()).as(context)
                    .isEqualTo(seqQuarantine.rejections().stream().sorted(byRow).toList());
            assertThat(report.stages().get(5).name()).isEqualTo("dedupe");
            assertThat(report.stages().get(4).failed()).as(context)
                    .isEqualTo(codes.stream().filter("STAGE_ERROR"::equals).count());
        }
    }
}
