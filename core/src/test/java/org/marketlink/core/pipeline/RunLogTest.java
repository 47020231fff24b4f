package org.marketlink.core.pipeline;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run logs one summary line with its counts, at WARN when much of it was quarantined, and never a value of a
 * personal field (slf4j-simple writes to standard error, read here).
 */
class RunLogTest {
    private static final Schema CONTACTS = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("phone", FieldType.STRING)).withPersonal("phone");

    private static String logOf(Runnable run) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRunLogsOneSummaryLine_atWarnWhenMuchWasQuarantined_withoutPersonalValues() {
        List<Row> rows = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            rows.add(Row.of(CONTACTS, i, "+25470000" + (1000 + i)));
        }
        String quiet = logOf(() -> Pipeline.from(Sources.of("contacts", rows)).to(Sinks.list())
                .run(RunOptions.defaults().withChunkSize(30)));
        assertThat(quiet.lines().filter(l -> l.contains("Runner"))).singleElement().satisfies(line -> assertThat(line)
                .contains("INFO", "of contacts into list: COMPLETED, 100 rows in, 100 out, 0 quarantined, 4 chunks"));

        String noisy = logOf(() -> Pipeline.from(Sources.of("contacts", rows))
                .then("odd", Stages.filter((Row r) -> r.getLong(0) % 2 == 1, "even id"))
                .to(Sinks.list()).quarantineTo(Sinks.quarantineList()).run(RunOptions.defaults()));
        assertThat(noisy.lines().filter(l -> l.contains("Runner"))).singleElement().satisfies(line -> assertThat(line)
                .contains("WARN", "100 rows in, 50 out, 50 quarantined", "more than 5% quarantined"));
        assertThat(quiet + noisy).doesNotContain("25470000");
    }
}
