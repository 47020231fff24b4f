package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.CsvOptions;
import org.marketlink.core.io.CsvSource;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.Rules;
import org.marketlink.testing.CsvLines;
import org.marketlink.testing.SharedData;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A suite over the real Online Retail file; every count is checked against one made here with plain Java. */
class OnlineRetailSuiteTest {
    private static final Schema SCHEMA = Schema.of(Field.required("InvoiceNo", FieldType.STRING),
            Field.required("StockCode", FieldType.STRING), Field.optional("Description", FieldType.STRING),
            Field.required("Quantity", FieldType.LONG), Field.required("InvoiceDate", FieldType.TIMESTAMP),
            Field.required("UnitPrice", FieldType.DECIMAL), Field.optional("CustomerID", FieldType.STRING),
            Field.optional("Country", FieldType.STRING));

    private static final Suite SUITE = Suite.of("online-retail",
            Rules.complete("CustomerID"),
            Rules.nonNegative("Quantity"),
            Rules.positive("UnitPrice"),
            Rules.matches("InvoiceNo", "\\d{6}"),
            Rules.satisfies("notCancelled", "InvoiceNo", r -> !r.getString(0).startsWith("C"), "is a cancellation",
                    RuleOptions.strict()),
            Rules.unique("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
                    "CustomerID", "Country"));

    @Test
    void suite_findsEachKnownProblem_withIndependentCounts() throws IOException {
        Path file = SharedData.file("online_retail_2010-12_2011-09.csv.gz");
        long missingCustomer = 0;
        long negativeQuantity = 0;
        long nonPositivePrice = 0;
        long cancellations = 0;
        long badInvoiceNumbers = 0;
        long duplicates = 0;
        long rows = 0;
        Set<List<String>> seen = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                List<String> f = CsvLines.split(line);
                rows++;
                missingCustomer += f.get(6).isBlank() ? 1 : 0;
                negativeQuantity += Long.parseLong(f.get(3)) < 0 ? 1 : 0;
                nonPositivePrice += new BigDecimal(f.get(5)).signum() <= 0 ? 1 : 0;
                cancellations += f.get(0).startsWith("C") ? 1 : 0;
                badInvoiceNumbers += f.get(0).matches("\\d{6}") ? 0 : 1;
                duplicates += seen.add(f) ? 0 : 1;
            }
        }
        Suite.Compiled compiled = SUITE.compile(SCHEMA);
        Suite.State state = compiled.newState();
        Pipeline.from(CsvSource.of(file, SCHEMA, CsvOptions.defaults()))
                .to(Sinks.of("suite", chunk -> chunk.forEach(state::accept))).run();
        SuiteResult r = state.result();
        assertThat(r.rows()).isEqualTo(rows).isEqualTo(370_931);
        assertThat(((RuleOutcome.Failed) r.outcome("complete(CustomerID)")).failingRows()).isEqualTo(missingCustomer);
        assertThat(((RuleOutcome.Failed) r.outcome("nonNegative(Quantity)")).failingRows()).isEqualTo(negativeQuantity);
        assertThat(((RuleOutcome.Failed) r.outcome("positive(UnitPrice)")).failingRows()).isEqualTo(nonPositivePrice);
        assertThat(((RuleOutcome.Failed) r.outcome("matches(InvoiceNo)")).failingRows()).isEqualTo(badInvoiceNumbers);
        RuleOutcome.Failed cancelled = (RuleOutcome.Failed) r.outcome("notCancelled");
        assertThat(cancelled.failingRows()).isEqualTo(cancellations).isEqualTo(6652);
        assertThat(((RuleOutcome.Failed) r.outcome("unique(InvoiceNo,StockCode,Description,Quantity,"
                + "InvoiceDate,UnitPrice,CustomerID,Country)")).failingRows()).isEqualTo(duplicates).isEqualTo(2848);
        assertThat(r.status()).isEqualTo(SuiteResult.Status.ERROR);
        assertThat(((RuleOutcome.Failed) r.outcome("positive(UnitPrice)")).message()).contains("'0.0' ×");
    }

    @Test
    void suite_asTheValidateStage_quarantinesRowLevelFailures() {
        Path file = SharedData.file("online_retail_2010-12_2011-09.csv.gz");
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        Suite.Compiled compiled = Suite.of("lines", Rules.complete("CustomerID"), Rules.positive("UnitPrice"))
                .compile(SCHEMA);
        RunReport report = Pipeline.from(CsvSource.of(file, SCHEMA, CsvOptions.defaults()))
                .then("validate", Stages.validate(compiled::violations))
                .to(Sinks.discard()).quarantineTo(quarantine)
                .run(RunOptions.defaults().withChunkSize(20_000).withParallelism(2));
        assertThat(report.balanced()).isTrue();
        assertThat(quarantine.rejections()).extracting(Rejection::reasonCode).containsOnly("COMPLETE", "POSITIVE");
        assertThat(report.quarantined()).isEqualTo(report.rowsIn() - report.rowsOut());
    }
}
