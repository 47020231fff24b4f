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
        // the history reads without hovering: its range (3 to 7, and now 3 rows), its first day and now; every point
        // carries its day and value
        assertThat(html).contains(">7.00000</text>", ">3.00000</text>", ">2026-11-01</text>", ">now</text>",
                "<title>2026-11-01: 3.00000</title>", "<title>2026-11-05: 7.00000</title>", "<title>now: 3.00000</title>");
        assertThat(html.split("<circle class=\"point\"", -1)).hasSize(1 + 6);
        // a day that measured nothing has no point, and a flat history names its one value once
        List<MetricPoint> gaps = List.of(new MetricPoint("orders", "rowCount", t0, Map.of(), 5, "PASSED"),
                new MetricPoint("orders", "rowCount", t0.plusSeconds(86_400), Map.of(), Double.NaN, "ERRORED"));
        String chart = HtmlReport.render(r, Map.of("rowCount", gaps), t0);
        assertThat(chart.split("<circle", -1)).hasSize(1 + 2);
        assertThat(chart).doesNotContain(": NaN").contains("<title>2026-11-01: 5.00000</title>",
                "<title>now: 3.00000</title>");
        List<MetricPoint> flat = List.of(new MetricPoint("orders", "rowCount", t0, Map.of(), 3, "PASSED"));
        assertThat(HtmlReport.render(r, Map.of("rowCount", flat), t0).split(">3.00000</text>", -1)).hasSize(2);
    }

    @Test
    void aLoadsQuarantineComesFirstByReasonWithSampleRawRows() {
        SuiteResult r = Suite.of("prices", Rules.rowCount(1, 100_000)).compile(S).run(List.of(Row.of(S, 1L, "PAID")));
        HtmlReport.Load load = new HtmlReport.Load("run-7", 17_881, 17_089, Map.of("UNKNOWN_UNIT", 48L,
                "DUPLICATE", 744L), Map.of("DUPLICATE", List.of("2020-01-15,Nairobi,<Maize>", "b"),
                "UNKNOWN_UNIT", List.of("x".repeat(300))));
        String html = HtmlReport.render(r, Map.of(), load, Instant.parse("2026-11-25T06:00:00Z"));
        assertThat(html).contains("<strong>792 rows quarantined</strong>", "17,881 rows read, 17,089 stored, 792 "
                + "quarantined", "2020-01-15,Nairobi,&lt;Maize&gt;", "x".repeat(200) + "…")
                .doesNotContain("x".repeat(201));
        assertThat(html.indexOf("DUPLICATE")).as("most rows first").isLessThan(html.indexOf("UNKNOWN_UNIT"));
        assertThat(html.indexOf("<h2 id=\"load\">Load</h2>")).isLessThan(html.indexOf("<h2 id=\"rules\">Rules</h2>"));
        assertThat(HtmlReport.render(r, Map.of(), Instant.EPOCH)).doesNotContain("quarantined", "id=\"load\"", "href=\"#load\"");
        String days = HtmlReport.render(r, Map.of(), load, Map.of(), List.of(new HtmlReport.Day("2023-05", 1_200, 1_150,
                50, SuiteResult.Status.PASSED, List.of()), new HtmlReport.Day("2023-06", 300, 128, 172,
                SuiteResult.Status.PASSED, List.of("rowCount 128 against a median of 241"))), Instant.EPOCH);
        assertThat(days).contains("<table class=\"days\">", "<td>2023-05</td><td>1,200</td><td>1,150</td><td>50</td>",
                ">none<", "class=\"anomaly ERROR\">rowCount 128 against a median of 241<");
        assertThat(days.indexOf("<h2 id=\"days\">Days</h2>")).isLessThan(days.indexOf("<h2 id=\"load\">Load</h2>"));
        // a contents bar names the sections the page has, each linked to its heading
        assertThat(days).contains("<nav class=\"contents\"><a href=\"#days\">Days</a><a href=\"#load\">Load and "
                + "quarantine</a><a href=\"#rules\">Rules</a></nav>");
        assertThat(html).contains("<a href=\"#load\">").doesNotContain("href=\"#days\"");
    }
}
