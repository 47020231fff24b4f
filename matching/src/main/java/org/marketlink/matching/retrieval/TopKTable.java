package org.marketlink.matching.retrieval;

/**
 * The top-k lists of many queries (for example every group's best buyers) in two flat arrays: query {@code q}'s list
 * is at {@code q * k .. q * k + count(q)}, best first. Indices refer to the retriever's input lists. Filled by the
 * retriever and read-only once returned, so any thread may read it; a rank beyond a query's count is an
 * {@link IndexOutOfBoundsException} naming both.
 */
public final class TopKTable {
    private final int k;
    private final int[] ids;
    private final double[] scores;
    private final int[] counts;

    TopKTable(int queries, int k) {
        this.k = k;
        this.ids = new int[queries * k];
        this.scores = new double[queries * k];
        this.counts = new int[queries];
    }

    void fill(int query, TopK heap) {
        counts[query] = heap.drainBestFirst(ids, scores, query * k);
    }

    /** The number of queries (lists) in the table. */
    public int queries() {
        return counts.length;
    }

    /** The longest a list can be. */
    public int k() {
        return k;
    }

    /** How many results query {@code q} has (fewer than k when filters leave fewer candidates). */
    public int count(int q) {
        return counts[q];
    }

    /** The index of the candidate at {@code rank} (0-based) of query {@code q}. */
    public int id(int q, int rank) {
        checkRank(q, rank);
        return ids[q * k + rank];
    }

    /** Its score. */
    public double score(int q, int rank) {
        checkRank(q, rank);
        return scores[q * k + rank];
    }

    private void checkRank(int q, int rank) {
        if (rank < 0 || rank >= counts[q]) {
            throw new IndexOutOfBoundsException("query " + q + " has " + counts[q] + " results, asked for rank " + rank);
        }
    }
}
