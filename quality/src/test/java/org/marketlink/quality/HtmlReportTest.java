package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.history.MetricPoint;
import org.marketlink.quality.report.HtmlReport;
import org.marketlink.quality.rules.Rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {
    private static final Schema S = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("status", FieldType.STRING));

    @Test
    void report_isSelfContained_escaped_andChartsHistory() {
        List<Row> rows = List.of(Row.of(S, 1L, "PAID"), Row.of(S, 2L, "<script>alert(1)</script>"),
                Row.of(S, 3L, "PAID"));
        SuiteResult r = Suite.of("orders & more", Rules.inSet("status", Set.of("PAID")), Rules.rowCount(1, 10))
                .compile(S).run(rows);
        List<MetricPoint> past = new ArrayList<>();
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        for (int d = 0; d < 5; d++) {
            past.add(new MetricPoint("orders", "rowCount", t0.plusSeconds(86_400L * d), Map.of(), 3 + d, "PASSED"));
        }
        String html = HtmlReport.render(r, Map.of("rowCount", past), t0);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("orders &amp; more", "FAILED (ERROR)",
                "&lt;script&gt;alert(1)&lt;/script&gt;", "<svg class=\"history\"", "<polyline");
        assertThat(html).doesNotContain("<script>").doesNotContain("src=\"http").doesNotContain("href=\"http");
        assertThat(html.split("<svg", -1)).hasSize(2);
    }
}
