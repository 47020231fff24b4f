package org.marketlink.store.governance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.store.Backend;
import org.marketlink.store.MarketStore;

import java.math.BigDecimal;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaRegistryTest {
    static final Schema V1 = Schema.of(Field.required("id", FieldType.STRING), Field.required("qty", FieldType.LONG),
            Field.optional("note", FieldType.STRING));

    @ParameterizedTest
    @EnumSource(Backend.class)
    void compatibleVersionsAreRegisteredAndBreakingOnesRefusedNamingEachField(Backend backend) {
        try (MarketStore store = backend.open()) {
            SchemaRegistry registry = SchemaRegistry.of(store, SchemaRegistry.Mode.FULL, Clock.systemUTC());
            assertThat(registry.register("orders", V1)).isEqualTo(1);
            assertThat(registry.register("orders", V1)).isEqualTo(1); // the same again: no new version
            Schema v2 = Schema.of(Field.required("id", FieldType.STRING), Field.required("qty", FieldType.LONG),
                    Field.optional("note", FieldType.STRING), Field.optional("channel", FieldType.STRING));
            assertThat(registry.register("orders", v2)).isEqualTo(2);
            assertThat(registry.latest("orders").orElseThrow().schema()).isEqualTo(v2);
            assertThat(registry.version("orders", 1).orElseThrow().schema()).isEqualTo(V1);

            Schema breaking = Schema.of(Field.required("id", FieldType.LONG), Field.optional("note", FieldType.STRING),
                    Field.optional("channel", FieldType.STRING), Field.required("region", FieldType.STRING));
            assertThatThrownBy(() -> registry.register("orders", breaking))
                    .isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining("field 'id' changed type from STRING to LONG")
                    .hasMessageContaining("required field 'qty' was removed")
                    .hasMessageContaining("field 'region' is new and required")
                    .satisfies(e -> assertThat(((IncompatibleSchemaException) e).breaking()).hasSize(3));
            assertThat(registry.latest("orders").orElseThrow().version()).isEqualTo(2);
            assertThat(registry.latest("unknown")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = "H2")
    void modesAndReadingOldRows(Backend backend) {
        Schema widened = Schema.of(Field.required("id", FieldType.STRING), Field.required("qty", FieldType.DECIMAL),
                Field.optional("note", FieldType.STRING), Field.optional("channel", FieldType.STRING));
        SchemaCompatibility c = SchemaCompatibility.of(V1, widened);
        assertThat(c.backward()).isTrue();
        assertThat(c.forward()).isFalse();
        Row old = Row.of(V1, "o-1", 5L, null);
        Row read = SchemaRegistry.upgrade(old, widened);
        assertThat(read.get("qty")).isEqualTo(BigDecimal.valueOf(5));
        assertThat(read.get("channel")).isNull();
        assertThat(read.get("id")).isEqualTo("o-1");
        try (MarketStore store = backend.open()) {
            SchemaRegistry backwardOnly = SchemaRegistry.of(store, SchemaRegistry.Mode.BACKWARD, Clock.systemUTC());
            backwardOnly.register("orders", V1);
            assertThat(backwardOnly.register("orders", widened)).isEqualTo(2);
            Schema dropNote = Schema.of(Field.required("id", FieldType.STRING), Field.required("qty", FieldType.DECIMAL));
            assertThat(backwardOnly.register("orders", dropNote)).isEqualTo(3); // dropping optional fields is fine
        }
        Schema required = Schema.of(Field.required("id", FieldType.STRING), Field.required("qty", FieldType.LONG),
                Field.required("note", FieldType.STRING));
        assertThatThrownBy(() -> SchemaRegistry.upgrade(old, required)).hasMessageContaining("'note' became required");
    }
}
