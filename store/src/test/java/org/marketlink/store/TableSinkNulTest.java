package org.marketlink.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.CsvOptions;
import org.marketlink.core.io.CsvSource;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A NUL character (which PostgreSQL refuses for a whole batch) costs its row only: the readers quarantine it, and
 * the sink refuses a row made in code that holds one, by row and field, the same on both databases.
 */
class TableSinkNulTest {
    private static final Schema SCHEMA = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("note", FieldType.STRING));

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNulInAFile_isQuarantined_andEveryOtherRowIsWritten(Backend backend) throws IOException {
        Path file = Files.createTempFile("nul", ".csv");
        try (MarketStore store = backend.open()) {
            Files.writeString(file, "id,note\n1,a\n2,b\u0000c\n3,d\n");
            store.jdbi().useHandle(h -> h.execute("CREATE TABLE host_notes (id BIGINT PRIMARY KEY, note TEXT)"));
            TableSink sink = store.tableSink("host_notes", SCHEMA, List.of("id"));
            Sinks.ListQuarantine quarantine = Sinks.quarantineList();
            RunReport report = Pipeline.from(CsvSource.of(file, SCHEMA, CsvOptions.defaults())).to(sink)
                    .quarantineTo(quarantine).run();
            assertThat(report.balanced()).isTrue();
            assertThat(quarantine.rejections()).singleElement().satisfies(r -> assertThat(r.column())
                    .isEqualTo("note"));
            List<Long> ids = store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM host_notes ORDER BY id")
                    .mapTo(Long.class).list());
            assertThat(ids).containsExactly(1L, 3L);

            assertThatThrownBy(() -> sink.write(new ChunkKey("run", 5, 10), List.of(Row.of(SCHEMA, 9L, "ok"),
                    Row.of(SCHEMA, 10L, "x\u0000y")))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("row 2 of chunk 5").hasMessageContaining("'note'")
                    .hasMessageContaining("NUL").hasMessageNotContaining("x\u0000y");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
