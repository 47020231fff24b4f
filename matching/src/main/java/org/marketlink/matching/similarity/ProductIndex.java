package org.marketlink.matching.similarity;

import org.marketlink.matching.retrieval.TopK;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Exact nearest products by cosine similarity or inner product, scanning the whole catalogue (a flat float array,
 * vectors pre-normalised once for cosine). There is no approximate index: on catalogues of the size a marketplace has
 * the exact scan is fast, and an approximate one is only worth its recall loss when measured faster. Immutable and
 * thread-safe.
 */
public final class ProductIndex {
    /** How similarity is measured. */
    public enum Metric {
        /** The cosine of the angle between two vectors. */
        COSINE,
        /** The dot product of two vectors. */
        INNER_PRODUCT
    }

    /**
     * One similar product.
     *
     * @param productId  the product
     * @param similarity its similarity to the query
     */
    public record Neighbour(UUID productId, double similarity) {
    }

    private final ProductVectors vectors;
    private final Metric metric;
    private final float[] rows;
    private final int dimension;

    /** An index over {@code vectors} that measures similarity by {@code metric}. */
    public ProductIndex(ProductVectors vectors, Metric metric) {
        if (vectors == null || metric == null) {
            throw new IllegalArgumentException("vectors and metric must not be null");
        }
        this.vectors = vectors;
        this.metric = metric;
        this.dimension = vectors.dimension();
        this.rows = metric == Metric.COSINE ? normalised(vectors.values(), dimension) : vectors.values();
    }

    /**
     * The {@code k} products most similar to one in the catalogue, itself excluded, most similar first (ties by
     * catalogue order).
     *
     * @throws IllegalArgumentException when the product is not in the catalogue
     */
    public List<Neighbour> similarTo(UUID productId, int k) {
        int row = vectors.rowOf(productId);
        if (row < 0) {
            throw new IllegalArgumentException("product " + productId + " is not in the catalogue");
        }
        float[] query = new float[dimension];
        System.arraycopy(rows, row * dimension, query, 0, dimension);
        return search(query, k, row);
    }

    /** The {@code k} products most similar to a query vector of the catalogue's dimension. */
    public List<Neighbour> nearest(float[] query, int k) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has " + query.length + " values, the catalogue " + dimension);
        }
        float[] q = query.clone();
        if (metric == Metric.COSINE) {
            normalise(q, 0, dimension);
        }
        return search(q, k, -1);
    }

    private List<Neighbour> search(float[] q, int k, int exclude) {
        TopK heap = new TopK(k);
        int n = vectors.size();
        double threshold = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < n; r++) {
            if (r == exclude) {
                continue;
            }
            int base = r * dimension;
            float dot = 0;
            for (int j = 0; j < dimension; j++) {
                dot += q[j] * rows[base + j];
            }
            if (dot >= threshold) {
                heap.offer(r, dot);
                threshold = heap.threshold();
            }
        }
        int[] ids = new int[heap.size()];
        double[] scores = new double[heap.size()];
        int m = heap.drainBestFirst(ids, scores, 0);
        List<Neighbour> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            out.add(new Neighbour(vectors.id(ids[i]), scores[i]));
        }
        return out;
    }

    private static float[] normalised(float[] values, int dimension) {
        float[] out = values.clone();
        for (int base = 0; base < out.length; base += dimension) {
            normalise(out, base, dimension);
        }
        return out;
    }

    private static void normalise(float[] v, int base, int dimension) {
        double norm = 0;
        for (int j = 0; j < dimension; j++) {
            norm += v[base + j] * v[base + j];
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < dimension; j++) {
                v[base + j] *= scale;
            }
        }
    }
}
