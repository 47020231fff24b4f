package org.marketlink.quality.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.CsvOptions;
import org.marketlink.core.io.CsvSource;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sink;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.profile.Profiler;
import org.marketlink.quality.report.HtmlReport;
import org.marketlink.quality.rules.Rules;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data goes through a pipeline that rejects rows in every way it can (unparseable cells, a stage that
 * refuses rows, a stage that throws, quality violations, a sink that fails and is retried) and through a failing
 * quality suite, its report and a profile; no log line, rejection, run report, quality result or HTML report may
 * hold any of it in plain text.
 */
class PersonalDataNeverPrintedTest {
    // personal data is a property of the schema: marked here, nowhere else
    static final Schema SCHEMA = Schema.of(Field.required("id", FieldType.LONG),
            Field.required("contact_person", FieldType.STRING), Field.required("contact_phone", FieldType.LONG),
            Field.required("contact_email", FieldType.STRING), Field.required("qty", FieldType.LONG))
            .withPersonal("contact_person", "contact_phone", "contact_email");
    static final List<String> SECRETS = List.of("Achieng Otieno", "254700000001", "achieng@example.org",
            "Wanjiru Kamau", "254711222333", "wanjiru@example", "notaphone+2547009");

    @Test
    void noLogReportOrRejectionHoldsPersonalData(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("contacts.csv");
        Files.writeString(csv, String.join("\n",
                "id,contact_person,contact_phone,contact_email,qty",
                "1,Achieng Otieno,254700000001,achieng@example.org,5",
                "2,Wanjiru Kamau,notaphone+2547009,wanjiru@example.org,3",     // unparseable phone
                "3,Wanjiru Kamau,254711222333,wanjiru@example,-1",             // refused by a stage
                "4,Achieng Otieno,254700000001,achieng@example.org,999",       // the stage throws
                "5,Wanjiru Kamau,254711222333,wanjiru@example,7",              // bad email: quality violation
                "6,Achieng Otieno,254700000001,achieng@example.org,7,extra"    // ragged row
        ) + "\n");
        Suite.Compiled suite = Suite.of("contacts", Rules.matches("contact_email", "[^@]+@[^@]+\\.[a-z]+"),
                Rules.unique("contact_person"), Rules.between("contact_phone", 0, 1e13)).compile(SCHEMA);
        AtomicInteger attempts = new AtomicInteger();
        Sink<Row> flaky = new Sink<>() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public void write(ChunkKey key, List<Row> rows) {
                if (attempts.getAndIncrement() == 0) {
                    // host code that puts the rows into its exception message
                    throw new IllegalStateException("database refused " + rows);
                }
            }
        };

        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report;
        SuiteResult result;
        String html;
        String profile;
        try {
            System.setErr(capture);
            System.setOut(capture);
            report = Pipeline.from(CsvSource.of(csv, SCHEMA, CsvOptions.defaults()))
                    .then("positive", Stages.filter((Row r) -> r.getLong(4) >= 0, "qty must not be negative"))
                    .then("explode", Stages.map((Row r) -> {
                        if (r.getLong(4) > 100) {
                            throw new IllegalArgumentException("cannot ship " + r);
                        }
                        return r;
                    }))
                    .then("validate", Stages.validate(suite::violations))
                    .to(flaky).quarantineTo(quarantine)
                    .run(RunOptions.defaults().withRetries(3, Duration.ofMillis(1)));
            List<Row> all = List.of(
                    Row.of(SCHEMA, 1L, "Achieng Otieno", 254700000001L, "achieng@example.org", 5L),
                    Row.of(SCHEMA, 3L, "Wanjiru Kamau", 254711222333L, "wanjiru@example", -1L),
                    Row.of(SCHEMA, 5L, "Wanjiru Kamau", 254711222333L, "wanjiru@example", 7L));
            result = suite.run(all);
            html = HtmlReport.render(result, Map.of(), Instant.parse("2026-03-01T00:00:00Z"));
            profile = String.valueOf(Profiler.profile(SCHEMA, all));
            try {
                Row.of(SCHEMA, 9L, "Achieng Otieno", "achieng@example.org", "x", 1L);
            } catch (IllegalArgumentException e) {
                System.err.println("host logs the exception: " + e.getMessage());
            }
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        assertThat(report.quarantined()).isEqualTo(5);
        assertThat(result.status()).isEqualTo(SuiteResult.Status.ERROR);
        assertThat(attempts.get()).isEqualTo(2);
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("retrying"); // the sink failure was logged...
        StringBuilder everything = new StringBuilder(logs).append(report.toJson()).append(result.toJson())
                .append(result).append(html).append(profile);
        for (Rejection r : quarantine.rejections()) {
            everything.append(r).append(r.message()).append(r.raw());
        }
        for (String secret : SECRETS) {
            assertThat(everything.toString()).as("plaintext '%s' anywhere", secret).doesNotContain(secret);
        }
        assertThat(everything.toString()).contains("***"); // ...and the masks are where the values were
    }
}
