package org.marketlink.parquet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Rejection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Parquet section shows a loop over column batches: that loop is the tagged region below, quoted word
 * for word, and it sums what DuckDB sums over the same file, with the rows that do not fit quarantined.
 */
class ReadmeColumnsSnippetTest {
    private static final Path SOURCE = Path.of("src", "test", "java", "org", "marketlink", "parquet",
            "ReadmeColumnsSnippetTest.java");

    @Test
    void theColumnLoopSumsWhatDuckDbSums_andQuarantinesWhatDoesNotFit(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("orders.parquet");
        long expected;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            // quantity as text, so that some rows ("ten") cannot be read as the schema's LONG: they are quarantined
            s.execute("COPY (SELECT i AS id, CASE WHEN i % 97 = 0 THEN 'ten' WHEN i % 13 = 0 THEN NULL "
                    + "ELSE ((i * 7919) % 1000)::VARCHAR END AS quantity FROM range(20000) t(i) ORDER BY hash(i)) "
                    + "TO '" + path + "' (FORMAT parquet, ROW_GROUP_SIZE 3000)");
            try (ResultSet r = s.executeQuery("SELECT sum(TRY_CAST(quantity AS BIGINT)) FROM '" + path + "'")) {
                r.next();
                expected = r.getLong(1);
            }
        }
        Schema schema = Schema.of(Field.required("id", FieldType.LONG), Field.optional("quantity", FieldType.LONG));
        List<Rejection> quarantine = new ArrayList<>();
        long total = 0;
        // tag::parquet-columns[]
        try (ParquetColumns columns = ParquetSource.of(path, schema).openColumns(4_096)) {
            for (ColumnBatch b = columns.next(quarantine::add); b != null; b = columns.next(quarantine::add)) {
                long[] quantities = b.longs(schema.indexOf("quantity"));
                boolean[] missing = b.nulls(schema.indexOf("quantity"));
                for (int r = 0; r < b.size(); r++) {
                    if (!missing[r]) {
                        total += quantities[r];
                    }
                }
            }
        }
        // end::parquet-columns[]
        assertThat(total).isEqualTo(expected);
        assertThat(quarantine).hasSize(207).allSatisfy(r -> {
            assertThat(r.reasonCode()).isEqualTo("PARSE_ERROR");
            assertThat(r.column()).isEqualTo("quantity");
            assertThat(r.raw()).contains("ten");
        });

        String region = region(Files.readAllLines(SOURCE));
        assertThat(region).contains("openColumns(4_096)");
        assertThat(Files.readString(Path.of("..", "README.md"))).as("the README quotes the loop of %s", SOURCE)
                .contains(region);
    }

    /** The lines between the tag and end markers, without their common indentation. */
    private static String region(List<String> lines) {
        int from = -1;
        int to = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.equals("// tag::parquet-columns[]")) {
                from = i + 1;
            } else if (t.equals("// end::parquet-columns[]")) {
                to = i;
            }
        }
        List<String> body = lines.subList(from, to);
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
    }
}
