package org.marketlink.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.StageReport;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A decimal the column cannot keep exactly is refused by the sink, naming the row and the field; never rounded. In a
 * pipeline, the sink's admission stage quarantines such a row, and text too long for its column, by reason.
 */
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

    @ParameterizedTest
    @EnumSource(Backend.class)
    void inAPipeline_aRowTheTableCannotHold_isQuarantinedByReason_andTheOthersAreWritten(Backend backend) {
        Schema schema = Schema.of(Field.required("id", FieldType.LONG), Field.optional("price", FieldType.DECIMAL),
                Field.optional("label", FieldType.STRING));
        try (MarketStore store = backend.open()) {
            store.jdbi().useHandle(h -> h.execute(
                    "CREATE TABLE host_labels (id BIGINT PRIMARY KEY, price NUMERIC(6, 2), label VARCHAR(10))"));
            TableSink sink = store.tableSink("host_labels", schema, List.of("id"));
            List<Row> rows = List.of(Row.of(schema, 1L, new BigDecimal("9999.99"), "ten chars!"),
                    Row.of(schema, 2L, new BigDecimal("10000.00"), "ok"), // six digits before the point: too many
                    Row.of(schema, 3L, new BigDecimal("1.005"), "ok"),
                    Row.of(schema, 4L, new BigDecimal("1.50"), "eleven char"),
                    Row.of(schema, 5L, null, "𝄞𝄞𝄞𝄞𝄞"), // five characters for PostgreSQL, ten for H2: both fit
                    Row.of(schema, 6L, BigDecimal.ONE, "nul\u0000"));
            Sinks.ListQuarantine quarantine = Sinks.quarantineList();
            RunReport run = Pipeline.from(Sources.of("labels", rows)).to(sink).quarantineTo(quarantine).run();
            assertThat(run.balanced()).isTrue();
            assertThat(run.rowsOut()).isEqualTo(2);
            assertThat(run.stages()).extracting(StageReport::name).containsExactly("fit for table host_labels");
            assertThat(quarantine.rejections()).extracting(Rejection::reasonCode, Rejection::column,
                    Rejection::rowNumber).containsExactly(tuple("NUMBER_TOO_LARGE", "price", 2L),
                    tuple("DECIMAL_PLACES", "price", 3L), tuple("TEXT_TOO_LONG", "label", 4L),
                    tuple("NUL_CHARACTER", "label", 6L));
            assertThat(quarantine.rejections().get(0).message()).isEqualTo("price: holds 10000.00, more digits before "
                    + "the point than column host_labels.price keeps (4)");
            assertThat(quarantine.rejections().get(2).message()).isEqualTo("label: holds 11 characters, more than "
                    + "column host_labels.label keeps (10)");
            List<Long> stored = store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM host_labels ORDER BY id")
                    .mapTo(Long.class).list());
            assertThat(stored).containsExactly(1L, 5L);
        }
    }

    @Test
    void aVarcharOfAMillionCharacters_keepsThem_andARowPastThatIsQuarantined() {
        Schema schema = Schema.of(Field.required("id", FieldType.LONG), Field.optional("note", FieldType.STRING));
        try (MarketStore store = Backend.H2.open()) {
            store.jdbi().useHandle(h -> h.execute("CREATE TABLE host_long (id BIGINT PRIMARY KEY, note VARCHAR(1000000))"));
            TableSink sink = store.tableSink("host_long", schema, List.of("id"));
            Sinks.ListQuarantine quarantine = Sinks.quarantineList();
            RunReport run = Pipeline.from(Sources.of("notes", List.of(Row.of(schema, 1L, "n".repeat(1_000_000)),
                    Row.of(schema, 2L, "n".repeat(1_000_001))))).to(sink).quarantineTo(quarantine).run();
            assertThat(run.balanced()).isTrue();
            assertThat(run.rowsOut()).isEqualTo(1);
            assertThat(quarantine.rejections()).extracting(Rejection::reasonCode).containsExactly("TEXT_TOO_LONG");
        }
    }
}
