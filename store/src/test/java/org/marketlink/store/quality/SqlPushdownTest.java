package org.marketlink.store.quality;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Sink;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteFiles;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.Rules;
import org.marketlink.store.Backend;
import org.marketlink.store.MarketStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/** The suite pushed down as SQL gives the in-memory metrics, on H2 and PostgreSQL. */
class SqlPushdownTest {
    private static final Schema S = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("status", FieldType.STRING), Field.optional("code", FieldType.STRING),
            Field.optional("price", FieldType.DOUBLE), Field.optional("qty", FieldType.LONG));

    @ParameterizedTest
    @EnumSource(Backend.class)
    void pushdown_equalsInMemory(Backend backend) {
        Random r = new Random(8);
        List<Row> rows = new ArrayList<>();
        String[] statuses = {"A", "B", "C", " ", null};
        for (int i = 0; i < 3000; i++) {
            rows.add(Row.of(S, (long) r.nextInt(2500), statuses[r.nextInt(statuses.length)],
                    r.nextInt(20) == 0 ? null : "c" + r.nextInt(20_000), r.nextInt(30) == 0 ? null
                            : r.nextGaussian() * 20 + 25, (long) r.nextInt(-3, 50)));
        }
        Suite base = Suite.of("push", Rules.complete("status"), Rules.between("price", 0, 50),
                Rules.nonNegative("price"), Rules.positive("qty"), Rules.inSet("status", Set.of("A", "B")),
                Rules.length("code", 1, 4, RuleOptions.strict()), Rules.rowCount(1, 10_000),
                Rules.meanBetween("price", 0, 100), Rules.stddevBetween("price", 0, 100),
                Rules.distinctCount("status", 0, 10, true), Rules.quantile("price", 0.9, 0, 100, true),
                Rules.unique("id"), Rules.unique("status", "code"));
        // counts, names and severities from a file are judged the same way in SQL
        List<Rule> all = new ArrayList<>(base.rules());
        all.addAll(SuiteFiles.readYaml("""
                name: file
                rules:
                  - {type: notNull, column: status, maxFailing: 700, name: few nulls}
                  - {type: notNull, column: status, maxFailing: 500, severity: WARNING, name: fewer nulls}
                  - {type: complete, column: status, mostly: 0.5, maxFailing: 1000, name: mostly complete}
                  - {type: rowCount, min: 5000, max: 9000, severity: WARNING, name: enough rows}
                  - {type: unique, columns: [id], severity: INFO, name: ids once}
                  - {type: unique, columns: [code], skipNulls: true, name: codes once}
                  - {type: unique, columns: [status, code], skipNulls: true, name: pairs once}
                """).rules());
        all.add(Rules.satisfies("custom", "id", x -> true, "never", RuleOptions.strict()));
        Suite suite = Suite.of("push", all);
        SuiteResult memory = suite.compile(S).run(rows);
        try (MarketStore store = backend.open()) {
            store.jdbi().useHandle(h -> h.execute("CREATE TABLE sales (id BIGINT NOT NULL, status VARCHAR(10), "
                    + "code VARCHAR(20), price DOUBLE PRECISION, qty BIGINT)"));
            Pipeline.from(Sources.of("rows", rows)).to(new Sink<Row>() {
                @Override
                public String name() {
                    return "sales";
                }

                @Override
                public void write(ChunkKey key, List<Row> chunk) {
                    store.jdbi().useHandle(h -> {
                        var batch = h.prepareBatch("INSERT INTO sales VALUES (?, ?, ?, ?, ?)");
                        for (Row x : chunk) {
                            batch.add(x.get(0), x.get(1), x.get(2), x.get(3), x.get(4));
                        }
                        batch.execute();
                    });
                }
            }).run();
            SuiteResult sql = SqlPushdown.run(suite, store, "sales");
            assertThat(memory.outcomes().stream().filter(o -> o instanceof RuleOutcome.Failed f
                    && f.severity() != Severity.ERROR).count()).isGreaterThanOrEqualTo(3);
            assertThat(sql.rows()).isEqualTo(memory.rows());
            for (int i = 0; i < suite.rules().size(); i++) {
                RuleOutcome a = memory.outcomes().get(i);
                RuleOutcome b = sql.outcomes().get(i);
                assertThat(b.getClass()).as(a.rule()).isEqualTo(a.getClass());
                assertThat(b.metric()).as(a.rule()).isCloseTo(a.metric(), offset(Math.abs(a.metric()) * 1e-9 + 1e-12));
                if (a instanceof RuleOutcome.Failed fa) {
                    assertThat(((RuleOutcome.Failed) b).failingRows()).as(a.rule()).isEqualTo(fa.failingRows());
                    assertThat(((RuleOutcome.Failed) b).severity()).as(a.rule()).isEqualTo(fa.severity());
                }
            }
            // a rule made from code runs in memory over the streamed table, and says so
            assertThat(sql.outcome("custom").message()).endsWith("(in memory: made from code)");
            assertThat(sql.outcome("few nulls").message()).endsWith("(in SQL)");
            RuleOutcome missing = SqlPushdown.run(Suite.of("x", Rules.complete("nope"), Rules.rowCount(0, 10_000)),
                    store, "sales").outcomes().get(0);
            assertThat(missing).isInstanceOf(RuleOutcome.Errored.class);
            assertThat(missing.message()).contains("no column 'nope'");
            assertThatThrownBy(() -> SqlPushdown.run(suite, store, "sales; drop table shgs"))
                    .hasMessageContaining("not a plain SQL identifier");
        }
    }
}
