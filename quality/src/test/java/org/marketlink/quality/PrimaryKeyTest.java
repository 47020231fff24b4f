package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.rules.Rules;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrimaryKeyTest {
    private static final Schema S = Schema.of(Field.optional("shg", FieldType.STRING),
            Field.optional("product", FieldType.LONG));

    private static RuleOutcome check(List<Row> rows) {
        return Suite.of("pk", Rules.primaryKey("shg", "product")).compile(S).run(rows).outcome("primaryKey(shg,product)");
    }

    @Test
    void distinctPresentKeys_pass() {
        RuleOutcome o = check(List.of(Row.of(S, "a", 1L), Row.of(S, "a", 2L), Row.of(S, "b", 1L)));
        assertThat(o).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(o.metric()).isEqualTo(1.0);
    }

    @Test
    void emptyKeysAndDuplicates_areCountedSeparately() {
        RuleOutcome o = check(List.of(Row.of(S, "a", 1L), Row.of(S, "a", 1L), Row.of(S, "a", 1L),
                Row.of(S, null, 1L), Row.of(S, " ", 2L), Row.of(S, "b", null), Row.of(S, "b", 1L), Row.of(S, "c", 9L)));
        assertThat(o).isInstanceOf(RuleOutcome.Failed.class);
        RuleOutcome.Failed f = (RuleOutcome.Failed) o;
        assertThat(f.failingRows()).isEqualTo(3 + 2);
        assertThat(f.metric()).isEqualTo(3.0 / 8);
        assertThat(f.message()).startsWith("3 rows with an empty key; 2 duplicate rows");
        assertThat(f.topValues()).extracting(RuleOutcome.ValueCount::count).containsExactly(3L);
    }

    @Test
    void chunksMerge_toTheWholeResult() {
        List<Row> rows = List.of(Row.of(S, "a", 1L), Row.of(S, null, 1L), Row.of(S, "a", 1L), Row.of(S, "b", 2L));
        Suite.Compiled c = Suite.of("pk", Rules.primaryKey("shg", "product")).compile(S);
        Suite.State left = c.newState();
        Suite.State right = c.newState();
        rows.subList(0, 2).forEach(left::accept);
        rows.subList(2, 4).forEach(right::accept);
        RuleOutcome merged = left.merge(right).result().outcomes().get(0);
        assertThat(merged).isEqualTo(c.run(rows).outcomes().get(0));
        assertThat(((RuleOutcome.Failed) merged).failingRows()).isEqualTo(2);
    }

    @Test
    void noColumns_isAnError() {
        assertThatThrownBy(Rules::primaryKey).hasMessageContaining("at least one column");
    }
}
