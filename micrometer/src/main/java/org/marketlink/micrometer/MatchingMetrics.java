package org.marketlink.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.marketlink.core.Checks;
import org.marketlink.matching.retrieval.MatchRetriever;
import org.marketlink.matching.retrieval.TopKTable;

/**
 * Match retrieval as meters: {@code marketlink.matching.retrieval} (timer: each ranking of every group's buyers)
 * and {@code marketlink.matching.pairs} (counter: the group–buyer pairs each ranking considered, groups × buyers;
 * the exact retrieval skips most of them without scoring, which is what makes it fast). Thread-safe.
 */
public final class MatchingMetrics {
    private final Timer retrieval;
    private final Counter pairs;

    private MatchingMetrics(MeterRegistry registry) {
        this.retrieval = Timer.builder("marketlink.matching.retrieval").description("rankings of every group's buyers")
                .register(registry);
        this.pairs = Counter.builder("marketlink.matching.pairs").description("group-buyer pairs considered")
                .register(registry);
    }

    /**
     * Matching meters in {@code registry}.
     *
     * @param registry the host's registry
     * @return the recorder
     */
    public static MatchingMetrics of(MeterRegistry registry) {
        return new MatchingMetrics(Checks.notNull("registry", registry));
    }

    /**
     * {@link MatchRetriever#topBuyersForAll(int)}, timed and counted.
     *
     * @param retriever the retriever
     * @param k         buyers per group
     * @return its table
     */
    public TopKTable topBuyersForAll(MatchRetriever retriever, int k) {
        Checks.notNull("retriever", retriever);
        TopKTable table = retriever(retriever, k);
        pairs.increment((double) retriever.shgCount() * retriever.buyerCount());
        return table;
    }

    private TopKTable retriever(MatchRetriever retriever, int k) {
        return retrieval.record(() -> retriever.topBuyersForAll(k));
    }
}
