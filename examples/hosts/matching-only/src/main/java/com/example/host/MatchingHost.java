package com.example.host;

import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.retrieval.MatchRetriever;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.WeightedScorer;

import java.util.List;

/** A host that ranks buyers for its groups and nothing else. */
public final class MatchingHost {
    public static void main(String[] args) {
        MatchRetriever retriever = MatchRetriever.build(List.of(), List.of(), PairFeatures.Options.defaults(),
                WeightedScorer.defaults(), HardFilters.defaults());
        System.out.println(retriever);
    }
}
