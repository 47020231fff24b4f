package org.marketlink.examples.featurestore;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MatchScorerExampleTest {
    @Test
    void trainsRegistersPromotesAndServesTheScorer() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MatchScorerExample.Result r = MatchScorerExample.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        // the fixtures' history favours groups selling what the buyer prefers: a real, learnable signal
        assertThat(r.auc()).isGreaterThan(0.6);
        assertThat(r.promoted()).isTrue();
        assertThat(r.hitRate()).isGreaterThan(0.95); // 300 distinct pairs behind 20,000 lookups
        assertThat(r.p50Micros()).isPositive();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("promotion of buyer_match v1: PASSED (auc ", "cache hit rate", "lookups/s", "p99");
    }
}
