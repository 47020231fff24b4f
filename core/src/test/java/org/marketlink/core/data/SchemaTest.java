package org.marketlink.core.data;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Match;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaTest {

    @Test
    void of_record_derivesTypesOnce() {
        Schema s = Schema.of(MarketData.class);
        assertThat(s.names()).containsExactly("productId", "observedAt", "price", "demandSignal", "competitorCount",
                "availabilityIndex", "trend", "source");
        assertThat(s.field(s.indexOf("price")).type()).isEqualTo(FieldType.DECIMAL);
        assertThat(s.field(s.indexOf("observedAt")).type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(s.field(s.indexOf("demandSignal"))).isEqualTo(Field.required("demandSignal", FieldType.DOUBLE));
        assertThat(s.field(s.indexOf("competitorCount")).type()).isEqualTo(FieldType.LONG);
        assertThat(s.field(s.indexOf("trend")).type()).isEqualTo(FieldType.STRING);
        assertThat(Schema.of(MarketData.class)).isSameAs(s);
        Schema m = Schema.of(Match.class);
        assertThat(m.field(m.indexOf("productId"))).isEqualTo(Field.optional("productId", FieldType.STRING));
        assertThat(m.field(m.indexOf("metadata")).type()).isEqualTo(FieldType.JSON);
    }

    @Test
    void indexOf_unknownField_namesKnownFields() {
        Schema s = Schema.of(Field.required("a", FieldType.LONG), Field.optional("b", FieldType.STRING));
        assertThatThrownBy(() -> s.indexOf("c")).hasMessageContaining("'c'").hasMessageContaining("[a, b]");
        assertThatThrownBy(() -> Schema.of(Field.required("a", FieldType.LONG), Field.required("a", FieldType.LONG)))
                .hasMessageContaining("twice");
    }

    @Test
    void row_checksTypesAndRequiredFields() {
        Schema s = Schema.of(Field.required("n", FieldType.LONG), Field.optional("p", FieldType.DECIMAL),
                Field.optional("d", FieldType.DATE), Field.optional("x", FieldType.DOUBLE));
        Row r = Row.of(s, 5, new BigDecimal("1.50"), LocalDate.of(2026, 1, 1), null);
        assertThat(r.getLong(0)).isEqualTo(5L);
        assertThat(r.get("p")).isEqualTo(new BigDecimal("1.50"));
        assertThat(r.getDouble(3)).isNaN();
        assertThat(r.with(0, 6L).getLong(0)).isEqualTo(6L);
        assertThatThrownBy(() -> Row.of(s, null, null, null, null)).hasMessageContaining("'n'")
                .hasMessageContaining("required");
        assertThatThrownBy(() -> Row.of(s, "five", null, null, null)).hasMessageContaining("'n'")
                .hasMessageContaining("'five'");
        assertThatThrownBy(() -> Row.of(s, 1L)).hasMessageContaining("expected 4 values");
    }
}
