package org.marketlink.examples.mainjob;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.store.MarketStore;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainJobTest {

    @Test
    void run_onEmbeddedStore_readsBackEverythingItWrote() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MarketStore store = MarketStore.inMemory(org.marketlink.core.store.StoreOptions.defaults()
                .withKeyProvider(org.marketlink.core.privacy.InMemoryKeyProvider.withNewKey("k")))) {
            Summary summary = MainJob.run(store, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(summary.consistent()).as(summary.mismatches().toString()).isTrue();
            assertThat(summary.shgs()).isEqualTo(5);
            assertThat(summary.products()).isEqualTo(15);
            assertThat(summary.buyers()).isEqualTo(4);
            assertThat(summary.matches()).isEqualTo(5);
            assertThat(summary.pendingMatches()).isEqualTo(5);
            assertThat(summary.orders()).isEqualTo(5);
            assertThat(summary.marketData()).isEqualTo(15 * 12);
            assertThat(summary.marketDataOfFirstProduct()).isEqualTo(12);
            assertThat(summary.pricingHistory()).isEqualTo(15 * 30);
            assertThat(summary.forecasts()).isEqualTo(15 * 4);
            assertThat(summary.render("test")).contains("OK", "shgs             5");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[1/4]", "[2/4]");
    }

    @Test
    void main_twiceOnTheSameDirectory_isIdempotent(@TempDir Path dir) {
        System.setProperty("marketlink.data", dir.toString());
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            MainJob.main(new String[0]);
            MainJob.main(new String[0]);
        } finally {
            System.setOut(original);
            System.clearProperty("marketlink.data");
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("MarketLink main job — OK").doesNotContain("MISMATCH");
        // the real-data step: every WFP row accounted for, the report written
        assertThat(text).contains("17,881 rows in, 17,089 stored, 792 quarantined", "quality          PASSED");
        assertThat(java.nio.file.Files.exists(dir.resolve("quality-report.html"))).isTrue();
        // the second run found the same groups (5 samples + the WFP markets), not new copies of them
        assertThat(text).contains("shgs             5", "shgs             6").doesNotContain("shgs             1");
    }
}
