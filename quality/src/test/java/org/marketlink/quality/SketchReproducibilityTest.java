package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.rules.Rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sketch rules give the same estimate on every run over the same rows: by rows, by column batches, and merged from
 * the same parts. (DataSketches' KLL, used before, drew its coins from one unseeded generator per JVM, so a second
 * run in the same JVM gave another median.)
 */
class SketchReproducibilityTest {
    private static final Schema S = Schema.of(Field.optional("price", FieldType.DOUBLE),
            Field.optional("id", FieldType.LONG));

    @Test
    void quantilesAndDistinctCounts_areTheSameOnEveryRun() {
        Random r = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            rows.add(Row.of(S, Math.exp(r.nextGaussian()), (long) r.nextInt(1 << 30)));
        }
        Suite suite = Suite.of("sketches", List.of(Rules.quantile("price", 0.5, 0, 100, false),
                Rules.quantile("price", 0.99, 0, 100, false), Rules.distinctCount("id", 0, 1_000_000_000L, false)));
        Suite.Compiled compiled = suite.compile(S);
        List<Double> first = metrics(compiled.run(rows));
        for (int run = 0; run < 3; run++) {
            assertThat(metrics(suite.compile(S).run(rows))).as("run " + run).isEqualTo(first);
        }
        // column batches of 2048 rows reach the same sketch state as rows one by one
        Suite.State columns = compiled.newState();
        for (int i = 0; i < rows.size(); i += 2048) {
            columns.accept(ColumnBatch.of(S, rows.subList(i, Math.min(rows.size(), i + 2048))));
        }
        assertThat(metrics(columns.result())).isEqualTo(first);
        // four parts merged in order, twice: one estimate
        List<Double> merged = metricsOfParts(compiled, rows);
        assertThat(metricsOfParts(compiled, rows)).isEqualTo(merged);
    }

    private static List<Double> metricsOfParts(Suite.Compiled compiled, List<Row> rows) {
        Suite.State all = compiled.newState();
        int part = rows.size() / 4;
        for (int p = 0; p < 4; p++) {
            Suite.State s = compiled.newState();
            rows.subList(p * part, (p + 1) * part).forEach(s::accept);
            all.merge(s);
        }
        return metrics(all.result());
    }

    private static List<Double> metrics(SuiteResult result) {
        return result.outcomes().stream().map(RuleOutcome::metric).toList();
    }
}
