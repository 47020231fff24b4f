package org.marketlink.matching.evaluation;

import org.marketlink.matching.features.InteractionHistory;
import org.marketlink.matching.features.InteractionWindow;
import org.marketlink.matching.retrieval.TopK;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Honest model selection for ranking, over an {@link InteractionHistory}: a ranker is fitted with what is known at the
 * end of a cut day, ranks every active buyer for every item, and is judged on who bought the item in the horizon after
 * the cut. {@link #select} compares several candidate rankers on one cut (window B), keeps the best by NDCG@k, and
 * reports only that one on a later cut (window C): a choice made on C would make C's figure optimistic.
 *
 * <p>For a cut, the candidates are the buyers with at least one event in the history window; the queries are the items
 * with at least one candidate among their buyers in the horizon; an item's relevant buyers are those candidates. A
 * ranker gets the history and the cut, and must not read events after the cut day (its fit is given the history
 * whole, so that it can train on earlier cuts of its own, as the learned rankers do).
 *
 * <p>Stateless apart from the history and {@code k}; thread-safe when the rankers are.
 */
public final class RankingBacktest {
    /** Scores buyers for an item. */
    @FunctionalInterface
    public interface Ranker {
        /** Writes the score of {@code candidates[c]} for {@code item} into {@code out[c]}; higher ranks first. */
        void score(int item, int[] candidates, double[] out);
    }

    /** Builds a ranker from what is known at a cut. */
    @FunctionalInterface
    public interface RankerFactory {
        /** A ranker that uses events of {@code history} on days {@code cut.fromDay() .. cut.cutDay()} only. */
        Ranker fit(InteractionHistory history, Cut cut);
    }

    /**
     * A point in time to rank at.
     *
     * @param fromDay     the first day of history the ranker may use
     * @param cutDay      the last day of history; rankings are made at its end
     * @param horizonDays outcomes are the events on days {@code cutDay + 1 .. cutDay + horizonDays}
     */
    public record Cut(int fromDay, int cutDay, int horizonDays) {
        /** Checks the days are in order. */
        public Cut {
            if (fromDay > cutDay || horizonDays < 1) {
                throw new IllegalArgumentException("need fromDay ≤ cutDay and horizonDays ≥ 1, were " + fromDay
                        + ", " + cutDay + ", " + horizonDays);
            }
        }

        /** The same span of history and horizon, {@code days} earlier. */
        public Cut earlier(int days) {
            return new Cut(fromDay - days, cutDay - days, horizonDays);
        }
    }

    /**
     * The mean metrics of one ranker on one cut.
     *
     * @param queries the number of items judged
     */
    public record Result(String name, double ndcg, double map, double recall, int queries) {
    }

    /**
     * The outcome of a selection: every candidate's result on the selection cut, the chosen one, and the chosen one's
     * result on the report cut.
     */
    public record Selection(Map<String, Result> onSelection, String chosen, Result reported) {
    }

    private final InteractionHistory history;
    private final int k;

    /** A backtest over {@code history} judging the top {@code k} of each ranking. */
    public RankingBacktest(InteractionHistory history, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        this.history = history;
        this.k = k;
    }

    /** Fits {@code factory} at {@code cut} and judges it there. */
    public Result evaluate(String name, RankerFactory factory, Cut cut) {
        InteractionWindow window = history.window(cut.fromDay(), cut.cutDay());
        int[] candidates = window.activeBuyers();
        boolean[] isCandidate = new boolean[history.buyers()];
        for (int b : candidates) {
            isCandidate[b] = true;
        }
        int[][] outcomes = history.buyersBetween(cut.cutDay() + 1, cut.cutDay() + cut.horizonDays());
        Ranker ranker = factory.fit(history, cut);
        double[] scores = new double[candidates.length];
        TopK top = new TopK(k);
        int[] ids = new int[k];
        double[] best = new double[k];
        double ndcg = 0;
        double map = 0;
        double recall = 0;
        int queries = 0;
        for (int item = 0; item < outcomes.length; item++) {
            Set<Integer> relevant = new HashSet<>();
            for (int b : outcomes[item]) {
                if (isCandidate[b]) {
                    relevant.add(b);
                }
            }
            if (relevant.isEmpty()) {
                continue;
            }
            ranker.score(item, candidates, scores);
            top.clear();
            for (int c = 0; c < candidates.length; c++) {
                top.offer(c, scores[c]);
            }
            int n = top.drainBestFirst(ids, best, 0);
            List<Integer> ranked = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ranked.add(candidates[ids[i]]);
            }
            ndcg += RankingMetrics.ndcgAtK(ranked, relevant, k);
            map += RankingMetrics.averagePrecisionAtK(ranked, relevant, k);
            recall += RankingMetrics.recallAtK(ranked, relevant, k);
            queries++;
        }
        int q = Math.max(1, queries);
        return new Result(name, ndcg / q, map / q, recall / q, queries);
    }

    /**
     * Judges every candidate on {@code selection}, keeps the best by NDCG@k (ties: the first given), and judges only
     * that one on {@code report}. {@code report}'s outcomes must come after {@code selection}'s.
     */
    public Selection select(Map<String, RankerFactory> rankers, Cut selection, Cut report) {
        if (rankers.isEmpty()) {
            throw new IllegalArgumentException("no rankers to select from");
        }
        if (report.cutDay() < selection.cutDay() + selection.horizonDays()) {
            throw new IllegalArgumentException("the report cut (day " + report.cutDay()
                    + ") must not end before the selection outcomes end (day "
                    + (selection.cutDay() + selection.horizonDays()) + ")");
        }
        Map<String, Result> results = new LinkedHashMap<>();
        String chosen = null;
        for (Map.Entry<String, RankerFactory> e : rankers.entrySet()) {
            Result r = evaluate(e.getKey(), e.getValue(), selection);
            results.put(e.getKey(), r);
            if (chosen == null || r.ndcg() > results.get(chosen).ndcg()) {
                chosen = e.getKey();
            }
        }
        return new Selection(results, chosen, evaluate(chosen, rankers.get(chosen), report));
    }
}
