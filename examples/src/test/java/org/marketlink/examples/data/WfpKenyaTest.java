package org.marketlink.examples.data;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.testing.CsvLines;
import org.marketlink.testing.SharedData;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class WfpKenyaTest {

    /** Base unit and pack factor by this test's own reading of the file's units. */
    private static final Map<String, Object[]> PACKS = Map.ofEntries(
            Map.entry("KG", new Object[] {"kg", "1"}), Map.entry("90 KG", new Object[] {"kg", "90"}),
            Map.entry("50 KG", new Object[] {"kg", "50"}), Map.entry("64 KG", new Object[] {"kg", "64"}),
            Map.entry("13 KG", new Object[] {"kg", "13"}), Map.entry("126 KG", new Object[] {"kg", "126"}),
            Map.entry("200 G", new Object[] {"kg", "0.2"}), Map.entry("400 G", new Object[] {"kg", "0.4"}),
            Map.entry("L", new Object[] {"l", "1"}), Map.entry("500 ML", new Object[] {"l", "0.5"}),
            Map.entry("200 ML", new Object[] {"l", "0.2"}), Map.entry("Unit", new Object[] {"unit", "1"}));

    @Test
    void wfpKenya_becomesPricingHistoryPerBaseUnit() throws IOException {
        Path file = SharedData.file("wfp_food_prices_ken.csv");
        Sinks.ListSink<PricingHistory> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = WfpKenya.pricingHistory(WfpKenya.source(file)).to(sink).quarantineTo(quarantine)
                .run(RunOptions.defaults().withChunkSize(4096).withParallelism(2));

        long notObserved = 0;
        long unknown = 0;
        long duplicates = 0;
        Set<String> keys = new HashSet<>();
        List<String> lines = Files.readAllLines(file);
        String firstSackKey = null;
        BigDecimal firstSackPrice = null;
        for (String line : lines.subList(2, lines.size())) {
            String[] f = CsvLines.split(line).toArray(new String[0]);
            if (f[9].equals("forecast")) {
                notObserved++;
                continue;
            }
            Object[] pack = PACKS.get(f[8]);
            if (pack == null) {
                unknown++;
                continue;
            }
            String key = f[7] + "|" + f[10] + "|" + pack[0] + "|" + f[0] + "|" + f[3];
            if (!keys.add(key)) {
                duplicates++;
            } else if (firstSackKey == null && f[8].equals("90 KG")) {
                firstSackKey = key;
                firstSackPrice = new BigDecimal(f[12]).divide(new BigDecimal((String) pack[1]), MathContext.DECIMAL64)
                        .setScale(4, RoundingMode.HALF_EVEN).setScale(2, RoundingMode.HALF_EVEN);
            }
        }
        Map<String, Long> codes = quarantine.rejections().stream()
                .collect(Collectors.groupingBy(Rejection::reasonCode, Collectors.counting()));
        assertThat(report.rowsIn()).isEqualTo(17_881);
        assertThat(codes.get("NOT_OBSERVED")).isEqualTo(notObserved).isEqualTo(2_242);
        assertThat(codes.get("UNKNOWN_UNIT")).isEqualTo(unknown).isEqualTo(48);
        assertThat(codes.getOrDefault("DUPLICATE", 0L)).isEqualTo(duplicates);
        assertThat(sink.rows()).hasSize((int) (17_881 - notObserved - unknown - duplicates));
        assertThat(sink.rows()).as("no placeholder stored as a price").allMatch(p -> p.price().signum() > 0);
        assertThat(report.balanced()).isTrue();
        BigDecimal expected = firstSackPrice;
        assertThat(sink.rows()).anyMatch(p -> p.price().compareTo(expected) == 0 && p.region().equals("Mombasa"));
        assertThat(sink.rows()).allMatch(p -> p.quantitySold().signum() == 0 && p.orderCount() == 0);
    }
}
