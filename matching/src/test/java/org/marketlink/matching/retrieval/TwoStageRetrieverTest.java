package org.marketlink.matching.retrieval;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.matching.features.CollaborativeFeatures;
import org.marketlink.matching.features.MatchAffinity;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.scoring.Explanation;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.PairScorer;
import org.marketlink.matching.scoring.WeightedScorer;
import org.marketlink.testing.SyntheticMarket;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TwoStageRetrieverTest {
    static final Instant START = LocalDate.of(2026, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    static final int CUT = (int) LocalDate.of(2026, 12, 1).toEpochDay();

    final List<ShgProfile> shgs = SyntheticMarket.shgs(80, 21, ShgProfile::of);
    final List<Buyer> buyers = SyntheticMarket.buyers(200, 22);
    final MatchRetriever weighted = MatchRetriever.build(shgs, buyers, PairFeatures.Options.defaults(),
            WeightedScorer.defaults(), HardFilters.none().withMaxDistanceKm(1500));
    final Set<UUID> cold = new HashSet<>();
    final MatchAffinity affinity = affinity();

    /** Completed and declined matches among the first 60 groups; the last 20 never completed one. */
    MatchAffinity affinity() {
        Random r = new Random(5);
        List<Match> matches = new ArrayList<>();
        Map<UUID, String> category = new HashMap<>();
        for (int s = 0; s < shgs.size(); s++) {
            category.put(shgs.get(s).shg().id(), shgs.get(s).shg().category());
            if (s >= 60) {
                cold.add(shgs.get(s).shg().id());
                continue;
            }
            for (int m = 0; m < 6; m++) {
                Buyer b = buyers.get(r.nextInt(buyers.size()));
                Instant at = START.plusSeconds(86_400L * r.nextInt(300));
                matches.add(new Match(UUID.randomUUID(), shgs.get(s).shg().id(), b.id(), Optional.empty(), 0.5,
                        r.nextInt(3) == 0 ? MatchStatus.DECLINED : MatchStatus.COMPLETED, null, at, Map.of(), at));
            }
        }
        return MatchAffinity.of(matches, category::get, CUT, CollaborativeFeatures.Options.defaults());
    }

    /** A linear scorer over the named features, its explanation the weight times the value. */
    record Linear(List<String> featureNames, double[] w) implements PairScorer {
        @Override
        public double score(double[] x) {
            checkLength(x);
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += w[i] * x[i];
            }
            return s;
        }

        @Override
        public Explanation explain(double[] x) {
            List<Explanation.Contribution> c = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                c.add(new Explanation.Contribution(featureNames.get(i), x[i], w[i] * x[i]));
            }
            return new Explanation(score(x), "score", 0, c);
        }
    }

    Linear randomLinear(long seed) {
        List<String> names = TwoStageRetriever.featureNames(affinity);
        Random r = new Random(seed);
        double[] w = new double[names.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble() * 2 - 0.5;
        }
        return new Linear(names, w);
    }

    /** Every buyer the hard filters let through, scored by {@code scorer} on the full vector, best first. */
    List<double[]> bruteForce(TwoStageRetriever two, PairScorer scorer, int s) {
        List<double[]> out = new ArrayList<>();
        UUID shg = shgs.get(s).shg().id();
        for (int b = 0; b < buyers.size(); b++) {
            if (!Double.isNaN(weighted.score(s, b))) {
                out.add(new double[] {b, scorer.score(two.features(shg, buyers.get(b).id()))});
            }
        }
        out.sort(Comparator.comparingDouble((double[] e) -> -e[1]).thenComparingDouble(e -> e[0]));
        return out;
    }

    @Test
    void withDepthAtLeastTheBuyersTheRankingIsTheLearnedScorerOverEveryPair() {
        Linear scorer = randomLinear(1);
        TwoStageRetriever two = TwoStageRetriever.of(weighted, affinity, scorer, buyers.size());
        TopKTable table = two.topBuyersForAll(10);
        int learned = 0;
        for (int s = 0; s < shgs.size(); s++) {
            if (!two.learned(s)) {
                continue;
            }
            learned++;
            List<double[]> expected = bruteForce(two, scorer, s);
            assertThat(table.count(s)).isEqualTo(Math.min(10, expected.size()));
            for (int rank = 0; rank < table.count(s); rank++) {
                assertThat(table.id(s, rank)).as("group %d rank %d", s, rank).isEqualTo((int) expected.get(rank)[0]);
                assertThat(table.score(s, rank)).isEqualTo(expected.get(rank)[1]);
            }
            List<Recommendation> one = two.topBuyers(shgs.get(s).shg().id(), 10);
            assertThat(one).hasSize(table.count(s));
            for (int rank = 0; rank < one.size(); rank++) {
                assertThat(one.get(rank).buyerId()).isEqualTo(buyers.get(table.id(s, rank)).id());
            }
        }
        assertThat(learned).as("groups with a completed match").isGreaterThan(50);
    }

    @Test
    void aColdStartGroupKeepsTheWeightedRankingAndItsExplanation() {
        TwoStageRetriever two = TwoStageRetriever.of(weighted, affinity, randomLinear(2), 5);
        TopKTable table = two.topBuyersForAll(10);
        TopKTable first = weighted.topBuyersForAll(10);
        int checked = 0;
        for (int s = 0; s < shgs.size(); s++) {
            UUID shg = shgs.get(s).shg().id();
            assertThat(two.learned(s)).isEqualTo(!cold.contains(shg) && affinity.knows(shg));
            if (two.learned(s)) {
                continue;
            }
            checked++;
            assertThat(table.count(s)).isEqualTo(first.count(s));
            for (int rank = 0; rank < table.count(s); rank++) {
                assertThat(table.id(s, rank)).isEqualTo(first.id(s, rank));
                assertThat(table.score(s, rank)).isEqualTo(first.score(s, rank));
            }
            UUID buyer = buyers.get(s).id();
            assertThat(two.explain(shg, buyer)).isEqualTo(weighted.explain(shg, buyer));
        }
        assertThat(checked).isEqualTo(20);
    }

    @Test
    void aShallowFirstStageLosesNoBuyerTheCollaborativeColumnsRankHigh() {
        // a scorer that only listens to behaviour: every buyer outside a group's reach scores 0
        List<String> names = TwoStageRetriever.featureNames(affinity);
        double[] w = new double[names.size()];
        w[names.indexOf("collab_repeat")] = 1;
        w[names.indexOf("collab_item_knn")] = 2;
        Linear scorer = new Linear(names, w);
        TwoStageRetriever two = TwoStageRetriever.of(weighted, affinity, scorer, 1);
        TopKTable table = two.topBuyersForAll(8);
        int compared = 0;
        for (int s = 0; s < 60; s++) {
            if (!two.learned(s)) {
                continue;
            }
            List<double[]> expected = bruteForce(two, scorer, s).stream().filter(e -> e[1] > 0).toList();
            for (int rank = 0; rank < Math.min(8, expected.size()); rank++) {
                assertThat(table.id(s, rank)).as("group %d rank %d", s, rank).isEqualTo((int) expected.get(rank)[0]);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void explanationsOfALearnedGroupNameTheCollaborativeColumns() {
        TwoStageRetriever two = TwoStageRetriever.of(weighted, affinity, randomLinear(3), 20);
        UUID shg = shgs.get(0).shg().id();
        Recommendation top = two.topBuyers(shg, 1).get(0);
        Explanation e = two.explain(shg, top.buyerId());
        assertThat(e.contributions()).extracting(Explanation.Contribution::feature)
                .containsExactlyElementsOf(two.featureNames()).contains("collab_item_knn", "collab_category");
        assertThat(e.score()).isEqualTo(top.score());
    }

    @Test
    void aScorerTrainedOnOtherFeaturesIsRefusedNamingBothLists() {
        Linear wrong = new Linear(List.of("category_alignment", "proximity"), new double[] {1, 1});
        assertThatThrownBy(() -> TwoStageRetriever.of(weighted, affinity, wrong, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[category_alignment, proximity]").hasMessageContaining("collab_item_knn");
        assertThatThrownBy(() -> TwoStageRetriever.of(weighted, affinity, randomLinear(4), 0))
                .hasMessageContaining("depth");
    }
}
