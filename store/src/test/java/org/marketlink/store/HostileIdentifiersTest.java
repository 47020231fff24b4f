package org.marketlink.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.Suite;
import org.marketlink.quality.rules.Rules;
import org.marketlink.store.quality.SqlPushdown;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Table and column names a host hands the store are exact, plain ASCII names: no wildcards, no look-alikes. */
class HostileIdentifiersTest {
    private static final Schema SCHEMA = Schema.of(Field.required("id", FieldType.LONG));

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTableNameIsMatchedExactly_notAsAPattern(Backend backend) {
        try (MarketStore store = backend.open()) {
            // 'shg_' and '____' were LIKE patterns that matched the store's own 'shgs'
            for (String name : List.of("shg_", "____", "shg%")) {
                assertThatThrownBy(() -> store.tableSink(name, SCHEMA, List.of("id")))
                        .as(name).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> SqlPushdown.run(Suite.of("s", Rules.rowCount(0, 10)), store, name))
                        .as(name).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(SqlPushdown.run(Suite.of("s", Rules.rowCount(0, 10)), store, "shgs").rows()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLookAlikeIdentifier_isRefused(Backend backend) {
        try (MarketStore store = backend.open()) {
            // U+212A KELVIN SIGN lower-cases to an ASCII 'k'
            assertThatThrownBy(() -> store.tableSink("mar\u212Aet_data", SCHEMA, List.of("id")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain SQL identifier");
            assertThatThrownBy(() -> SqlPushdown.keys(store, "products", "\u212Aind"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
