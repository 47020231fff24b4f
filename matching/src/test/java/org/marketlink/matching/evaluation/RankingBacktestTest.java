package org.marketlink.matching.evaluation;

import org.junit.jupiter.api.Test;
import org.marketlink.matching.evaluation.RankingBacktest.Cut;
import org.marketlink.matching.evaluation.RankingBacktest.RankerFactory;
import org.marketlink.matching.features.CollaborativeFeatures;
import org.marketlink.matching.features.InteractionHistory;
import org.marketlink.matching.features.InteractionWindow;
import org.marketlink.matching.scoring.LambdaMart;
import org.marketlink.matching.scoring.LinearRanker;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Selection, the training lists and the linear ranker, on small histories whose answers are known. */
class RankingBacktestTest {
    /** Buyer b buys item i on days 10 + i, 30 + i and 40 + i when b is even; odd buyers buy once, on day 12. */
    static InteractionHistory repeaters() {
        int buyers = 6;
        int items = 4;
        int[] b = new int[buyers * items * 3];
        int[] it = new int[b.length];
        int[] d = new int[b.length];
        int n = 0;
        for (int x = 0; x < buyers; x += 2) {
            for (int i = 0; i < items; i++) {
                b[n] = x;
                it[n] = i;
                d[n++] = 10 + i;
                b[n] = x;
                it[n] = i;
                d[n++] = 30 + i;
                b[n] = x;
                it[n] = i;
                d[n++] = 40 + i;
            }
        }
        for (int x = 1; x < buyers; x += 2) {
            b[n] = x;
            it[n] = x % items;
            d[n++] = 12;
        }
        return InteractionHistory.of(buyers, items, Arrays.copyOf(b, n), Arrays.copyOf(it, n), Arrays.copyOf(d, n));
    }

    @Test
    void theSelectionIsMadeOnTheEarlierCutAndOnlyTheChosenIsReported() {
        InteractionHistory h = repeaters();
        RankingBacktest backtest = new RankingBacktest(h, 2);
        RankerFactory evenFirst = (history, cut) -> (item, candidates, out) -> {
            for (int c = 0; c < candidates.length; c++) {
                out[c] = candidates[c] % 2 == 0 ? 1 : 0;
            }
        };
        RankerFactory oddFirst = (history, cut) -> (item, candidates, out) -> {
            for (int c = 0; c < candidates.length; c++) {
                out[c] = candidates[c] % 2;
            }
        };
        int[] fitted = new int[1];
        RankerFactory counted = (history, cut) -> {
            fitted[0]++;
            return oddFirst.fit(history, cut);
        };
        Map<String, RankerFactory> rankers = new LinkedHashMap<>();
        rankers.put("odd", counted);
        rankers.put("even", evenFirst);
        RankingBacktest.Selection s = backtest.select(rankers, new Cut(0, 20, 15), new Cut(0, 35, 10));
        assertThat(s.chosen()).isEqualTo("even");
        assertThat(s.onSelection().get("even").ndcg()).isGreaterThan(s.onSelection().get("odd").ndcg());
        assertThat(fitted[0]).isEqualTo(1); // the loser is never judged on the report cut
        assertThat(s.reported().ndcg()).isCloseTo(1.0, within(1e-12));
        assertThatThrownBy(() -> backtest.select(rankers, new Cut(0, 20, 15), new Cut(0, 30, 10)))
                .hasMessageContaining("must not end before");
    }

    @Test
    void trainingListsHoldTheFirstStagesBestAndLabelThemByTheOutcome() {
        InteractionHistory h = repeaters();
        InteractionWindow w = h.window(0, 20);
        CollaborativeFeatures f = CollaborativeFeatures.build(w, CollaborativeFeatures.Options.defaults());
        int[][] outcomes = h.buyersBetween(21, 40);
        LinearRanker.Examples ex = TrainingLists.build(f, outcomes, w.activeBuyers(), 4, 0, 1);
        // each list: the 4 buyers the first stage puts highest for the item; labels say who bought it after day 20
        assertThat(ex.groupStart().length - 1).isGreaterThan(0);
        for (int g = 0; g + 1 < ex.groupStart().length; g++) {
            assertThat(ex.groupStart()[g + 1] - ex.groupStart()[g]).isEqualTo(4);
        }
        int relevant = 0;
        for (boolean r : ex.relevant()) {
            relevant += r ? 1 : 0;
        }
        assertThat(relevant).isPositive().isLessThan(ex.rows());
    }

    @Test
    void bothObjectivesLearnAFeatureThatOrdersTheLists() {
        for (LinearRanker.Objective o : LinearRanker.Objective.values()) {
            LinearRanker m = LinearRanker.fit(List.of("signal", "noise"), lists(0), o, 1.0);
            assertThat(m.weights()[0]).as(o.name()).isGreaterThan(5 * Math.abs(m.weights()[1]));
        }
        // a shift per list that says nothing of the order: the pairwise loss ignores it, the pointwise one cannot
        LinearRanker pairwise = LinearRanker.fit(List.of("signal", "noise"), lists(3), LinearRanker.Objective.PAIRWISE,
                1.0);
        assertThat(pairwise.weights()[0]).isGreaterThan(5 * Math.abs(pairwise.weights()[1]));
        assertThatThrownBy(() -> LinearRanker.fit(List.of("one"), lists(0), LinearRanker.Objective.PAIRWISE, 1))
                .hasMessageContaining("1 names for 2 columns");
    }

    @Test
    void lambdaMartLearnsANonLinearOrder() {
        Random r = new Random(9);
        int groups = 300;
        int per = 40;
        double[] x = new double[groups * per * 2];
        boolean[] y = new boolean[groups * per];
        int[] start = new int[groups + 1];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < per; i++) {
                int row = g * per + i;
                double a = r.nextDouble();
                double b = r.nextDouble();
                x[row * 2] = a;
                x[row * 2 + 1] = b;
                y[row] = (a > 0.7 && b > 0.5) || r.nextDouble() < 0.02; // relevant only when both are high
            }
            start[g + 1] = (g + 1) * per;
        }
        LinearRanker.Examples ex = new LinearRanker.Examples(2, x, y, start);
        LambdaMart m = LambdaMart.fit(
                List.of("a", "b"), ex, LambdaMart.Options.defaults());
        LinearRanker lin = LinearRanker.fit(List.of("a", "b"), ex, LinearRanker.Objective.PAIRWISE, 1.0);
        double[] treeScore = new double[y.length];
        double[] linScore = new double[y.length];
        for (int row = 0; row < y.length; row++) {
            treeScore[row] = m.score(x, row * 2);
            linScore[row] = lin.score(x, row * 2);
        }
        int[] labels = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            labels[i] = y[i] ? 1 : 0;
        }
        double treeAuc = RankingMetrics.auc(treeScore, labels);
        double linAuc = RankingMetrics.auc(linScore, labels);
        assertThat(treeAuc).isGreaterThan(linAuc);
    }

    static LinearRanker.Examples lists(double shift) {
        Random r = new Random(5);
        int groups = 200;
        int per = 10;
        double[] x = new double[groups * per * 2];
        boolean[] y = new boolean[groups * per];
        int[] start = new int[groups + 1];
        for (int g = 0; g < groups; g++) {
            double level = r.nextGaussian() * shift;
            for (int i = 0; i < per; i++) {
                int row = g * per + i;
                double signal = r.nextGaussian();
                x[row * 2] = signal + level;
                x[row * 2 + 1] = r.nextGaussian();
                y[row] = signal + 0.3 * r.nextGaussian() > 1;
            }
            start[g + 1] = (g + 1) * per;
        }
        return new LinearRanker.Examples(2, x, y, start);
    }
}
