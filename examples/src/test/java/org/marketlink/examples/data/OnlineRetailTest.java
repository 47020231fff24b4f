package org.marketlink.examples.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marketlink.core.model.Order;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.testing.CsvLines;
import org.marketlink.testing.SharedData;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Online Retail file through the order mapping, checked against counts made here by plain Java. */
class OnlineRetailTest {
    private static Path file;
    private static RunReport report;
    private static List<Order> orders;
    private static List<Rejection> rejections;

    @BeforeAll
    static void run() {
        file = SharedData.file("online_retail_2010-12_2011-09.csv.gz");
        Sinks.ListSink<Order> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        report = OnlineRetail.orders(OnlineRetail.source(file)).to(sink).quarantineTo(quarantine)
                .run(RunOptions.defaults().withChunkSize(20_000).withParallelism(2));
        orders = sink.rows();
        rejections = quarantine.rejections();
    }

    private record Expected(Map<String, Long> codes, long orders, long splitInvoices, long lines) {
    }

    private static Expected expected() throws IOException {
        Map<String, Long> codes = new HashMap<>();
        Set<List<String>> seenLines = new HashSet<>();
        Set<String> invoices = new HashSet<>();
        String previousInvoice = null;
        long orderCount = 0;
        long split = 0;
        long lines = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                List<String> f = CsvLines.split(line);
                String code = null;
                BigDecimal price = new BigDecimal(f.get(5));
                if (f.get(0).startsWith("C")) {
                    code = "CANCELLATION";
                } else if (OnlineRetail.PSEUDO_ITEMS.contains(f.get(1).toUpperCase(Locale.ROOT))) {
                    code = "PSEUDO_ITEM";
                } else if (f.get(6).isBlank()) {
                    code = "MISSING_CUSTOMER";
                } else if (Long.parseLong(f.get(3)) <= 0) {
                    code = "NON_POSITIVE_QUANTITY";
                } else if (price.signum() <= 0 || price.stripTrailingZeros().scale() > 2) {
                    code = "BAD_PRICE";
                } else if (!seenLines.add(f)) {
                    code = "DUPLICATE";
                }
                if (code != null) {
                    codes.merge(code, 1L, Long::sum);
                    continue;
                }
                lines++;
                if (!f.get(0).equals(previousInvoice)) {
                    if (invoices.add(f.get(0))) {
                        orderCount++;
                    } else {
                        split++;
                    }
                    previousInvoice = f.get(0);
                }
            }
        }
        return new Expected(codes, orderCount, split, lines);
    }

    @Test
    void everyRuleCount_matchesAnIndependentCount() throws IOException {
        Expected e = expected();
        Map<String, Long> actual = rejections.stream()
                .collect(Collectors.groupingBy(Rejection::reasonCode, Collectors.counting()));
        Map<String, Long> lineCodes = new HashMap<>(actual);
        lineCodes.remove("SPLIT_INVOICE");
        assertThat(lineCodes).isEqualTo(e.codes());
        assertThat(actual.getOrDefault("SPLIT_INVOICE", 0L)).isEqualTo(e.splitInvoices());
        assertThat(orders).hasSize((int) e.orders());
        assertThat(report.rowsIn()).isEqualTo(370_931);
        assertThat(report.balanced()).isTrue();
        // the file's known dirt is all there
        assertThat(e.codes()).containsKeys("CANCELLATION", "PSEUDO_ITEM", "MISSING_CUSTOMER", "BAD_PRICE", "DUPLICATE");
        assertThat(e.codes().get("CANCELLATION")).isEqualTo(6652);
    }

    @Test
    void orders_areWellFormed() {
        Map<String, Order> byReference = orders.stream().collect(Collectors.toMap(Order::reference, Function.identity()));
        assertThat(byReference).hasSize(orders.size());
        Order first = byReference.get("536365");
        assertThat(first.lines()).hasSize(7);
        assertThat(first.buyerId()).isEqualTo(OnlineRetail.buyerId("17850"));
        assertThat(first.deliveryAddress()).isEqualTo("United Kingdom");
        assertThat(first.totalValue()).isEqualByComparingTo("139.12");
        assertThat(orders).allMatch(o -> o.shgId().equals(OnlineRetail.WHOLESALER) && !o.lines().isEmpty());
        assertThat(OnlineRetail.customer("17850.0")).isEqualTo("17850");
    }
}
