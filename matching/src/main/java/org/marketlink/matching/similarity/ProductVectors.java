package org.marketlink.matching.similarity;

import org.marketlink.core.model.Product;
import org.marketlink.matching.internal.Vocabulary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Feature vectors of a product catalogue, one row per product in a flat array: six numeric fields standardised over
 * the catalogue (log unit price, log cost price, shelf life, log minimum order, log stock, sustainability), the
 * category one-hot, the certifications as 0/1 columns, and optionally a text embedding the host supplies. Each block
 * has a weight, so a host can say how much the category matters against the price. Immutable and thread-safe.
 */
public final class ProductVectors {
    /** Names of the numeric columns, in order. */
    public static final List<String> NUMERIC = List.of("log_unit_price", "log_cost_price", "shelf_life_days",
            "log_minimum_order", "log_available", "sustainability");

    /**
     * Block weights.
     *
     * @param numeric        weight of the standardised numeric block
     * @param category       weight of the category one-hot
     * @param certifications weight of the certification columns
     * @param embedding      weight of the host's embedding (ignored without embeddings)
     */
    public record Weights(double numeric, double category, double certifications, double embedding) {
        /** Checks that every weight is finite and not negative. */
        public Weights {
            for (double w : new double[] {numeric, category, certifications, embedding}) {
                if (!(w >= 0) || !Double.isFinite(w)) {
                    throw new IllegalArgumentException("block weights must be finite and not negative, were "
                            + numeric + ", " + category + ", " + certifications + ", " + embedding);
                }
            }
        }

        /** Numeric 1, category 2, certifications 0.5, embedding 2. */
        public static Weights defaults() {
            return new Weights(1, 2, 0.5, 2);
        }
    }

    private final List<UUID> ids;
    private final Map<UUID, Integer> index;
    private final int dimension;
    private final float[] values;

    private ProductVectors(List<UUID> ids, int dimension, float[] values) {
        this.ids = ids;
        this.dimension = dimension;
        this.values = values;
        this.index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
    }

    /** Vectors without embeddings. */
    public static ProductVectors of(List<Product> products, Weights weights) {
        return of(products, Map.of(), weights);
    }

    /**
     * Vectors with the host's embeddings appended (each scaled to unit length, then by the block weight).
     *
     * @param embeddings product id to embedding; every product must have one of the same length, or none may
     * @throws IllegalArgumentException when embeddings are missing for some products, differ in length or hold a
     *                                  non-finite number, or a product appears twice
     */
    public static ProductVectors of(List<Product> products, Map<UUID, float[]> embeddings, Weights weights) {
        int n = products.size();
        int embeddingLength = checkEmbeddings(products, embeddings);
        Vocabulary categories = new Vocabulary();
        Vocabulary certs = new Vocabulary();
        for (Product p : products) {
            categories.add(p.category());
            p.certifications().forEach(certs::add);
        }
        int numeric = NUMERIC.size();
        int dimension = numeric + categories.size() + certs.size() + embeddingLength;
        double[][] raw = new double[n][numeric];
        double[] mean = new double[numeric];
        for (int i = 0; i < n; i++) {
            Product p = products.get(i);
            raw[i][0] = Math.log(p.unitPrice().doubleValue());
            raw[i][1] = Math.log1p(p.costPrice().doubleValue());
            raw[i][2] = p.shelfLifeDays();
            raw[i][3] = Math.log(p.minimumOrderQuantity());
            raw[i][4] = Math.log1p(p.availableQuantity());
            raw[i][5] = p.sustainabilityScore();
            for (int j = 0; j < numeric; j++) {
                mean[j] += raw[i][j] / n;
            }
        }
        double[] sd = new double[numeric];
        for (double[] row : raw) {
            for (int j = 0; j < numeric; j++) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / Math.max(1, n - 1);
            }
        }
        float[] values = new float[n * dimension];
        List<UUID> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Product p = products.get(i);
            ids.add(p.id());
            int row = i * dimension;
            for (int j = 0; j < numeric; j++) {
                // a constant column carries no information: 0 rather than a division by zero
                double z = sd[j] > 0 ? (raw[i][j] - mean[j]) / Math.sqrt(sd[j]) : 0;
                values[row + j] = (float) (weights.numeric() * z / Math.sqrt(numeric));
            }
            values[row + numeric + categories.indexOf(p.category())] = (float) weights.category();
            int certBase = numeric + categories.size();
            double certWeight = p.certifications().isEmpty() ? 0
                    : weights.certifications() / Math.sqrt(p.certifications().size());
            for (String c : p.certifications()) {
                values[row + certBase + certs.indexOf(c)] = (float) certWeight;
            }
            if (embeddingLength > 0) {
                float[] e = embeddings.get(p.id());
                double norm = 0;
                for (float v : e) {
                    norm += v * v;
                }
                double scale = norm > 0 ? weights.embedding() / Math.sqrt(norm) : 0;
                int base = certBase + certs.size();
                for (int j = 0; j < embeddingLength; j++) {
                    values[row + base + j] = (float) (e[j] * scale);
                }
            }
        }
        if (ids.stream().distinct().count() != n) {
            throw new IllegalArgumentException("a product is listed twice");
        }
        return new ProductVectors(List.copyOf(ids), dimension, values);
    }

    private static int checkEmbeddings(List<Product> products, Map<UUID, float[]> embeddings) {
        if (embeddings == null || embeddings.isEmpty()) {
            return 0;
        }
        int length = -1;
        for (Product p : products) {
            float[] e = embeddings.get(p.id());
            if (e == null) {
                throw new IllegalArgumentException("product " + p.id() + " (" + p.name() + ") has no embedding; "
                        + "give every product one or none");
            }
            if (length >= 0 && e.length != length) {
                throw new IllegalArgumentException("embedding of product " + p.id() + " has " + e.length
                        + " values, the others " + length);
            }
            length = e.length;
            for (int j = 0; j < e.length; j++) {
                if (!Float.isFinite(e[j])) {
                    throw new IllegalArgumentException("embedding of product " + p.id() + ", value " + j
                            + " is not finite: " + e[j]);
                }
            }
        }
        return length;
    }

    /** The number of products (rows). */
    public int size() {
        return ids.size();
    }

    /** The length of each vector. */
    public int dimension() {
        return dimension;
    }

    /** The id of the product at {@code row}. */
    public UUID id(int row) {
        return ids.get(row);
    }

    /** The row of a product, or -1 when it is not in the catalogue. */
    public int rowOf(UUID productId) {
        Integer i = index.get(productId);
        return i == null ? -1 : i;
    }

    /** A copy of one product's vector. */
    public float[] vector(int row) {
        float[] v = new float[dimension];
        System.arraycopy(values, row * dimension, v, 0, dimension);
        return v;
    }

    float[] values() {
        return values;
    }
}
