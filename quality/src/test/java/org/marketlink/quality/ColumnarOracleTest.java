package org.marketlink.quality;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.CsvOptions;
import org.marketlink.core.io.CsvSource;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.Rules;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The columnar engine ({@link Suite.State#accept(ColumnBatch)}) against its oracle, the row path: on random rows
 * (nulls, NaN, ±0, infinities, extremes, blank text, personal data, decimals) cut into batches of random sizes
 * (1, word boundaries, large), text with few distinct values (dictionary-encoded) and with many (held inline as
 * UTF-8 bytes), every outcome (metric, message, failing rows, top values, samples) and the suite's
 * row score are the same.
 */
class ColumnarOracleTest {
    private static final Schema S = Schema.of(Field.optional("id", FieldType.LONG),
            Field.optional("n", FieldType.LONG), Field.optional("d", FieldType.DOUBLE),
            Field.optional("s", FieldType.STRING), Field.optional("email", FieldType.STRING).asPersonal(),
            Field.optional("amount", FieldType.DECIMAL), Field.optional("code", FieldType.STRING));
    private static final String[] TEXT = {"a", "b", "C12", "C9x", "", " ", "\t", "Zoë", "🍅", "PAID", "NEW",
        "\u2003", "\u00A0", "\u001F"};

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void columnBatches_giveTheRowPathsResult(int seed) {
        Random r = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(Row.of(S, r.nextInt(30) == 0 ? null : (long) r.nextInt(2500),
                    r.nextInt(20) == 0 ? null : (long) r.nextInt(-5, 60), number(r),
                    r.nextInt(15) == 0 ? null : text(r, seed),
                    r.nextInt(10) == 0 ? null : "u" + r.nextInt(50) + "@x.org",
                    r.nextInt(10) == 0 ? null : BigDecimal.valueOf(r.nextInt(-100, 1000), 2),
                    r.nextInt(15) == 0 ? null : text(r, seed)));
        }
        Suite suite = suite();
        Suite.Compiled compiled = suite.compile(S);
        SuiteResult byRow = compiled.run(rows);

        Suite.State state = compiled.newState();
        boolean inlineLarge = false;
        int at = 0;
        while (at < rows.size()) {
            int size = Math.min(rows.size() - at, switch (r.nextInt(5)) {
                case 0 -> 1;
                case 1 -> 64;
                case 2 -> 65;
                case 3 -> r.nextInt(1, 200);
                default -> 1024;
            });
            ColumnBatch batch = ColumnBatch.of(S, rows.subList(at, at + size));
            inlineLarge |= size >= 64 && batch.inline(3);
            state.accept(batch);
            at += size;
        }
        assertThat(inlineLarge).as("text held inline in large batches").isEqualTo(seed % 2 == 0);
        SuiteResult byColumn = state.result();
        assertThat(byColumn.outcomes()).containsExactlyElementsOf(byRow.outcomes());
        assertThat(byColumn.levels()).isEqualTo(byRow.levels());
        assertThat(byRow.level("complete(s)")).contains(SuiteResult.Level.ROW);
        assertThat(byRow.level("rowCount")).contains(SuiteResult.Level.DATASET);
        assertThat(byRow.level(ScoreThreshold.RULE_NAME)).contains(SuiteResult.Level.DATASET);
        assertThat(byColumn.rowsFailingAny()).isEqualTo(byRow.rowsFailingAny()).isPositive();
        assertThat(byColumn.rows()).isEqualTo(rows.size());
        assertThat(byRow.outcomes().stream().filter(o -> o instanceof RuleOutcome.Failed).count())
                .isGreaterThan(10);
    }

    private static Suite suite() {
        List<Rule> rules = List.of(Rules.complete("s"), Rules.complete("d"), Rules.complete("email"),
                Rules.between("d", 0, 50), Rules.between("n", 0, 40), Rules.nonNegative("d"),
                Rules.positive("n"), Rules.nonNegative("amount"), Rules.inSet("s", Set.of("a", "b", "PAID")),
                Rules.inSet("n", Set.of("1", "2")), Rules.inSet("email", Set.of("u1@x.org")),
                Rules.matches("s", "C\\d+", RuleOptions.strict()), Rules.complete("code"),
                Rules.matches("code", "C\\d+", RuleOptions.strict()), Rules.length("s", 1, 2, RuleOptions.strict()),
                Rules.unique("id"), Rules.unique("s", "n"), Rules.uniquenessBetween(0.5, 1, "id"),
                Rules.uniquenessBetween(0, 1, "s", "n"), Rules.populationStddevBetween("d", 0, 30),
                Rules.rowCount(1, 10_000), Rules.meanBetween("d", 0, 30),
                Rules.meanBetween("n", 0, 30), Rules.meanBetween("amount", 0, 5), Rules.stddevBetween("d", 0, 30),
                Rules.quantile("d", 0.5, 0, 100, true), Rules.distinctCount("s", 0, 5, true),
                Rules.satisfies("odd", "n", row -> row.get(1) == null || (Long) row.get(1) % 2 != 0, "even",
                        RuleOptions.strict()));
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(SuiteFiles.readYaml("""
                name: file
                rules:
                  - {type: notNull, column: s, maxFailing: 100, severity: WARNING, name: few missing}
                  - {type: between, column: d, min: 10, max: 20, inclusive: false, mostly: 0.2, name: open}
                  - {type: between, column: n, min: 5, max: 30, inclusive: false, name: open n}
                  - {type: unique, columns: [id], severity: INFO, name: ids once}
                  - {type: minBetween, column: d, min: -1000, max: 1000}
                  - {type: maxBetween, column: n, min: 0, max: 10}
                  - {type: minBetween, column: amount, min: 0, max: 10}
                  - {type: distinctCount, column: n, min: 0, max: 100, name: hll n}
                  - {type: distinctCount, column: d, min: 0, max: 100, name: hll d}
                  - {type: distinctCount, column: s, min: 0, max: 100, name: hll s}
                """).rules());
        return Suite.of("oracle", all).withScoreThreshold(new ScoreThreshold(0.5, 0.5, Severity.WARNING));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 6})
    void aCsvFileReadAsColumns_givesTheRowPathsResult(int seed, @TempDir Path dir) throws IOException {
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder("id,n,d,s,email,amount,code\n");
        for (int i = 0; i < 5000; i++) {
            Double d = number(r);
            csv.append(r.nextInt(30) == 0 ? "" : String.valueOf(r.nextInt(2500))).append(',')
                    .append(r.nextInt(20) == 0 ? "" : String.valueOf(r.nextInt(-5, 60))).append(',')
                    .append(d == null ? "" : String.valueOf(d)).append(',')
                    .append(r.nextInt(15) == 0 ? "" : "\"" + TEXT[r.nextInt(TEXT.length)] + "\"").append(',')
                    .append(r.nextInt(10) == 0 ? "" : "u" + r.nextInt(50) + "@x.org").append(',')
                    .append(r.nextInt(10) == 0 ? "" : BigDecimal.valueOf(r.nextInt(-100, 1000), 2)).append(',')
                    .append(r.nextInt(15) == 0 ? "" : "\"" + text(r, seed) + "\"").append('\n');
        }
        CsvSource source = CsvSource.of(Files.writeString(dir.resolve("rows.csv"), csv), S, CsvOptions.defaults());
        List<Row> rows = new ArrayList<>();
        List<Rejection> rowRejections = new ArrayList<>();
        try (Cursor<Row> cursor = source.open()) {
            while (cursor.next((row, n) -> rows.add(row), rowRejections::add)) {
                // every record
            }
        }
        Suite.Compiled compiled = suite().compile(S);
        List<Rejection> columnRejections = new ArrayList<>();
        SuiteResult byColumn = compiled.runColumns(source, columnRejections::add);
        SuiteResult byRow = compiled.run(rows);
        assertThat(byColumn.outcomes()).containsExactlyElementsOf(byRow.outcomes());
        assertThat(byColumn.rowsFailingAny()).isEqualTo(byRow.rowsFailingAny());
        // NaN and infinities are not numbers a CSV cell may hold: those rows are quarantined, the same ones
        assertThat(columnRejections).isEqualTo(rowRejections).isNotEmpty();
        assertThat(byColumn.rows() + columnRejections.size()).isEqualTo(5000);
    }

    /**
     * A text value: one of a few (dictionary-encoded in batches) for odd seeds, one of many (held inline as UTF-8
     * bytes) for even ones.
     */
    private static String text(Random r, int seed) {
        String t = TEXT[r.nextInt(TEXT.length)];
        return seed % 2 == 1 || r.nextInt(3) == 0 ? t : t + r.nextInt(1000);
    }

    private static Double number(Random r) {
        int k = r.nextInt(100);
        if (k < 5) {
            return null;
        }
        return switch (k) {
            case 5, 6 -> Double.NaN;
            case 7 -> Double.POSITIVE_INFINITY;
            case 8 -> Double.NEGATIVE_INFINITY;
            case 9 -> -0.0;
            case 10 -> Double.MAX_VALUE;
            default -> Math.round(r.nextGaussian() * 20 + 25) / 4.0;
        };
    }
}
