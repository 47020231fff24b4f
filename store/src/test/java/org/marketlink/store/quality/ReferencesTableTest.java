package org.marketlink.store.quality;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.Rules;
import org.marketlink.store.Backend;
import org.marketlink.store.MarketStore;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Referential integrity against a database table: keys read once through {@link SqlPushdown#keys}. */
class ReferencesTableTest {
    private static final Schema S = Schema.of(Field.optional("product_id", FieldType.LONG),
            Field.optional("grade", FieldType.STRING));

    @ParameterizedTest
    @EnumSource(Backend.class)
    void danglingReferences_areCountedAgainstTheTable(Backend backend) {
        try (MarketStore store = backend.open()) {
            store.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE catalogue (id INTEGER NOT NULL, grade VARCHAR(5))");
                h.execute("INSERT INTO catalogue VALUES (1, 'A'), (2, 'B'), (3, NULL), (3, 'A')");
            });
            Set<Object> ids = SqlPushdown.keys(store, "catalogue", "id");
            assertThat(ids).as("INTEGER keys come back as Long, like row values").containsExactlyInAnyOrder(1L, 2L, 3L);
            assertThat(SqlPushdown.keys(store, "CATALOGUE", "grade")).containsExactlyInAnyOrder("A", "B");

            List<Row> rows = List.of(Row.of(S, 1L, "A"), Row.of(S, 4L, "C"), Row.of(S, 4L, "B"), Row.of(S, null, "A"),
                    Row.of(S, 3L, "Z"));
            SuiteResult r = Suite.of("refs",
                    Rules.references("product_id", ids, "catalogue.id", RuleOptions.strict()),
                    Rules.references("grade", SqlPushdown.keys(store, "catalogue", "grade"), "catalogue.grade",
                            RuleOptions.strict())).compile(S).run(rows);
            RuleOutcome.Failed byId = (RuleOutcome.Failed) r.outcomes().get(0);
            assertThat(byId.failingRows()).isEqualTo(2);
            assertThat(byId.message()).contains("'4' ×2").contains("not found in catalogue.id");
            assertThat(((RuleOutcome.Failed) r.outcomes().get(1)).failingRows()).isEqualTo(2);

            assertThatThrownBy(() -> SqlPushdown.keys(store, "catalogue", "price"))
                    .hasMessageContaining("has no column 'price'");
            assertThatThrownBy(() -> SqlPushdown.keys(store, "nothing_here", "id"))
                    .hasMessageContaining("no table 'nothing_here'");
            assertThatThrownBy(() -> SqlPushdown.keys(store, "catalogue; drop", "id"))
                    .hasMessageContaining("not a plain SQL identifier");
        }
    }
}
