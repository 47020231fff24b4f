package org.marketlink.spark.matching;

import org.marketlink.core.model.Buyer;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.retrieval.MatchRetriever;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.WeightedScorer;

import java.io.Serializable;
import java.util.List;

/**
 * Builds the {@link MatchRetriever} each partition ranks with, from the partition's groups and all buyers. Shipped
 * to executors rather than a built retriever, whose columns are laid out for one set of groups; what the lambda
 * captures (feature options, weights, filters) must be serializable ({@link SparkMatching} says so before any job).
 * Called once per partition, from several executor threads at once: it must be thread-safe.
 */
@FunctionalInterface
public interface RetrieverFactory extends Serializable {

    /** A retriever over one partition's {@code shgs} and all {@code buyers}. */
    MatchRetriever build(List<ShgProfile> shgs, List<Buyer> buyers);

    /** Default pair features, default weights and default hard filters. */
    static RetrieverFactory defaults() {
        return (shgs, buyers) -> MatchRetriever.build(shgs, buyers, PairFeatures.Options.defaults(),
                WeightedScorer.defaults(), HardFilters.defaults());
    }
}
