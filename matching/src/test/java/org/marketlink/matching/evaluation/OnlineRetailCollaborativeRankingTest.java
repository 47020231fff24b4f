package org.marketlink.matching.evaluation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marketlink.matching.evaluation.RankingBacktest.Cut;
import org.marketlink.matching.evaluation.RankingBacktest.RankerFactory;
import org.marketlink.matching.evaluation.RankingBacktest.Result;
import org.marketlink.matching.evaluation.RankingBacktest.Selection;
import org.marketlink.matching.features.CollaborativeFeatures;
import org.marketlink.matching.features.ImplicitFactors;
import org.marketlink.matching.features.InteractionHistory;
import org.marketlink.matching.features.InteractionWindow;
import org.marketlink.matching.retrieval.TopK;
import org.marketlink.matching.scoring.LambdaMart;
import org.marketlink.matching.scoring.LinearRanker;
import org.marketlink.testing.OnlineRetailPurchases;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ranking task on real data, with honest selection: in the UCI Online Retail file, customers are the buyers and
 * stock codes the items. For each item, rank every customer active by the cut for buying it in the next three months.
 * Every hyper-parameter (half-lives, neighbours, shrinkage, objective, factors) is chosen on the selection cut (history
 * to March 2011, outcomes April–June) and each family's choice is reported once on the report cut (history to June,
 * outcomes July–September), the split of {@code OnlineRetailRankingTest} in the ml module.
 */
class OnlineRetailCollaborativeRankingTest {
    static final int FIRST = (int) LocalDate.of(2010, 12, 1).toEpochDay();
    static final Cut SELECTION = new Cut(FIRST, (int) LocalDate.of(2011, 3, 31).toEpochDay(), 91);
    static final Cut REPORT = new Cut(FIRST, (int) LocalDate.of(2011, 6, 30).toEpochDay(), 92);
    /** The outcome span of the learned rankers' training lists, on both cuts (the selection cut's horizon). */
    static final int TRAIN_HORIZON_DAYS = 91;
    static InteractionHistory history;
    /** Each item's family: the first three digits of its stock code. */
    static int[] itemFamilies;

    @BeforeAll
    static void read() throws Exception {
        List<OnlineRetailPurchases.Purchase> purchases = OnlineRetailPurchases.read();
        Map<String, Integer> items = new HashMap<>();
        Map<String, Integer> buyers = new HashMap<>();
        int n = purchases.size();
        int[] buyer = new int[n];
        int[] item = new int[n];
        int[] day = new int[n];
        for (int e = 0; e < n; e++) {
            OnlineRetailPurchases.Purchase p = purchases.get(e);
            buyer[e] = buyers.computeIfAbsent(p.customer(), k -> buyers.size());
            item[e] = items.computeIfAbsent(p.stockCode(), k -> items.size());
            day[e] = (int) p.day().toEpochDay();
        }
        itemFamilies = new int[items.size()];
        items.forEach((code, index) -> itemFamilies[index] = Integer.parseInt(code.substring(0, 3)));
        history = InteractionHistory.of(buyers.size(), items.size(), buyer, item, day);
    }

    /** A ranker that scores with one function of the feature row. */
    interface RowScore {
        double of(double[] row, int at);
    }

    /** The feature rows of one window, in a buffer grown to the longest candidate list seen. */
    static final class Rows {
        final CollaborativeFeatures.Query query;
        final int width;
        double[] values = new double[0];

        Rows(CollaborativeFeatures features) {
            this.query = features.newQuery();
            this.width = features.width();
        }

        double[] fill(int item, int[] candidates) {
            if (values.length < candidates.length * width) {
                values = new double[candidates.length * width];
            }
            query.fill(item, candidates, values);
            return values;
        }
    }

    static RankerFactory byFeatures(CollaborativeFeatures.Options options, RowScore score) {
        return (h, cut) -> {
            Rows rows = new Rows(CollaborativeFeatures.build(h.window(cut.fromDay(), cut.cutDay()), options));
            return (it, candidates, out) -> {
                double[] x = rows.fill(it, candidates);
                for (int c = 0; c < candidates.length; c++) {
                    out[c] = score.of(x, c * rows.width);
                }
            };
        };
    }

    /** A fitted model's score of one feature row. */
    interface Model {
        double score(double[] row, int at);
    }

    /** Fits a model on training lists. */
    interface Trainer {
        Model fit(List<String> names, LinearRanker.Examples examples);
    }

    /** Trains on the previous cut of the same history span (outcomes ending at this cut), ranks with the model. */
    static RankerFactory learned(CollaborativeFeatures.Options options, int[] categories, Trainer trainer, int depth,
                                 int random) {
        return (h, cut) -> {
            int trainCut = cut.cutDay() - TRAIN_HORIZON_DAYS;
            InteractionWindow trainWindow = h.window(cut.fromDay(), trainCut);
            CollaborativeFeatures trainFeatures = CollaborativeFeatures.build(trainWindow, options, categories, null);
            LinearRanker.Examples examples = TrainingLists.build(trainFeatures,
                    h.buyersBetween(trainCut + 1, cut.cutDay()), trainWindow.activeBuyers(), depth, random, 2011);
            Model model = trainer.fit(trainFeatures.names(), examples);
            Rows rows = new Rows(CollaborativeFeatures.build(h.window(cut.fromDay(), cut.cutDay()), options,
                    categories, null));
            return (it, candidates, out) -> {
                double[] x = rows.fill(it, candidates);
                // two stages: the model reorders the first stage's top `depth`; below them the first stage's order
                TopK top = new TopK(depth);
                for (int c = 0; c < candidates.length; c++) {
                    out[c] = TrainingLists.firstStage(x, c * rows.width);
                    top.offer(c, out[c]);
                }
                int[] ids = new int[depth];
                int n = top.drainBestFirst(ids, new double[depth], 0);
                for (int i = 0; i < n; i++) {
                    out[ids[i]] = 1e9 + model.score(x, ids[i] * rows.width);
                }
            };
        };
    }

    @Test
    void theLearnedRankerBeatsEveryBaselineWithEverythingChosenOnAnEarlierWindow() {
        RankingBacktest backtest = new RankingBacktest(history, 10);
        CollaborativeFeatures.Options base = CollaborativeFeatures.Options.defaults();
        Map<String, Map<String, RankerFactory>> families = new LinkedHashMap<>();
        Map<String, RankerFactory> popularity = new LinkedHashMap<>();
        popularity.put("breadth", byFeatures(base, (r, at) -> r[at + 4]));
        popularity.put("activity", byFeatures(base, (r, at) -> r[at + 2]));
        popularity.put("visits", byFeatures(base, (r, at) -> r[at + 5]));
        families.put("popularity", popularity);
        families.put("item history", Map.of("count", byFeatures(base.withRepeatHalfLife(1e9),
                (r, at) -> r[at] + 1e-6 * r[at + 4])));
        Map<String, RankerFactory> recency = new LinkedHashMap<>();
        for (double halfLife : new double[] {15, 30, 60, 120}) {
            for (double activity : new double[] {15, 60}) {
                // ties among the buyers with the same history of the item: by activity (lines) or visits (days)
                for (int tie : new int[] {2, 5}) {
                    recency.put("repeat " + halfLife + "d, " + (tie == 2 ? "activity " : "visits ") + activity + "d",
                            byFeatures(base.withRepeatHalfLife(halfLife).withActivityHalfLife(activity),
                                    (r, at) -> r[at] + 1e-3 * r[at + tie]));
                }
            }
        }
        families.put("recency-weighted history", recency);
        Map<String, RankerFactory> knn = new LinkedHashMap<>();
        for (int neighbours : new int[] {20, 50, 100}) {
            for (double shrinkage : new double[] {2, 10}) {
                knn.put("knn " + neighbours + ", shrinkage " + shrinkage, byFeatures(base.withSimilarity(
                        base.similarity().withNeighbours(neighbours).withShrinkage(shrinkage)),
                        (r, at) -> r[at + 1] + 1e-6 * r[at + 2]));
            }
        }
        families.put("item-kNN", knn);
        Map<String, RankerFactory> learned = new LinkedHashMap<>();
        for (LinearRanker.Objective objective : LinearRanker.Objective.values()) {
            learned.put(objective.name(), learned(base, itemFamilies,
                    (names, ex) -> LinearRanker.fit(names, ex, objective, 1.0)::score, 100, 20));
        }
        for (int leaves : new int[] {8}) {
            for (boolean factors : new boolean[] {false, true}) {
                CollaborativeFeatures.Options o = factors ? base.withFactors(ImplicitFactors.Options.defaults()) : base;
                learned.put("LambdaMART " + leaves + " leaves" + (factors ? " + factors" : ""), learned(o,
                        itemFamilies, (names, ex) -> LambdaMart.fit(names, ex,
                                LambdaMart.Options.defaults().withLeaves(leaves))::score, 100, 20));
            }
        }
        families.put("learned", learned);

        Map<String, Selection> chosen = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, RankerFactory>> family : families.entrySet()) {
            Selection s = backtest.select(family.getValue(), SELECTION, REPORT);
            chosen.put(family.getKey(), s);
            Result r = s.reported();
            s.onSelection().forEach((name, result) -> System.out.printf("  on selection: %-40s NDCG@10 %.4f%n", name,
                    result.ndcg()));
            System.out.printf("%-26s chosen %-34s selection NDCG@10 %.4f | report NDCG@10 %.4f MAP@10 %.4f "
                            + "recall@10 %.4f (%d items)%n", family.getKey(), s.chosen(),
                    s.onSelection().get(s.chosen()).ndcg(), r.ndcg(), r.map(), r.recall(), r.queries());
        }
        double learnedNdcg = chosen.get("learned").reported().ndcg();
        double strongestBaseline = chosen.entrySet().stream().filter(e -> !e.getKey().equals("learned"))
                .mapToDouble(e -> e.getValue().reported().ndcg()).max().orElseThrow();
        assertThat(chosen.get("learned").reported().queries()).isGreaterThan(1000);
        assertThat(learnedNdcg).isGreaterThan(strongestBaseline);
        // measured: 0.3189 (0.3058 before the visits column and the first stage's activity tie-break)
        assertThat(learnedNdcg).isGreaterThan(0.315);
    }
}
