package org.marketlink.quality.pipeline;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.RecordRows;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Emitter;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.Rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SuiteStageTest {
    static final Schema S = Schema.of(Field.required("id", FieldType.LONG), Field.optional("status", FieldType.STRING),
            Field.optional("price", FieldType.DOUBLE));
    static final Suite SUITE = Suite.of("orders", Rules.complete("status"), Rules.inSet("status", Set.of("NEW", "PAID")),
            Rules.nonNegative("price"), Rules.unique("id"), Rules.meanBetween("price", 0, 50));

    static List<Row> rows(int n, long seed) {
        Random r = new Random(seed);
        String[] statuses = {"NEW", "PAID", "PAID", "paid", null};
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Row.of(S, (long) r.nextInt(n), statuses[r.nextInt(statuses.length)],
                    r.nextInt(10) == 0 ? -1.0 : r.nextDouble() * 100));
        }
        return out;
    }

    @Test
    void oneParallelPassQuarantinesTheFailingRowsAndGivesTheSameResultAsASecondPass() {
        Suite.Compiled compiled = SUITE.compile(S);
        for (long seed = 1; seed <= 5; seed++) {
            List<Row> in = rows(3_000, seed);
            SuiteStage<Row> validate = SuiteStage.rows(compiled);
            Sinks.ListSink<Row> stored = Sinks.list();
            Sinks.ListQuarantine quarantine = Sinks.quarantineList();
            RunReport run = Pipeline.from(Sources.of("orders", in)).then("validate", validate).to(stored)
                    .quarantineTo(quarantine).run(RunOptions.defaults().withChunkSize(97).withParallelism(2));
            assertThat(run.balanced()).isTrue();
            // every row exactly once: stored when it passes every row rule, quarantined when it does not
            List<Row> expectedStored = in.stream().filter(r -> compiled.violations(r).isEmpty()).toList();
            assertThat(stored.rows()).containsExactlyElementsOf(expectedStored);
            List<Rejection> rejected = quarantine.rejections();
            assertThat(rejected).hasSize(in.size() - expectedStored.size()).isNotEmpty();
            assertThat(stored.rows().size() + rejected.size()).isEqualTo(in.size());
            for (Rejection q : rejected) {
                assertThat(q.stage()).isEqualTo("validate");
                assertThat(q.reasonCode()).isIn("COMPLETE", "IN_SET", "NON_NEGATIVE");
                assertThat(q.message()).matches("(status: missing|status: 'paid' outside \\{NEW, PAID\\}|price: "
                        + "'-1\\.0' outside \\[0, ∞\\])(; price: '-1\\.0' outside \\[0, ∞\\])?");
            }
            // the one-pass result is the two-pass one: the same outcome of every rule over every row seen
            SuiteResult once = validate.result();
            SuiteResult twice = compiled.run(in);
            assertThat(validate.rows()).isEqualTo(in.size());
            assertThat(once.outcomes()).extracting(RuleOutcome::message)
                    .containsExactlyElementsOf(twice.outcomes().stream().map(RuleOutcome::message).toList());
            for (int i = 0; i < twice.outcomes().size(); i++) {
                // a parallel mean merges its partial sums in another order: the last bits may differ, the text not
                assertThat(once.outcomes().get(i).metric()).isCloseTo(twice.outcomes().get(i).metric(), within(1e-9));
            }
        }
    }

    /** A record the stage reads through {@link RecordRows}. */
    public record Order(long id, String status, double price) {
    }

    @Test
    void recordsAreCheckedThroughTheirRowsAndASuiteOfAnotherSchemaIsRefused() {
        RecordRows<Order> orders = RecordRows.of(Order.class);
        SuiteStage<Order> validate = SuiteStage.records(Suite.of("o", Rules.nonNegative("price"))
                .compile(orders.schema()), orders);
        Sinks.ListSink<Order> stored = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        Pipeline.from(Sources.of("orders", List.of(new Order(1, "NEW", 2), new Order(2, "NEW", -3))))
                .then("validate", validate).to(stored).quarantineTo(quarantine).run();
        assertThat(stored.rows()).containsExactly(new Order(1, "NEW", 2));
        assertThat(quarantine.rejections()).extracting(Rejection::message).containsExactly("price: '-3.0' outside [0, ∞]");
        assertThat(validate.result().outcomes().get(0).metric()).isEqualTo(0.5);
        assertThatThrownBy(() -> SuiteStage.records(SUITE.compile(S), orders))
                .hasMessageContaining("the suite was compiled for");
    }

    /** Counts every read of its components, to show which ones the suite asks for. */
    public record Counted(long id, String note, double price, String status) {
        static final AtomicLong IDS = new AtomicLong();
        static final AtomicLong NOTES = new AtomicLong();
        static final AtomicLong PRICES = new AtomicLong();
        static final AtomicLong STATUSES = new AtomicLong();

        @Override
        public long id() {
            IDS.incrementAndGet();
            return id;
        }

        @Override
        public String note() {
            NOTES.incrementAndGet();
            return note;
        }

        @Override
        public double price() {
            PRICES.incrementAndGet();
            return price;
        }

        @Override
        public String status() {
            STATUSES.incrementAndGet();
            return status;
        }
    }

    @Test
    void recordsAreReadInPlaceOnlyTheFieldsTheRulesAskForAndTheOutcomeIsTheCopiedRowsOne() {
        RecordRows<Counted> counted = RecordRows.of(Counted.class);
        Suite.Compiled compiled = Suite.of("c", Rules.nonNegative("price"), Rules.inSet("status", Set.of("NEW", "PAID")),
                Rules.meanBetween("price", 0, 50)).compile(counted.schema());
        Random r = new Random(7);
        String[] statuses = {"NEW", "PAID", "paid", null};
        List<Counted> in = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            in.add(new Counted(i, "note " + i, r.nextInt(8) == 0 ? -r.nextDouble() : r.nextDouble() * 90,
                    statuses[r.nextInt(statuses.length)]));
        }
        // the oracle: each record copied into a row first, as the stage did before it read records in place
        List<Row> copies = in.stream().map(counted::toRow).toList();
        List<Counted> expectedStored = in.stream()
                .filter(c -> compiled.violations(counted.toRow(c)).isEmpty()).toList();
        SuiteResult oracle = compiled.run(copies);
        SuiteStage<Counted> validate = SuiteStage.records(compiled, counted);
        Sinks.ListSink<Counted> stored = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport run = Pipeline.from(Sources.of("counted", in)).then("validate", validate).to(stored)
                .quarantineTo(quarantine).run(RunOptions.defaults().withChunkSize(128).withParallelism(2));
        assertThat(run.balanced()).isTrue();
        assertThat(stored.rows()).containsExactlyElementsOf(expectedStored);
        assertThat(quarantine.rejections()).hasSize(in.size() - expectedStored.size()).isNotEmpty();
        SuiteResult once = validate.result();
        assertThat(once.outcomes()).extracting(RuleOutcome::message)
                .containsExactlyElementsOf(oracle.outcomes().stream().map(RuleOutcome::message).toList());
        assertThat(once.rowsFailingAny()).isEqualTo(oracle.rowsFailingAny()).isPositive();

        // the stage alone (the quarantine writes a rejected record's raw text, which reads every component): no
        // rule reads id or note, so no copy of a record was made; those components were called only for the few
        // failing rows each row rule keeps whole as samples (five each), not once per record
        for (AtomicLong reads : List.of(Counted.IDS, Counted.NOTES, Counted.PRICES, Counted.STATUSES)) {
            reads.set(0);
        }
        SuiteStage<Counted> alone = SuiteStage.records(compiled, counted);
        List<Counted> passed = new ArrayList<>();
        int[] rejected = {0};
        Emitter<Counted> out = new Emitter<>() {
            @Override
            public void emit(Counted value) {
                passed.add(value);
            }

            @Override
            public void reject(String reasonCode, String column, String message) {
                rejected[0]++;
            }

            @Override
            public long rowNumber() {
                return 0;
            }

            @Override
            public void rejectHeld(Object held, long heldRowNumber, String reasonCode, String column, String message) {
                throw new AssertionError("the suite holds nothing back");
            }
        };
        for (Counted c : in) {
            alone.apply(c, out);
        }
        assertThat(passed).containsExactlyElementsOf(expectedStored);
        assertThat(rejected[0]).isEqualTo(in.size() - expectedStored.size());
        assertThat(Counted.IDS.get()).isLessThanOrEqualTo(2 * 5);
        assertThat(Counted.NOTES.get()).isEqualTo(Counted.IDS.get());
        assertThat(Counted.PRICES.get()).isGreaterThanOrEqualTo(in.size());
        assertThat(Counted.STATUSES.get()).isGreaterThanOrEqualTo(in.size());
        assertThat(alone.result().outcomes()).extracting(RuleOutcome::message)
                .containsExactlyElementsOf(oracle.outcomes().stream().map(RuleOutcome::message).toList());
    }
}
