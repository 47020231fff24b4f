package org.marketlink.matching.retrieval;

import org.marketlink.core.Checks;
import org.marketlink.core.HostThreads;
import org.marketlink.core.model.Buyer;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.scoring.Explanation;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.WeightedScorer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Exact top-k retrieval with the weighted scorer: the best buyers for a group, for every group, and the best groups
 * for a buyer. Every pair that passes the hard filters is scored; there is no approximation and no pruning, so the
 * result is what scoring every pair one by one gives (ties broken by input order). Filtered pairs are never returned,
 * so a list can be shorter than k.
 *
 * <p>Build once per catalogue snapshot (binding names to indices and laying the data out in columns happens here),
 * then query from any number of threads: a built retriever is immutable and thread-safe.
 */
public final class MatchRetriever {
    private final List<ShgProfile> shgs;
    private final List<Buyer> buyers;
    private final Map<UUID, Integer> shgIndex = new HashMap<>();
    private final Map<UUID, Integer> buyerIndex = new HashMap<>();
    private final WeightedScorer scorer;
    private final PairKernel kernel;

    private MatchRetriever(List<ShgProfile> shgs, List<Buyer> buyers, PairFeatures.Options features,
                           WeightedScorer scorer, HardFilters filters) {
        this.shgs = List.copyOf(shgs);
        this.buyers = List.copyOf(buyers);
        this.scorer = scorer;
        for (int i = 0; i < this.shgs.size(); i++) {
            if (shgIndex.put(this.shgs.get(i).shg().id(), i) != null) {
                throw new IllegalArgumentException("shg " + this.shgs.get(i).shg().id() + " is listed twice");
            }
        }
        for (int i = 0; i < this.buyers.size(); i++) {
            if (buyerIndex.put(this.buyers.get(i).id(), i) != null) {
                throw new IllegalArgumentException("buyer " + this.buyers.get(i).id() + " is listed twice");
            }
        }
        this.kernel = new PairKernel(this.shgs, this.buyers, features, scorer.weights(), filters);
    }

    /**
     * Lays out groups and buyers for retrieval.
     *
     * @throws IllegalArgumentException when an argument is null or an id appears twice
     */
    public static MatchRetriever build(List<ShgProfile> shgs, List<Buyer> buyers, PairFeatures.Options features,
                                       WeightedScorer scorer, HardFilters filters) {
        if (shgs == null || buyers == null || features == null || scorer == null || filters == null) {
            throw new IllegalArgumentException("shgs, buyers, features, scorer and filters must not be null");
        }
        return new MatchRetriever(shgs, buyers, features, scorer, filters);
    }

    /** The number of groups the retriever holds. */
    public int shgCount() {
        return shgs.size();
    }

    /** The number of buyers the retriever holds. */
    public int buyerCount() {
        return buyers.size();
    }

    /** The group at {@code index} in the retriever's input order (the indices of a {@link TopKTable}). */
    public ShgProfile shg(int index) {
        return shgs.get(index);
    }

    /** The buyer at {@code index} in the retriever's input order (the indices of a {@link TopKTable}). */
    public Buyer buyer(int index) {
        return buyers.get(index);
    }

    /** The best {@code k} buyers for one group, best first. */
    public List<Recommendation> topBuyers(UUID shgId, int k) {
        int s = indexOf(shgIndex, shgId, "shg");
        TopK heap = new TopK(k);
        scanBuyers(s, heap);
        return toList(heap, s, true);
    }

    /** The best {@code k} groups for one buyer, best first. */
    public List<Recommendation> topShgs(UUID buyerId, int k) {
        int b = indexOf(buyerIndex, buyerId, "buyer");
        TopK heap = new TopK(k);
        for (int s = 0; s < kernel.shgCount; s++) {
            double score = kernel.score(s, b);
            if (score == score && score >= heap.threshold()) {
                heap.offer(s, score);
            }
        }
        return toList(heap, b, false);
    }

    /**
     * The best {@code k} buyers for every group, computed on all cores (the common fork-join pool). Row {@code s} of
     * the table belongs to {@code shg(s)}; ids are buyer indices.
     */
    public TopKTable topBuyersForAll(int k) {
        TopKTable table = new TopKTable(kernel.shgCount, checkK(k));
        IntStream.range(0, kernel.shgCount).parallel().forEach(s -> {
            TopK heap = new TopK(k);
            scanBuyers(s, heap);
            table.fill(s, heap);
        });
        return table;
    }

    /**
     * As {@link #topBuyersForAll(int)}, on the host's {@code executor}, telling {@code groupsDone} how far it is.
     * The groups go in blocks of 64 to the executor; the calling thread takes the blocks in order, processing
     * itself any block the executor has not started yet (so a small, saturated or idle executor slows the call
     * and cannot stall it), and after each one calls {@code groupsDone} with the number of groups finished so far
     * — on the calling thread, at most once per block. No thread is made.
     *
     * @param k          buyers per group, ≥ 1
     * @param executor   the host's threads
     * @param groupsDone progress, called with the groups finished so far (the last call is {@code shgCount()})
     * @return the table
     */
    public TopKTable topBuyersForAll(int k, Executor executor, IntConsumer groupsDone) {
        Checks.notNull("executor", executor);
        Checks.notNull("groupsDone", groupsDone);
        TopKTable table = new TopKTable(kernel.shgCount, checkK(k));
        int block = 64;
        int groups = kernel.shgCount;
        HostThreads.runBlocks(executor, (groups + block - 1) / block, b -> {
            for (int s = b * block, end = Math.min(groups, (b + 1) * block); s < end; s++) {
                TopK heap = new TopK(k);
                scanBuyers(s, heap);
                table.fill(s, heap);
            }
        }, b -> groupsDone.accept(Math.min(groups, b * block)), "ranking buyers");
        return table;
    }

    /** The feature vector of a pair (hard filters are not applied). */
    public double[] features(UUID shgId, UUID buyerId) {
        return kernel.features(indexOf(shgIndex, shgId, "shg"), indexOf(buyerIndex, buyerId, "buyer"));
    }

    /** The weighted score of a pair with each feature's contribution (hard filters are not applied). */
    public Explanation explain(UUID shgId, UUID buyerId) {
        return scorer.explain(features(shgId, buyerId));
    }

    /** The score retrieval ranks by, or NaN when a hard filter rejects the pair. */
    public double score(int shg, int buyer) {
        return kernel.score(shg, buyer);
    }

    /** The index of a buyer in the input order, or -1 when it is not held. */
    int buyerIndexOf(UUID buyerId) {
        Integer i = buyerIndex.get(buyerId);
        return i == null ? -1 : i;
    }

    /** The index of a group in the input order; throws for a group not held. */
    int shgIndexOf(UUID shgId) {
        return indexOf(shgIndex, shgId, "shg");
    }

    /** The pair features of group {@code s} and buyer {@code b} by index (hard filters are not applied). */
    double[] features(int s, int b) {
        return kernel.features(s, b);
    }

    /** As {@link #features(int, int)}, written into the first {@code PairFeature.count()} places of {@code out}. */
    void features(int s, int b, double[] out) {
        kernel.features(s, b, out);
    }

    void scanBuyers(int s, TopK heap) {
        kernel.scanBuyers(s, heap);
    }

    private List<Recommendation> toList(TopK heap, int query, boolean queryIsShg) {
        int n = heap.size();
        int[] ids = new int[n];
        double[] scores = new double[n];
        heap.drainBestFirst(ids, scores, 0);
        List<Recommendation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            UUID shgId = shgs.get(queryIsShg ? query : ids[i]).shg().id();
            UUID buyerId = buyers.get(queryIsShg ? ids[i] : query).id();
            out.add(new Recommendation(shgId, buyerId, scores[i], i + 1));
        }
        return out;
    }

    private static int checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        return k;
    }

    private static int indexOf(Map<UUID, Integer> index, UUID id, String what) {
        Integer i = index.get(id);
        if (i == null) {
            throw new IllegalArgumentException("unknown " + what + " " + id);
        }
        return i;
    }
}
