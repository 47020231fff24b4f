package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.Rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteFilesTest {
    private static final Schema S = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("status", FieldType.STRING), Field.optional("price", FieldType.DECIMAL));
    private static final List<Row> ROWS = List.of(Row.of(S, 1L, "PAID", new BigDecimal("3.00")),
            Row.of(S, 2L, "paid", new BigDecimal("-1.00")), Row.of(S, 2L, null, null));

    private static Suite javaSuite() {
        return Suite.of("orders", Rules.complete("status", new RuleOptions(0.5, 0.2, Severity.WARNING)),
                Rules.inSet("status", Set.of("PAID", "PENDING")), Rules.between("price", 0, 100, false,
                        RuleOptions.strict()), Rules.nonNegative("price"), Rules.matches("status", "[A-Z]+"),
                Rules.unique("id"), Rules.primaryKey("id", "status"), Rules.compare("id", "<=", "price"), Rules.rowCount(1, 10), Rules.meanBetween("price", 0, 5));
    }

    @Test
    void javaSuite_roundTripsThroughYamlAndJson_withTheSameResults() {
        Suite original = javaSuite();
        String yaml = SuiteFiles.writeYaml(original);
        assertThat(yaml).contains("name: \"orders\"", "type: \"inSet\"", "- \"PENDING\"");
        Suite fromYaml = SuiteFiles.readYaml(yaml);
        assertThat(SuiteFiles.writeYaml(fromYaml)).isEqualTo(yaml);
        Suite fromJson = SuiteFiles.readJson(SuiteFiles.writeJson(original));
        SuiteResult a = original.compile(S).run(ROWS);
        assertThat(fromYaml.compile(S).run(ROWS)).isEqualTo(a);
        assertThat(fromJson.compile(S).run(ROWS)).isEqualTo(a);
    }

    @Test
    void handWrittenYaml_isRead() {
        Suite s = SuiteFiles.readYaml("""
                name: orders
                rules:
                  - type: complete
                    column: status
                    mostly: 0.5
                  - type: inSet
                    column: status
                    values: [PAID]
                """);
        SuiteResult r = s.compile(S).run(ROWS);
        assertThat(r.outcome("complete(status)")).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(r.outcome("inSet(status)").message()).contains("'paid' ×1");
    }

    @Test
    void malformedFiles_nameThePlaceOfTheError() {
        assertThatThrownBy(() -> SuiteFiles.readYaml("name: x\nrules:\n  - type: complet\n    column: a\n"))
                .hasMessageContaining("rules[0].type").hasMessageContaining("'complet'");
        assertThatThrownBy(() -> SuiteFiles.readYaml("name: x\nrules:\n  - type: inSet\n    column: a\n"))
                .hasMessageContaining("rules[0].values: missing");
        assertThatThrownBy(() -> SuiteFiles.readYaml("name: x\nrules:\n  - type: between\n    column: a\n"
                + "    min: 1\n    maks: 3\n")).hasMessageContaining("rules[0]").hasMessageContaining("maks");
        assertThatThrownBy(() -> SuiteFiles.readYaml("name: x\nrules:\n  - type: matches\n    column: a\n"
                + "    pattern: '[a-'\n")).hasMessageContaining("rules[0].pattern");
        assertThatThrownBy(() -> SuiteFiles.readYaml("name: x\nrules:\n  - type: between\n    column: a\n"
                + "    min: 5\n    max: 1\n")).hasMessageContaining("rules[0]").hasMessageContaining("min <= max");
        assertThatThrownBy(() -> SuiteFiles.readYaml("name: x\nrules:\n  - type: compare\n    columns: [a, b]\n"
                + "    values: ['=<']\n")).hasMessageContaining("rules[0].values: compare needs one operator");
        assertThatThrownBy(() -> SuiteFiles.readYaml("name: x\nrules:\n  - type: compare\n    columns: [a]\n"
                + "    values: ['<']\n")).hasMessageContaining("rules[0].columns: compare needs two columns");
        assertThatThrownBy(() -> SuiteFiles.readYaml("rules: []\n")).hasMessageContaining("name: missing");
        assertThatThrownBy(() -> SuiteFiles.readYaml("name: [unclosed\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SuiteFiles.writeYaml(Suite.of("p", Rules.satisfies("p", "id", r -> true, "x",
                RuleOptions.strict())))).hasMessageContaining("made from code");
    }
}
