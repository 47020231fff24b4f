package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Violation;
import org.marketlink.quality.drift.ReferenceProfile;
import org.marketlink.quality.rules.BoundRule;
import org.marketlink.quality.rules.References;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.RuleKind;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.RuleSpec;
import org.marketlink.quality.rules.Rules;
import org.marketlink.quality.sql.KnownDialect;
import org.marketlink.quality.sql.SqlContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each rule kind has one name, in files, outcomes and reason codes, and one definition of its parameters. */
class RuleKindTest {
    private static final Schema S = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("status", FieldType.STRING), Field.optional("price", FieldType.DOUBLE),
            Field.optional("qty", FieldType.STRING), Field.optional("note", FieldType.STRING),
            Field.optional("seen", FieldType.TIMESTAMP));
    /** A row that fails every row-level kind sampled below. */
    private static final Row BAD = Row.of(S, 7L, "", -3.0, "x", null, Instant.parse("2001-01-01T00:00:00Z"));

    /** A minimal spec of every kind a suite file can hold; a new kind must be added here. */
    private static RuleSpec sample(RuleKind k) {
        String t = k.word();
        return switch (k) {
            case COMPLETE -> spec(t, "status", null, null, null, null, null, null, null);
            case NOT_NULL -> spec(t, "note", null, null, null, null, null, null, null);
            case BETWEEN -> spec(t, "price", null, 0.0, 10.0, null, null, null, null);
            case NON_NEGATIVE, POSITIVE -> spec(t, "price", null, null, null, null, null, null, null);
            case IN_SET -> spec(t, "status", null, null, null, List.of("PAID"), null, null, null);
            case MATCHES -> spec(t, "status", null, null, null, null, "[A-Z]+", null, null);
            case PARSES_AS -> spec(t, "qty", null, null, null, List.of("LONG"), null, null, null);
            case LENGTH -> spec(t, "status", null, 1.0, 5.0, null, null, null, null);
            case COMPARE -> spec(t, null, List.of("price", "id"), null, null, List.of(">="), null, null, null);
            case UNIQUE, PRIMARY_KEY -> spec(t, null, List.of("id"), null, null, null, null, null, null);
            case UNIQUENESS_BETWEEN -> spec(t, null, List.of("id"), 0.5, 1.0, null, null, null, null);
            case ROW_COUNT -> spec(t, null, null, 1.0, 10.0, null, null, null, null);
            case FRESHNESS -> spec(t, "seen", null, null, null, null, null, null, null).withMaxAge("1d");
            case TIME_BETWEEN -> spec(t, "seen", null, null, null, null, null, null, null).withTo("2000-12-31");
            case COLUMN_EXISTS -> spec(t, "status", null, null, null, null, null, null, null);
            case MEAN_BETWEEN, STDDEV_BETWEEN, POPULATION_STDDEV_BETWEEN, MIN_BETWEEN, MAX_BETWEEN, DISTINCT_COUNT -> spec(t, "price", null, 0.0, 10.0, null, null, null,
                    null);
            case QUANTILE -> spec(t, "price", null, 0.0, 10.0, null, null, 0.5, null);
            case REFERENCES -> spec(t, "status", null, null, null, null, null, null, null)
                    .withReference("statuses.status");
            case KS_DRIFT -> spec(t, "price", null, null, 0.1, null, null, null, null).withReference("last-month");
            case PSI_DRIFT -> spec(t, "status", null, null, 0.25, null, null, null, null).withReference("last-month");
            case CHI_SQUARE_DRIFT -> spec(t, "status", null, 0.01, null, null, null, null, null)
                    .withReference("last-month");
            default -> throw new AssertionError("no sample spec for " + k);
        };
    }

    /** What the references and drift samples compare with: keys of a dataset and a profile of last month's rows. */
    private static final References REFS = References.of(Map.of("statuses.status", Set.of("PAID", "OPEN")),
            List.of(lastMonth()));

    private static ReferenceProfile lastMonth() {
        ReferenceProfile.Builder b = ReferenceProfile.builder("last-month", S);
        for (int i = 0; i < 40; i++) {
            b.accept(Row.of(S, (long) i, i % 2 == 0 ? "PAID" : "OPEN", 1.0 + i % 9, null, null, null));
        }
        return b.build();
    }

    private static RuleSpec spec(String type, String column, List<String> columns, Double min, Double max,
                                 List<String> values, String pattern, Double q, Boolean exact) {
        return new RuleSpec(type, null, column, columns, min, max, null, values, pattern, null, null, null, null, q, exact,
                null, null, null, null);
    }

    @Test
    void everyKindInFiles_isNamedByItsWord_inTheFileTheOutcomeAndTheReasonCode() {
        List<Rule> rules = new ArrayList<>();
        for (RuleKind k : RuleKind.values()) {
            if (!k.inFiles()) {
                continue;
            }
            assertThat(RuleKind.ofWord(k.word())).isEqualTo(k);
            assertThat(k.code()).isEqualTo(k.name());
            Rule r = sample(k).toRule("rules[0]", REFS);
            assertThat(r.name()).as(k.name()).startsWith(k.word());
            assertThat(r.spec().orElseThrow().type()).isEqualTo(k.word());
            assertThat(r.spec().orElseThrow().kind()).isEqualTo(k);
            BoundRule bound = r.bind(S);
            assertThat(bound.rowLevel()).as(k.name()).isEqualTo(k.rowLevel());
            if (k.rowLevel()) {
                Violation v = bound.check(BAD);
                assertThat(v).as(k.name() + " fails the bad row").isNotNull();
                assertThat(v.code()).isEqualTo(k.code());
            }
            rules.add(r);
        }
        // the whole catalogue goes through a file and comes back the same
        Suite suite = Suite.of("all", rules);
        Suite back = SuiteFiles.readYaml(SuiteFiles.writeYaml(suite), REFS);
        assertThat(back.rules()).extracting(Rule::name).containsExactlyElementsOf(rules.stream().map(Rule::name)
                .toList());
        // a freshness age is measured when the outcome is made, a second apart: its kind of outcome must agree
        List<RuleOutcome> a = suite.compile(S).run(List.of(BAD)).outcomes();
        List<RuleOutcome> b = back.compile(S).run(List.of(BAD)).outcomes();
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).rule().startsWith("freshness")) {
                assertThat(b.get(i)).isInstanceOf(a.get(i).getClass());
            } else {
                assertThat(b.get(i)).isEqualTo(a.get(i));
            }
        }
    }

    /** The catalogue as the README shows it: one line per kind a file can hold, generated from the kinds. */
    static String catalogueTable() {
        StringBuilder b = new StringBuilder("| `type` | judges | SQL pushdown | needs | may also take |\n"
                + "|---|---|---|---|---|\n");
        for (RuleKind k : RuleKind.values()) {
            if (!k.inFiles()) {
                continue;
            }
            List<String> optional = new ArrayList<>();
            k.optional().forEach(p -> optional.add(p.word()));
            b.append("| `").append(k.word()).append("` | ").append(k.rowLevel() ? "each row" : "the dataset")
                    .append(" | ").append(k.sqlForm() == RuleKind.SqlForm.NONE ? "no" : "yes").append(" | ")
                    .append(String.join(", ", k.required().stream().map(RuleKind.Parameter::word).toList()))
                    .append(" | ").append(String.join(", ", optional)).append(" |\n");
        }
        return b.toString();
    }

    @Test
    void readme_listsEveryKindWithWhatItJudges() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).as("README's rule table, regenerate from RuleKindTest.catalogueTable()")
                .contains(catalogueTable());
    }

    @Test
    void codeOnlyKinds_nameTheirRulesToo_andAreRefusedInFiles() {
        assertThat(Rules.references("status", Set.of("PAID"), "statuses", RuleOptions.strict()).bind(S)
                .check(BAD).code()).isEqualTo(RuleKind.REFERENCES.code());
        assertThat(Rules.satisfies("odd", "id", r -> false, "odd", RuleOptions.strict()).bind(S).check(BAD).code())
                .isEqualTo("SATISFIES");
        for (RuleKind k : RuleKind.values()) {
            if (!k.inFiles()) {
                assertThatThrownBy(() -> RuleKind.ofWord(k.word())).hasMessageContaining("unknown rule '"
                        + k.word() + "'");
            }
        }
    }

    @Test
    void parameters_missingOrForeign_areNamedWithTheirPath() {
        assertThatThrownBy(() -> spec("between", "price", null, 0.0, null, null, null, null, null).toRule("rules[3]"))
                .hasMessage("rules[3].max: missing");
        assertThatThrownBy(() -> spec("rowCount", null, null, 0.0, 1.0, null, "x+", null, null).toRule("rules[1]"))
                .hasMessageStartingWith("rules[1].pattern: not a parameter of rowCount");
        assertThatThrownBy(() -> spec("range", "price", null, 0.0, 1.0, null, null, null, null).toRule("rules[0]"))
                .hasMessageStartingWith("rules[0].type: unknown rule 'range'; known: complete, notNull, between");
        assertThatThrownBy(() -> spec("parsesAs", "qty", null, null, null, List.of("NUMBER"), null, null, null)
                .toRule("rules[0]")).hasMessageStartingWith("rules[0].values: 'NUMBER' is not a type");
    }

    @Test
    void sqlForms_areGivenOnlyWhereTheKindHasOne() {
        for (RuleKind k : RuleKind.values()) {
            if (!k.inFiles()) {
                assertThat(k.sqlForm()).isEqualTo(RuleKind.SqlForm.NONE);
                continue;
            }
            String sql = k.sql(sample(k), context());
            if (k.sqlForm() == RuleKind.SqlForm.NONE) {
                assertThat(sql).as(k.name()).isNull();
            } else if (k != RuleKind.QUANTILE && k != RuleKind.DISTINCT_COUNT) {
                // values travel as parameters, never inside the SQL text
                assertThat(sql).as(k.name()).isNotBlank().doesNotContain("PAID", "10.0");
            }
        }
        // an estimated quantile stays in memory; an exact one has its SQL form, over the finite values only
        RuleSpec exact = spec("quantile", "price", null, 0.0, 10.0, null, null, 0.5, true);
        assertThat(RuleKind.QUANTILE.sql(sample(RuleKind.QUANTILE), context())).isNull();
        SqlContext sql = context();
        assertThat(RuleKind.QUANTILE.sql(exact, sql)).contains("PERCENTILE_DISC(0.5)");
        assertThat(sql.parameters()).containsExactly(-Double.MAX_VALUE, Double.MAX_VALUE);
        // a rule on a column of another type, or one the table lacks, says which column
        assertThatThrownBy(() -> RuleKind.BETWEEN.sql(spec("between", "status", null, 0.0, 1.0, null, null, null,
                null), context())).hasMessage("column 'status' must be numeric, is STRING");
        assertThatThrownBy(() -> RuleKind.NOT_NULL.sql(spec("notNull", "nope", null, null, null, null, null, null,
                null), context())).hasMessage("the table has no column 'nope'");
    }

    private static SqlContext context() {
        return SqlContext.of(KnownDialect.POSTGRESQL, Map.of("status", FieldType.STRING, "note", FieldType.STRING,
                "price", FieldType.DOUBLE, "qty", FieldType.LONG, "id", FieldType.LONG, "seen", FieldType.TIMESTAMP));
    }

    @Test
    void parsesAs_readsCellsAsTheReadersDo() {
        Schema text = Schema.of(Field.optional("flag", FieldType.STRING));
        BoundRule bool = Rules.parsesAs("flag", FieldType.BOOLEAN, RuleOptions.strict()).bind(text);
        for (String ok : List.of("true", "FALSE", "yes", "t", "0")) {
            assertThat(bool.check(Row.of(text, ok))).as(ok).isNull();
        }
        for (String bad : List.of("maybe", "2")) {
            assertThat(bool.check(Row.of(text, bad))).as(bad).isNotNull();
        }
        BoundRule number = Rules.parsesAs("flag", FieldType.DOUBLE, RuleOptions.strict()).bind(text);
        // Java's own parser takes these; a data file should not
        for (String bad : List.of("1.5d", "0x1p3", "NaN", "Infinity", "١٢")) {
            assertThat(number.check(Row.of(text, bad))).as(bad).isNotNull();
        }
        assertThat(number.check(Row.of(text, " -2.5e3 "))).isNull();
    }
}
