package org.marketlink.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ChunkKey;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A decimal the column cannot keep exactly is refused by the sink, naming the row and the field; never rounded. */
class TableSinkDecimalsTest {
    private static final Schema SCHEMA = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("price", FieldType.DECIMAL), Field.optional("ratio", FieldType.DECIMAL));

    @ParameterizedTest
    @EnumSource(Backend.class)
    void moreDecimalPlacesThanTheColumnKeeps_isRefused_andExactValuesGoIn(Backend backend) {
        try (MarketStore store = backend.open()) {
            store.jdbi().useHandle(h -> h.execute(
                    "CREATE TABLE host_prices (id BIGINT PRIMARY KEY, price NUMERIC(10, 2), ratio NUMERIC)"));
            TableSink sink = store.tableSink("host_prices", SCHEMA, List.of("id"));
            ChunkKey key = new ChunkKey("run", 0, 1);
            sink.write(key, List.of(Row.of(SCHEMA, 1L, new BigDecimal("12.50"), new BigDecimal("0.005")),
                    Row.of(SCHEMA, 2L, new BigDecimal("3.100"), null)));
            assertThatThrownBy(() -> sink.write(new ChunkKey("run", 1, 3),
                    List.of(Row.of(SCHEMA, 3L, new BigDecimal("1.00"), null),
                            Row.of(SCHEMA, 4L, new BigDecimal("0.005"), null))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2 of chunk 1")
                    .hasMessageContaining("'price'").hasMessageContaining("would be rounded");
            List<String> stored = store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT CAST(price AS VARCHAR(20)) FROM host_prices ORDER BY id").mapTo(String.class).list());
            assertThat(stored).containsExactly("12.50", "3.10");
        }
    }
}
