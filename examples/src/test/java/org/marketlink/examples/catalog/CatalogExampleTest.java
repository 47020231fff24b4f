package org.marketlink.examples.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.quality.SuiteResult;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogExampleTest {
    @Test
    void catalogsAreCleanedInParallelCheckedForFreshnessAndSearched(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogExample.Result r = CatalogExample.run(dir, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(r.runs()).hasSize(3);
        for (RunReport run : r.runs().values()) {
            assertThat(run.balanced()).isTrue();
            assertThat(run.quarantined()).isEqualTo(3); // an unknown pack, an unreadable price, a duplicate sku
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("UNKNOWN_UNIT=1", "BAD_DECIMAL=1", "DUPLICATE=1");
        assertThat(r.freshness().get("old-wholesale").status()).isEqualTo(SuiteResult.Status.ERROR);
        assertThat(r.freshness().get("duka-fresh").status()).isEqualTo(SuiteResult.Status.PASSED);
        assertThat(r.freshness().get("soko-online").status()).isEqualTo(SuiteResult.Status.PASSED);
        assertThat(r.similar()).hasSize(5);
        assertThat(r.similar().get(0).similarity()).isGreaterThan(0.9);
        assertThat(r.products()).isEqualTo(r.runs().values().stream().mapToLong(RunReport::rowsOut).sum());
    }
}
