package org.marketlink.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sink;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.testing.Samples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A pipeline writing through the store, with a chunk whose commit is acknowledged as a failure. */
class StoreSinkTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void chunkFailingAfterCommit_isRetriedWithoutLossOrDuplicatesInTheDatabase(Backend backend) {
        try (MarketStore store = backend.open()) {
            Shg shg = Samples.shgWithoutBank("Umoja");
            store.shgs().insert(shg);
            Product p = Samples.product(shg.id(), "Maize");
            store.products().insert(p);
            List<MarketData> rows = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                rows.add(Samples.marketData(p.id(), Samples.T0.plusSeconds(60L * i)));
            }
            AtomicInteger failures = new AtomicInteger();
            Sink<MarketData> sink = new Sink<>() {
                @Override
                public String name() {
                    return "market_data";
                }

                @Override
                public void write(ChunkKey key, List<MarketData> chunk) {
                    store.marketData().upsertAll(chunk);
                    // the write committed, but the caller is told it failed (a lost acknowledgement)
                    if (key.index() == 4 && failures.getAndIncrement() < 2) {
                        throw new IllegalStateException("connection reset after commit");
                    }
                }
            };
            RunReport report = Pipeline.from(Sources.of("generated", rows)).to(sink)
                    .run(RunOptions.defaults().withChunkSize(64).withParallelism(2)
                            .withRetries(4, Duration.ofMillis(1)));
            assertThat(failures.get()).isEqualTo(3);
            assertThat(report.rowsOut()).isEqualTo(1000);
            assertThat(store.marketData().count()).isEqualTo(1000);
            assertThat(store.marketData().findByProduct(p.id(), Samples.T0, Samples.T0.plusSeconds(60_000)))
                    .isEqualTo(rows);
        }
    }
}
