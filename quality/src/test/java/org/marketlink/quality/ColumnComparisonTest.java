package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Violation;
import org.marketlink.quality.rules.Rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnComparisonTest {
    private static final Schema S = Schema.of(Field.optional("ordered", FieldType.DATE),
            Field.optional("delivered", FieldType.DATE), Field.optional("min_qty", FieldType.LONG),
            Field.optional("max_qty", FieldType.DECIMAL), Field.optional("note", FieldType.STRING));
    private static final LocalDate D = LocalDate.of(2026, 3, 1);

    private static final List<Row> ROWS = List.of(
            Row.of(S, D, D.plusDays(2), 5L, new BigDecimal("5.0"), "a"),
            Row.of(S, D, D.minusDays(1), 6L, new BigDecimal("5.5"), "b"),
            Row.of(S, D, null, null, new BigDecimal("1"), "c"),
            Row.of(S, D, D, 2L, new BigDecimal("2.00"), "d"));

    @Test
    void dates_failingRowsAreCountedAndNamed() {
        Suite.Compiled c = Suite.of("c", Rules.compare("delivered", ">=", "ordered")).compile(S);
        RuleOutcome.Failed f = (RuleOutcome.Failed) c.run(ROWS).outcomes().get(0);
        assertThat(f.failingRows()).isEqualTo(1);
        assertThat(f.message()).contains("2026-02-28 vs ordered 2026-03-01").contains("breaks delivered >= ordered");
        List<Violation> v = c.violations(ROWS.get(1));
        assertThat(v).singleElement().satisfies(x -> assertThat(x.code()).isEqualTo("COMPARE"));
        assertThat(c.violations(ROWS.get(2))).as("an empty side passes").isEmpty();
    }

    @Test
    void longAgainstDecimal_comparesByValue() {
        RuleOutcome le = Suite.of("c", Rules.compare("min_qty", "<=", "max_qty")).compile(S).run(ROWS).outcomes().get(0);
        assertThat(((RuleOutcome.Failed) le).failingRows()).isEqualTo(1);
        RuleOutcome eq = Suite.of("c", Rules.compare("min_qty", "==", "max_qty")).compile(S).run(ROWS).outcomes().get(0);
        assertThat(((RuleOutcome.Failed) eq).failingRows()).as("5 == 5.0 and 2 == 2.00 by value").isEqualTo(1);
        for (String op : List.of("<", "!=", ">", ">=")) {
            long failing = Suite.of("c", Rules.compare("min_qty", op, "max_qty")).compile(S).run(ROWS).outcomes()
                    .get(0) instanceof RuleOutcome.Failed f ? f.failingRows() : 0;
            long expected = switch (op) {
                case "<" -> 3;
                case "!=" -> 2;
                case ">" -> 2;
                default -> 0;
            };
            assertThat(failing).as(op).isEqualTo(expected);
        }
    }

    @Test
    void mismatchedTypesAndBadOperators_areClearErrors() {
        assertThatThrownBy(() -> Suite.of("c", Rules.compare("note", "<", "ordered")).compile(S))
                .hasMessageContaining("cannot compare note (STRING) with ordered (DATE)");
        assertThatThrownBy(() -> Rules.compare("min_qty", "=<", "max_qty"))
                .hasMessageContaining("one of <, <=, ==, !=, >=, >; was '=<'");
    }
}
