package org.marketlink.quality.pipeline;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.RecordRows;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
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
}
