package org.marketlink.matching.retrieval;

import org.marketlink.core.Checks;
import org.marketlink.matching.features.MatchAffinity;
import org.marketlink.matching.features.PairFeature;
import org.marketlink.matching.scoring.Explanation;
import org.marketlink.matching.scoring.PairScorer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Buyers for every group ranked in two stages: candidates from the fast exact weighted retriever and from the
 * group's collaborative reach, then every candidate scored by a learned {@link PairScorer} on the pair features
 * followed by the {@link MatchAffinity} columns. A group with no completed match in the history (the cold start)
 * keeps the weighted ranking: the learned scorer has nothing of its own to say about it.
 *
 * <p>A group's candidates are the first stage's best {@code depth} buyers that pass the hard filters, and every buyer
 * of its {@link MatchAffinity#reach reach} that passes them too. A buyer outside both has no repeat or neighbour
 * signal with the group and a weighted score below the depth-th, so it is left out; with {@code depth} at least the
 * number of buyers the ranking is exact.
 *
 * <p>Scores of learned and cold-start groups are both in 0..1 (a calibrated learned scorer's is a probability), but
 * they are different scales: compare scores within a group. Immutable and thread-safe once built.
 */
public final class TwoStageRetriever {
    private final MatchRetriever firstStage;
    private final MatchAffinity affinity;
    private final PairScorer scorer;
    private final int depth;
    private final List<String> featureNames;
    /** Per group, the buyer indices of its collaborative reach that the first stage holds; null for a cold start. */
    private final int[][] reach;

    private TwoStageRetriever(MatchRetriever firstStage, MatchAffinity affinity, PairScorer scorer, int depth,
                              List<String> featureNames) {
        this.firstStage = firstStage;
        this.affinity = affinity;
        this.scorer = scorer;
        this.depth = depth;
        this.featureNames = featureNames;
        this.reach = new int[firstStage.shgCount()][];
        for (int s = 0; s < reach.length; s++) {
            UUID shg = firstStage.shg(s).shg().id();
            if (!affinity.knows(shg)) {
                continue;
            }
            List<UUID> buyers = affinity.reach(shg);
            int[] held = new int[buyers.size()];
            int n = 0;
            for (UUID b : buyers) {
                int i = firstStage.buyerIndexOf(b);
                if (i >= 0) {
                    held[n++] = i;
                }
            }
            reach[s] = Arrays.copyOf(held, n);
        }
    }

    /**
     * A two-stage retriever over the groups and buyers of {@code firstStage}.
     *
     * @param firstStage the weighted retriever that proposes candidates and ranks cold-start groups
     * @param affinity   the collaborative columns, built from the history up to the day ranked for
     * @param scorer     the learned scorer; its feature names must be {@link #featureNames(MatchAffinity)}
     * @param depth      how many of the first stage's best buyers each group's candidates hold, ≥ 1
     * @throws IllegalArgumentException when an argument is null, {@code depth < 1}, or the scorer expects other
     *                                  features (both lists are named)
     */
    public static TwoStageRetriever of(MatchRetriever firstStage, MatchAffinity affinity, PairScorer scorer,
                                       int depth) {
        Checks.notNull("firstStage", firstStage);
        Checks.notNull("affinity", affinity);
        Checks.notNull("scorer", scorer);
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, was " + depth);
        }
        List<String> expected = featureNames(affinity);
        if (!scorer.featureNames().equals(expected)) {
            throw new IllegalArgumentException("the scorer expects features " + scorer.featureNames()
                    + " but the two-stage retriever gives " + expected);
        }
        return new TwoStageRetriever(firstStage, affinity, scorer, depth, expected);
    }

    /** The feature vector a learned scorer sees: the {@link PairFeature} keys, then the affinity's columns. */
    public static List<String> featureNames(MatchAffinity affinity) {
        List<String> names = new ArrayList<>();
        for (PairFeature f : PairFeature.values()) {
            names.add(f.key());
        }
        for (String c : affinity.names()) {
            names.add("collab_" + c);
        }
        return List.copyOf(names);
    }

    /** The names of {@link #features}, in order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The first stage: the weighted retriever (its indices are this retriever's). */
    public MatchRetriever firstStage() {
        return firstStage;
    }

    /** The collaborative columns it ranks with. */
    public MatchAffinity affinity() {
        return affinity;
    }

    /** The learned scorer it ranks with. */
    public PairScorer scorer() {
        return scorer;
    }

    /** Whether group {@code s} (an index of the first stage) is ranked by the learned scorer, not the cold start. */
    public boolean learned(int s) {
        return reach[s] != null;
    }

    /** The best {@code k} buyers for every group, on the common fork-join pool; ids are buyer indices. */
    public TopKTable topBuyersForAll(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        TopKTable table = new TopKTable(firstStage.shgCount(), k);
        IntStream.range(0, firstStage.shgCount()).parallel().forEach(s -> table.fill(s, rank(s, k)));
        return table;
    }

    /** The best {@code k} buyers for one group, best first. */
    public List<Recommendation> topBuyers(UUID shgId, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        int s = firstStage.shgIndexOf(shgId);
        TopK heap = rank(s, k);
        int n = heap.size();
        int[] ids = new int[n];
        double[] scores = new double[n];
        heap.drainBestFirst(ids, scores, 0);
        List<Recommendation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Recommendation(shgId, firstStage.buyer(ids[i]).id(), scores[i], i + 1));
        }
        return out;
    }

    /** The learned scorer's feature vector of a pair ({@link #featureNames()}; hard filters are not applied). */
    public double[] features(UUID shgId, UUID buyerId) {
        double[] pair = firstStage.features(shgId, buyerId);
        double[] collab = affinity.features(shgId, List.of(buyerId));
        double[] out = Arrays.copyOf(pair, pair.length + collab.length);
        System.arraycopy(collab, 0, out, pair.length, collab.length);
        return out;
    }

    /**
     * Why a pair scores what it does: the learned scorer's explanation over every feature, collaborative ones
     * included, for a group it ranks; the weighted scorer's for a cold-start group.
     */
    public Explanation explain(UUID shgId, UUID buyerId) {
        int s = firstStage.shgIndexOf(shgId);
        return learned(s) ? scorer.explain(features(shgId, buyerId)) : firstStage.explain(shgId, buyerId);
    }

    private TopK rank(int s, int k) {
        if (reach[s] == null) {
            TopK heap = new TopK(k);
            firstStage.scanBuyers(s, heap);
            return heap;
        }
        TopK first = new TopK(depth);
        firstStage.scanBuyers(s, first);
        int[] candidates = new int[first.size() + reach[s].length];
        int n = first.drainBestFirst(candidates, new double[first.size()], 0);
        for (int b : reach[s]) {
            double weighted = firstStage.score(s, b);
            if (weighted == weighted) { // not rejected by a hard filter
                candidates[n++] = b;
            }
        }
        candidates = Arrays.copyOf(candidates, n);
        Arrays.sort(candidates);
        UUID shg = firstStage.shg(s).shg().id();
        List<UUID> ids = new ArrayList<>(n);
        int unique = 0;
        for (int c = 0; c < n; c++) {
            if (c == 0 || candidates[c] != candidates[c - 1]) {
                candidates[unique++] = candidates[c];
                ids.add(firstStage.buyer(candidates[c]).id());
            }
        }
        double[] collab = affinity.features(shg, ids);
        int width = collab.length / Math.max(1, unique);
        int pairWidth = PairFeature.count();
        double[] row = new double[pairWidth + width];
        TopK heap = new TopK(k);
        for (int c = 0; c < unique; c++) {
            firstStage.features(s, candidates[c], row);
            System.arraycopy(collab, c * width, row, pairWidth, width);
            heap.offer(candidates[c], scorer.score(row));
        }
        return heap;
    }
}
