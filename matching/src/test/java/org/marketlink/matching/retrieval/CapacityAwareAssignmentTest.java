package org.marketlink.matching.retrieval;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.Buyer;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.WeightedScorer;
import org.marketlink.testing.SyntheticMarket;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CapacityAwareAssignmentTest {
    final List<ShgProfile> shgs = SyntheticMarket.shgs(300, 21, ShgProfile::of);
    final List<Buyer> buyers = SyntheticMarket.buyers(60, 22);
    final MatchRetriever retriever = MatchRetriever.build(shgs, buyers, PairFeatures.Options.defaults(),
            WeightedScorer.defaults(), HardFilters.defaults());

    @Test
    void capacitiesHoldAndEveryGroupGetsItsBestFeasibleBuyers() {
        TopKTable candidates = retriever.topBuyersForAll(15);
        int[] capacity = new int[buyers.size()];
        Arrays.fill(capacity, 20);
        var a = CapacityAwareAssignment.assign(candidates, capacity, 3);
        int[] load = new int[buyers.size()];
        for (int s = 0; s < shgs.size(); s++) {
            int[] got = a.buyers()[s];
            assertThat(got.length).isLessThanOrEqualTo(3);
            assertThat(got).doesNotHaveDuplicates();
            for (int i = 1; i < got.length; i++) {
                assertThat(a.scores()[s][i]).isLessThanOrEqualTo(a.scores()[s][i - 1]);
            }
            for (int b : got) {
                load[b]++;
            }
            // maximal: a group short of 3 only misses candidates whose buyers are full
            for (int r = 0; r < candidates.count(s); r++) {
                int b = candidates.id(s, r);
                boolean assigned = Arrays.stream(got).anyMatch(x -> x == b);
                if (!assigned && got.length < 3) {
                    assertThat(a.load()[b]).isEqualTo(capacity[b]);
                }
                // nobody skipped a better candidate with room for a worse one: if a worse candidate was taken, the
                // better one's buyer is full
                if (!assigned && got.length > 0 && candidates.score(s, r) > a.scores()[s][got.length - 1]) {
                    assertThat(a.load()[b]).isEqualTo(capacity[b]);
                }
            }
        }
        assertThat(load).containsExactly(a.load());
        for (int b = 0; b < buyers.size(); b++) {
            assertThat(load[b]).isLessThanOrEqualTo(capacity[b]);
        }
        // the popular buyers were really capped: without capacities some buyer would get more than 20 groups
        var unlimited = CapacityAwareAssignment.assign(candidates, fill(Integer.MAX_VALUE), 3);
        assertThat(Arrays.stream(unlimited.load()).max().orElse(0)).isGreaterThan(20);
        assertThat(Arrays.stream(a.load()).max().orElse(0)).isLessThanOrEqualTo(20);
    }

    @Test
    void withoutCapacityLimitsItIsPlainTopK() {
        TopKTable candidates = retriever.topBuyersForAll(5);
        var a = CapacityAwareAssignment.assign(candidates, fill(Integer.MAX_VALUE), 5);
        for (int s = 0; s < shgs.size(); s++) {
            for (int r = 0; r < candidates.count(s); r++) {
                assertThat(a.buyers()[s][r]).isEqualTo(candidates.id(s, r));
            }
        }
    }

    @Test
    void badCapacitiesAreRejected() {
        TopKTable candidates = retriever.topBuyersForAll(2);
        int[] capacity = fill(1);
        capacity[4] = -1;
        assertThatThrownBy(() -> CapacityAwareAssignment.assign(candidates, capacity, 1))
                .hasMessageContaining("capacity of buyer 4");
        assertThatThrownBy(() -> CapacityAwareAssignment.assign(candidates, new int[1], 1))
                .hasMessageContaining("has no capacity entry");
    }

    private int[] fill(int value) {
        int[] c = new int[buyers.size()];
        Arrays.fill(c, value);
        return c;
    }
}
