package org.marketlink.benchmarks.quality;

import org.marketlink.core.data.RecordRows;
import org.marketlink.core.data.Row;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.pipeline.SuiteStage;
import org.marketlink.quality.rules.Rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A suite validating domain records in the pipeline that loads them, two ways in the same process: the records read
 * in place ({@code SuiteStage.records}, which reads only the fields the rules ask for) against each record first
 * copied into a {@link Row} ({@code RecordRows.toRow}, what the stage did before, and what a host without
 * {@code RowView} would write). Same records (shuffled products, dates in random order, one in twenty dirty), same
 * rules, two threads; the stored rows, the quarantine and every rule's outcome checked equal every round; rounds
 * interleaved, garbage collected before each side.
 *
 * <p>Arguments: {@code [records=2000000] [rounds=5]}.
 */
public final class RecordSuiteBenchmark {
    private RecordSuiteBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Random r = new Random(3);
        UUID[] products = new UUID[5_000];
        for (int i = 0; i < products.length; i++) {
            products[i] = new UUID(r.nextLong(), r.nextLong());
        }
        String[] regions = {"Nairobi", "Kisumu", "Mombasa", "Garissa", "Kakuma", "Turkana", "Marsabit"};
        List<PricingHistory> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean dirty = r.nextInt(20) == 0;
            records.add(new PricingHistory(products[r.nextInt(products.length)],
                    LocalDate.of(2020, 1, 1).plusDays(r.nextInt(1_500)),
                    BigDecimal.valueOf(dirty ? 0 : 100 + r.nextInt(50_000), 2),
                    BigDecimal.valueOf(r.nextInt(100_000), 3), dirty ? 0 : 1 + r.nextInt(40),
                    regions[r.nextInt(regions.length)]));
        }
        RecordRows<PricingHistory> rows = RecordRows.of(PricingHistory.class);
        Suite.Compiled suite = Suite.of("pricing", Rules.positive("price"), Rules.between("orderCount", 1, 1_000),
                Rules.inSet("region", Set.of(regions)), Rules.meanBetween("price", 0, 1_000),
                Rules.complete("saleDate")).compile(rows.schema());
        RunOptions options = RunOptions.defaults().withChunkSize(10_000).withParallelism(2);
        System.out.printf("%,d PricingHistory records (6 fields), 5 rules on 4 of them, 2 threads%n", n);
        double bestView = 0;
        double bestCopy = 0;
        for (int round = 1; round <= rounds; round++) {
            System.gc();
            long t0 = System.nanoTime();
            SuiteStage<PricingHistory> inPlace = SuiteStage.records(suite, rows);
            Sinks.ListSink<PricingHistory> viewStored = Sinks.list();
            Sinks.ListQuarantine viewQuarantine = Sinks.quarantineList();
            RunReport viewRun = Pipeline.from(Sources.of("records", records)).then("validate", inPlace)
                    .to(viewStored).quarantineTo(viewQuarantine).run(options);
            SuiteResult viewResult = inPlace.result();
            double view = n / ((System.nanoTime() - t0) / 1e9);

            System.gc();
            t0 = System.nanoTime();
            SuiteStage<Row> copied = SuiteStage.rows(suite);
            Sinks.ListSink<Row> copyStored = Sinks.list();
            Sinks.ListQuarantine copyQuarantine = Sinks.quarantineList();
            RunReport copyRun = Pipeline.from(Sources.of("records", records))
                    .then("to-row", Stages.map(rows::toRow)).then("validate", copied)
                    .to(copyStored).quarantineTo(copyQuarantine).run(options);
            SuiteResult copyResult = copied.result();
            double copy = n / ((System.nanoTime() - t0) / 1e9);

            check(viewRun, copyRun, viewStored.rows().size(), copyStored.rows().size(),
                    viewQuarantine.rejections().size(), copyQuarantine.rejections().size(), viewResult, copyResult);
            System.out.printf("round %d: in place %,.0f records/s, copied into rows %,.0f records/s, ratio %.2f "
                    + "(%,d stored, %,d quarantined on both)%n", round, view, copy, view / copy,
                    viewStored.rows().size(), viewQuarantine.rejections().size());
            bestView = Math.max(bestView, view);
            bestCopy = Math.max(bestCopy, copy);
        }
        System.out.printf("best: in place %,.0f records/s, copied %,.0f records/s, ratio %.2f%n", bestView, bestCopy,
                bestView / bestCopy);
        rulesAlone(records, rows, suite, rounds);
    }

    /** The suite's states fed on one thread without a pipeline: the records read in place or copied first. */
    private static void rulesAlone(List<PricingHistory> records, RecordRows<PricingHistory> rows, Suite.Compiled suite,
                                   int rounds) {
        double bestView = 0;
        double bestCopy = 0;
        for (int round = 1; round <= rounds; round++) {
            System.gc();
            long t0 = System.nanoTime();
            Suite.State inPlace = suite.newState();
            long failedInPlace = 0;
            for (PricingHistory p : records) {
                failedInPlace += inPlace.acceptFailed(rows.view(p)) ? 1 : 0;
            }
            double view = records.size() / ((System.nanoTime() - t0) / 1e9);
            System.gc();
            t0 = System.nanoTime();
            Suite.State copied = suite.newState();
            long failedCopied = 0;
            for (PricingHistory p : records) {
                failedCopied += copied.acceptFailed(rows.toRow(p)) ? 1 : 0;
            }
            double copy = records.size() / ((System.nanoTime() - t0) / 1e9);
            List<String> a = inPlace.result().outcomes().stream().map(RuleOutcome::message).toList();
            List<String> b = copied.result().outcomes().stream().map(RuleOutcome::message).toList();
            if (failedInPlace != failedCopied || !a.equals(b)) {
                throw new IllegalStateException("the rules judged differently: " + a + " vs " + b);
            }
            System.out.printf("rules alone round %d: in place %,.0f records/s, copied %,.0f records/s, ratio %.2f%n",
                    round, view, copy, view / copy);
            bestView = Math.max(bestView, view);
            bestCopy = Math.max(bestCopy, copy);
        }
        System.out.printf("rules alone best: in place %,.0f records/s, copied %,.0f records/s, ratio %.2f%n", bestView,
                bestCopy, bestView / bestCopy);
    }

    private static void check(RunReport a, RunReport b, int storedA, int storedB, int quarantinedA,
                              int quarantinedB, SuiteResult resultA, SuiteResult resultB) {
        List<String> outcomesA = resultA.outcomes().stream().map(RuleOutcome::message).toList();
        List<String> outcomesB = resultB.outcomes().stream().map(RuleOutcome::message).toList();
        if (!a.balanced() || !b.balanced() || storedA != storedB || quarantinedA != quarantinedB
                || !outcomesA.equals(outcomesB) || resultA.rowsFailingAny() != resultB.rowsFailingAny()) {
            throw new IllegalStateException("the two ways differ: " + storedA + "/" + storedB + " stored, "
                    + quarantinedA + "/" + quarantinedB + " quarantined, " + outcomesA + " vs " + outcomesB);
        }
    }
}
