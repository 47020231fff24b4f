package org.marketlink.matching.evaluation;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RankingMetricsTest {
    @Test
    void ndcgMatchesAHandComputedList() {
        // relevant at ranks 1 and 3 of 5; two relevant items in all
        List<String> ranked = List.of("a", "x", "b", "y", "z");
        double dcg = 1 + 1 / (Math.log(4) / Math.log(2));
        double ideal = 1 + 1 / (Math.log(3) / Math.log(2));
        assertThat(RankingMetrics.ndcgAtK(ranked, Set.of("a", "b"), 5)).isCloseTo(dcg / ideal, within(1e-12));
        assertThat(RankingMetrics.ndcgAtK(List.of("a", "b"), Set.of("a", "b"), 10)).isEqualTo(1);
        assertThat(RankingMetrics.ndcgAtK(ranked, Set.of(), 5)).isZero();
        assertThat(RankingMetrics.ndcgAtK(ranked, Set.of("b"), 2)).isZero();
    }

    @Test
    void averagePrecisionAndRecall() {
        List<Integer> ranked = List.of(1, 9, 2, 8, 3);
        assertThat(RankingMetrics.averagePrecisionAtK(ranked, Set.of(1, 2, 3), 5))
                .isCloseTo((1 + 2.0 / 3 + 3.0 / 5) / 3, within(1e-12));
        assertThat(RankingMetrics.recallAtK(ranked, Set.of(1, 2, 3, 4), 3)).isEqualTo(0.5);
        assertThatThrownBy(() -> RankingMetrics.recallAtK(ranked, Set.of(1), 0)).hasMessageContaining("k must");
    }

    @Test
    void aucAgreesWithCountingEveryPositiveNegativePair() {
        Random r = new Random(2);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + r.nextInt(80);
            double[] scores = new double[n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                scores[i] = r.nextInt(10); // ties
                labels[i] = i < 1 ? 1 : i < 2 ? 0 : r.nextInt(2);
            }
            double wins = 0;
            long pairs = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (labels[i] == 1 && labels[j] == 0) {
                        pairs++;
                        wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    }
                }
            }
            assertThat(RankingMetrics.auc(scores, labels)).isCloseTo(wins / pairs, within(1e-12));
        }
        assertThatThrownBy(() -> RankingMetrics.auc(new double[] {1, 2}, new int[] {1, 1}))
                .hasMessageContaining("both classes");
    }

    @Test
    void negativeSamplingIsSeededAndNeverDrawsAPositive() {
        Set<Integer> positives = new HashSet<>(List.of(3, 5, 7, 11));
        int[] a = new NegativeSampler(50, 3, 9).sample(positives);
        int[] b = new NegativeSampler(50, 3, 9).sample(positives);
        assertThat(a).hasSize(12).containsExactly(b);
        assertThat(a).doesNotContain(3, 5, 7, 11).doesNotHaveDuplicates();
        for (int v : a) {
            assertThat(v).isBetween(0, 49);
        }
        // a small catalogue: every non-positive item, once
        int[] all = new NegativeSampler(6, 5, 1).sample(Set.of(0, 1));
        assertThat(all).containsExactlyInAnyOrder(2, 3, 4, 5);
    }
}
