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
import org.marketlink.testing.CsvLines;
import org.marketlink.testing.SharedData;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

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
    static InteractionHistory history;
    /** Each item's family: the first three digits of its stock code. */
    static int[] itemFamilies;

    @BeforeAll
    static void read() throws Exception {
        Map<String, Integer> items = new HashMap<>();
        Map<String, Integer> buyers = new HashMap<>();
        int[] buyer = new int[1 << 19];
        int[] item = new int[buyer.length];
        int[] day = new int[buyer.length];
        int n = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(SharedData.file("online_retail_2010-12_2011-09.csv.gz"))), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String raw; (raw = in.readLine()) != null; ) {
                List<String> c = CsvLines.split(raw);
                String invoice = c.get(0);
                String code = c.get(1);
                String customer = c.get(6);
                // cancellations, pseudo-items (POST, DOT, M, ...), anonymous sales and returns carry no preference
                if (invoice.startsWith("C") || code.isEmpty() || !Character.isDigit(code.charAt(0))
                        || customer.isEmpty() || Double.parseDouble(c.get(3)) <= 0) {
                    continue;
                }
                if (n == buyer.length) {
                    buyer = Arrays.copyOf(buyer, n * 2);
                    item = Arrays.copyOf(item, n * 2);
                    day = Arrays.copyOf(day, n * 2);
                }
                buyer[n] = buyers.computeIfAbsent(customer, k -> buyers.size());
                item[n] = items.computeIfAbsent(code, k -> items.size());
                day[n] = (int) LocalDate.parse(c.get(4).substring(0, 10)).toEpochDay();
                n++;
            }
        }
        itemFamilies = new int[items.size()];
        items.forEach((code, index) -> itemFamilies[index] = Integer.parseInt(code.substring(0, 3)));
        history = InteractionHistory.of(buyers.size(), items.size(), Arrays.copyOf(buyer, n),
                Arrays.copyOf(item, n), Arrays.copyOf(day, n));
    }

    /** A ranker that scores with one function of the feature row. */
    interface RowScore {
        double of(double[] row, int at);
    }

    static RankerFactory byFeatures(CollaborativeFeatures.Options options, RowScore score) {
        return (h, cut) -> {
            CollaborativeFeatures features = CollaborativeFeatures.build(h.window(cut.fromDay(), cut.cutDay()),
                    options);
            CollaborativeFeatures.Query query = features.newQuery();
            int width = features.width();
            double[][] rows = {new double[0]};
            return (it, candidates, out) -> {
                if (rows[0].length < candidates.length * width) {
                    rows[0] = new double[candidates.length * width];
                }
                query.fill(it, candidates, rows[0]);
                for (int c = 0; c < candidates.length; c++) {
                    out[c] = score.of(rows[0], c * width);
                }
            };
        };
    }

    /** Trains on the previous cut of the same history span (outcomes ending at this cut), ranks with the model. */
    /** A fitted model's score of one feature row. */
    interface Model {
        double score(double[] row, int at);
    }

    /** Fits a model on training lists. */
    interface Trainer {
        Model fit(List<String> names, LinearRanker.Examples examples);
    }

    static RankerFactory learned(CollaborativeFeatures.Options options, int[] categories,
                                 Trainer trainer, int depth, int random, int trainHorizon) {
        return (h, cut) -> {
            int trainCut = cut.cutDay() - trainHorizon;
            InteractionWindow trainWindow = h.window(cut.fromDay(), trainCut);
            CollaborativeFeatures trainFeatures = CollaborativeFeatures.build(trainWindow, options, categories, null);
            LinearRanker.Examples examples = TrainingLists.build(trainFeatures,
                    h.buyersBetween(trainCut + 1, cut.cutDay()), trainWindow.activeBuyers(), depth, random, 2011);
            Model model = trainer.fit(trainFeatures.names(), examples);
            CollaborativeFeatures features = CollaborativeFeatures.build(h.window(cut.fromDay(), cut.cutDay()),
                    options, categories, null);
            CollaborativeFeatures.Query query = features.newQuery();
            int width = features.width();
            double[][] rows = {new double[0]};
            return (it, candidates, out) -> {
                if (rows[0].length < candidates.length * width) {
                    rows[0] = new double[candidates.length * width];
                }
                query.fill(it, candidates, rows[0]);
                // two stages: the model reorders the first stage's top `depth`; below them the first stage's order
                TopK top = new TopK(depth);
                for (int c = 0; c < candidates.length; c++) {
                    out[c] = TrainingLists.firstStage(rows[0], c * width);
                    top.offer(c, out[c]);
                }
                int[] ids = new int[depth];
                int n = top.drainBestFirst(ids, new double[depth], 0);
                for (int i = 0; i < n; i++) {
                    out[ids[i]] = 1e9 + model.score(rows[0], ids[i] * width);
                }
            };
        };
    }

    @Test
    void theLearnedRankerBeatsEveryBaselineWithEverythingChosenOnAnEarlierWindow() {
        RankingBacktest backtest = new RankingBacktest(history, 10);
        CollaborativeFeatures.Options base = CollaborativeFeatures.Options.defaults();
        Map<String, Map<String, RankerFactory>> families = new LinkedHashMap<>();
        families.put("popularity", Map.of("breadth", byFeatures(base, (r, at) -> r[at + 4])));
        families.put("item history", Map.of("count", byFeatures(base.withRepeatHalfLife(1e9),
                (r, at) -> r[at] + 1e-6 * r[at + 4])));
        Map<String, RankerFactory> recency = new LinkedHashMap<>();
        for (double halfLife : new double[] {15, 30, 60, 120}) {
            for (double activity : new double[] {15, 60}) {
                recency.put("repeat " + halfLife + "d, activity " + activity + "d",
                        byFeatures(base.withRepeatHalfLife(halfLife).withActivityHalfLife(activity),
                                (r, at) -> r[at] + 1e-3 * r[at + 2]));
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
                    (names, ex) -> LinearRanker.fit(names, ex, objective, 1.0)::score, 100, 20, 91));
        }
        for (int leaves : new int[] {8}) {
            for (boolean factors : new boolean[] {false, true}) {
                CollaborativeFeatures.Options o = factors ? base.withFactors(ImplicitFactors.Options.defaults()) : base;
                learned.put("LambdaMART " + leaves + " leaves" + (factors ? " + factors" : ""), learned(o,
                        itemFamilies, (names, ex) -> LambdaMart.fit(names, ex,
                                LambdaMart.Options.defaults().withLeaves(leaves))::score, 100, 20, 91));
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
    }
}
