package org.marketlink.matching.scoring;

import java.util.Arrays;
import java.util.List;

/**
 * Gradient-boosted regression trees trained with the LambdaRank gradients (Burges, "From RankNet to LambdaRank to
 * LambdaMART", 2010): a listwise ranker that can learn the non-linear interplay a {@link LinearRanker} cannot (a
 * repeat purchase that matters only for an active buyer). In each round every (relevant, not relevant) pair of a list
 * pushes the two candidates apart by the RankNet gradient times the change in NDCG that swapping them would make, and
 * one regression tree is fitted to those pushes with Newton leaf values. Trees are grown on per-feature histograms of
 * at most 64 quantile bins, so a round is a few passes over primitive arrays.
 *
 * <p>Deterministic (no sampling). Immutable and thread-safe once fitted.
 */
public final class LambdaMart {
    /**
     * @param trees        boosting rounds, ≥ 1
     * @param leaves       the most leaves per tree (grown depth-first to depth {@code ceil(log2(leaves))}), ≥ 2
     * @param learningRate the shrinkage of each tree, in (0, 1]
     * @param minRows      the fewest rows a leaf may hold, ≥ 1
     */
    public record Options(int trees, int leaves, double learningRate, int minRows) {
        /** Checks every value; the message names the one out of range. */
        public Options {
            if (trees < 1 || leaves < 2 || minRows < 1) {
                throw new IllegalArgumentException("need trees ≥ 1, leaves ≥ 2, minRows ≥ 1, were " + trees + ", "
                        + leaves + ", " + minRows);
            }
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw new IllegalArgumentException("learningRate must be in (0, 1], was " + learningRate);
            }
        }

        /** 100 trees of 16 leaves, learning rate 0.1, 50 rows per leaf. */
        public static Options defaults() {
            return new Options(100, 16, 0.1, 50);
        }

        /** The same with another number of trees. */
        public Options withTrees(int n) {
            return new Options(n, leaves, learningRate, minRows);
        }

        /** The same with another number of leaves. */
        public Options withLeaves(int n) {
            return new Options(trees, n, learningRate, minRows);
        }
    }

    private static final int BINS = 64;
    private static final double LEAF_REGULARIZATION = 1.0;

    private final List<String> names;
    /** All trees' nodes back to back: a split node's feature, threshold, children; a leaf has feature -1. */
    private final int[] feature;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    private final double[] value;
    private final int[] roots;

    private LambdaMart(List<String> names, int[] feature, double[] threshold, int[] left, int[] right, double[] value,
                       int[] roots) {
        this.names = names;
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.value = value;
        this.roots = roots;
    }

    /** Fits a ranker on grouped examples. */
    public static LambdaMart fit(List<String> names, LinearRanker.Examples examples, Options options) {
        int d = examples.width();
        if (names.size() != d) {
            throw new IllegalArgumentException(names.size() + " names for " + d + " columns");
        }
        int n = examples.rows();
        double[] x = examples.x();
        double[][] edges = new double[d][];
        byte[] bins = new byte[n * d];
        for (int f = 0; f < d; f++) {
            edges[f] = edges(x, n, d, f);
            for (int r = 0; r < n; r++) {
                int b = Arrays.binarySearch(edges[f], x[r * d + f]);
                bins[r * d + f] = (byte) (b >= 0 ? b : -b - 1);
            }
        }
        Builder builder = new Builder(d, n, bins, edges, options);
        double[] scores = new double[n];
        double[] lambda = new double[n];
        double[] weight = new double[n];
        int[] groupStart = examples.groupStart();
        boolean[] relevant = examples.relevant();
        for (int t = 0; t < options.trees(); t++) {
            Arrays.fill(lambda, 0);
            Arrays.fill(weight, 0);
            for (int g = 0; g + 1 < groupStart.length; g++) {
                lambdas(groupStart[g], groupStart[g + 1], scores, relevant, lambda, weight);
            }
            int root = builder.tree(lambda, weight);
            for (int r = 0; r < n; r++) {
                scores[r] += builder.leafOf(root, r);
            }
        }
        return builder.model(names);
    }

    /** The bin edges of a column: up to 64 distinct quantiles, the last +∞. */
    private static double[] edges(double[] x, int n, int d, int f) {
        double[] column = new double[n];
        for (int r = 0; r < n; r++) {
            column[r] = x[r * d + f];
        }
        Arrays.sort(column);
        double[] out = new double[BINS];
        int m = 0;
        for (int b = 1; b < BINS; b++) {
            double q = column[Math.min(n - 1, (int) ((long) b * n / BINS))];
            if (m == 0 || q > out[m - 1]) {
                out[m++] = q;
            }
        }
        if (m > 0 && out[m - 1] >= column[n - 1]) {
            m--;
        }
        out[m++] = Double.POSITIVE_INFINITY;
        return Arrays.copyOf(out, m);
    }

    /** The LambdaRank pushes of one list, NDCG over the whole list. */
    private static void lambdas(int from, int to, double[] scores, boolean[] relevant, double[] lambda,
                                double[] weight) {
        int size = to - from;
        int positives = 0;
        for (int r = from; r < to; r++) {
            positives += relevant[r] ? 1 : 0;
        }
        if (positives == 0 || positives == size) {
            return;
        }
        // the rank of each row under the current scores (best first, ties by row): insertion sort, lists are short
        int[] byScore = new int[size];
        for (int i = 0; i < size; i++) {
            int at = i;
            double si = scores[from + i];
            while (at > 0 && scores[from + byScore[at - 1]] < si) {
                byScore[at] = byScore[at - 1];
                at--;
            }
            byScore[at] = i;
        }
        double[] discount = new double[size];
        for (int rank = 0; rank < size; rank++) {
            discount[byScore[rank]] = 1 / (Math.log(rank + 2) / Math.log(2));
        }
        double ideal = 0;
        for (int rank = 0; rank < positives; rank++) {
            ideal += 1 / (Math.log(rank + 2) / Math.log(2));
        }
        for (int i = 0; i < size; i++) {
            if (!relevant[from + i]) {
                continue;
            }
            for (int j = 0; j < size; j++) {
                if (relevant[from + j]) {
                    continue;
                }
                double delta = Math.abs(discount[i] - discount[j]) / ideal;
                double rho = 1 / (1 + Math.exp(scores[from + i] - scores[from + j]));
                lambda[from + i] += rho * delta;
                lambda[from + j] -= rho * delta;
                double h = rho * (1 - rho) * delta;
                weight[from + i] += h;
                weight[from + j] += h;
            }
        }
    }

    /** Grows trees on the binned rows, keeping every node in growable arrays. */
    private static final class Builder {
        private final int d;
        private final int n;
        private final byte[] bins;
        private final double[][] edges;
        private final Options options;
        private final int depth;
        private final int[] rows;
        private final double[] histG;
        private final double[] histH;
        private final int[] histN;
        private int[] feature = new int[256];
        private int[] split = new int[256];
        private int[] left = new int[256];
        private int[] right = new int[256];
        private double[] value = new double[256];
        private int nodes;
        private final int[] roots;
        private int trees;

        Builder(int d, int n, byte[] bins, double[][] edges, Options options) {
            this.d = d;
            this.n = n;
            this.bins = bins;
            this.edges = edges;
            this.options = options;
            this.depth = 32 - Integer.numberOfLeadingZeros(options.leaves() - 1);
            this.rows = new int[n];
            this.histG = new double[d * BINS];
            this.histH = new double[d * BINS];
            this.histN = new int[d * BINS];
            this.roots = new int[options.trees()];
        }

        int tree(double[] lambda, double[] weight) {
            for (int r = 0; r < n; r++) {
                rows[r] = r;
            }
            int root = grow(0, n, 0, lambda, weight);
            roots[trees++] = root;
            return root;
        }

        private int node() {
            if (nodes == feature.length) {
                int m = nodes * 2;
                feature = Arrays.copyOf(feature, m);
                split = Arrays.copyOf(split, m);
                left = Arrays.copyOf(left, m);
                right = Arrays.copyOf(right, m);
                value = Arrays.copyOf(value, m);
            }
            return nodes++;
        }

        private int grow(int from, int to, int level, double[] lambda, double[] weight) {
            int id = node();
            double g = 0;
            double h = 0;
            for (int i = from; i < to; i++) {
                g += lambda[rows[i]];
                h += weight[rows[i]];
            }
            feature[id] = -1;
            value[id] = options.learningRate() * g / (h + LEAF_REGULARIZATION);
            if (level >= depth || to - from < 2 * options.minRows()) {
                return id;
            }
            Arrays.fill(histG, 0);
            Arrays.fill(histH, 0);
            Arrays.fill(histN, 0);
            for (int i = from; i < to; i++) {
                int r = rows[i];
                for (int f = 0; f < d; f++) {
                    int b = f * BINS + bins[r * d + f];
                    histG[b] += lambda[r];
                    histH[b] += weight[r];
                    histN[b]++;
                }
            }
            double parent = g * g / (h + LEAF_REGULARIZATION);
            double bestGain = 1e-12;
            int bestFeature = -1;
            int bestBin = -1;
            for (int f = 0; f < d; f++) {
                double gl = 0;
                double hl = 0;
                int nl = 0;
                for (int b = 0; b + 1 < edges[f].length; b++) {
                    gl += histG[f * BINS + b];
                    hl += histH[f * BINS + b];
                    nl += histN[f * BINS + b];
                    int nr = (to - from) - nl;
                    if (nl < options.minRows() || nr < options.minRows()) {
                        continue;
                    }
                    double gr = g - gl;
                    double hr = h - hl;
                    double gain = gl * gl / (hl + LEAF_REGULARIZATION) + gr * gr / (hr + LEAF_REGULARIZATION) - parent;
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestFeature = f;
                        bestBin = b;
                    }
                }
            }
            if (bestFeature < 0) {
                return id;
            }
            int mid = from;
            for (int i = from; i < to; i++) {
                int r = rows[i];
                if (bins[r * d + bestFeature] <= bestBin) {
                    rows[i] = rows[mid];
                    rows[mid++] = r;
                }
            }
            feature[id] = bestFeature;
            split[id] = bestBin;
            int l = grow(from, mid, level + 1, lambda, weight);
            int rr = grow(mid, to, level + 1, lambda, weight);
            left[id] = l;
            right[id] = rr;
            return id;
        }

        double leafOf(int root, int r) {
            int id = root;
            while (feature[id] >= 0) {
                id = bins[r * d + feature[id]] <= split[id] ? left[id] : right[id];
            }
            return value[id];
        }

        LambdaMart model(List<String> names) {
            double[] threshold = new double[nodes];
            for (int i = 0; i < nodes; i++) {
                threshold[i] = feature[i] >= 0 ? edges[feature[i]][split[i]] : 0;
            }
            return new LambdaMart(List.copyOf(names), Arrays.copyOf(feature, nodes), threshold,
                    Arrays.copyOf(left, nodes), Arrays.copyOf(right, nodes), Arrays.copyOf(value, nodes),
                    Arrays.copyOf(roots, trees));
        }
    }

    /** The feature names. */
    public List<String> names() {
        return names;
    }

    /** The number of trees. */
    public int trees() {
        return roots.length;
    }

    /** The score of one row of raw features, {@code x[at .. at + width - 1]}. */
    public double score(double[] x, int at) {
        double s = 0;
        for (int root : roots) {
            int id = root;
            while (feature[id] >= 0) {
                id = x[at + feature[id]] <= threshold[id] ? left[id] : right[id];
            }
            s += value[id];
        }
        return s;
    }
}
