package org.marketlink.examples.customers;

import org.junit.jupiter.api.Test;
import org.marketlink.testing.SharedData;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerDataExampleTest {
    @Test
    void ingestsStreamsComputesSamplesAndErasesACustomer() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CustomerDataExample.Result r = CustomerDataExample.run(SharedData.file("online_retail_2010-12_2011-09.csv.gz"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(r.batch().rowsIn()).isEqualTo(370_931);
        assertThat(r.batch().balanced()).isTrue();
        assertThat(r.batch().rowsOut() + r.batch().quarantined()).isEqualTo(r.batch().rowsIn());
        assertThat(r.rejectedByReason()).containsKeys("CANCELLATION", "MISSING_CUSTOMER", "PSEUDO_ITEM");
        assertThat(r.stream().rowsOut()).isEqualTo(5_000);
        assertThat(r.customers()).isGreaterThan(3000);
        // 1:4, except for the few customers who bought so much that fewer items are left to draw from
        assertThat(r.negatives()).isBetween((int) (3.5 * r.positives()), 4 * r.positives());
        assertThat(r.exportedBytes()).isGreaterThan(100);
        assertThat(r.erasedRows()).isGreaterThanOrEqualTo(3); // its three stored features at least
        assertThat(r.featureAfterErase()).isNaN();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("batch:", "stream:", "features:", "training rows:",
                "exported");
    }
}
