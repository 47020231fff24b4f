package org.marketlink.matching.similarity;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.Product;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.testing.SyntheticMarket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProductIndexTest {
    final List<Product> products = SyntheticMarket.shgs(400, 41, ShgProfile::of).stream()
            .flatMap(p -> p.products().stream()).toList();

    @Test
    void exactSearchEqualsBruteForceForBothMetrics() {
        Map<UUID, float[]> embeddings = new HashMap<>();
        Random r = new Random(3);
        for (Product p : products) {
            float[] e = new float[16];
            for (int j = 0; j < e.length; j++) {
                e[j] = (float) r.nextGaussian();
            }
            embeddings.put(p.id(), e);
        }
        ProductVectors vectors = ProductVectors.of(products, embeddings, ProductVectors.Weights.defaults());
        assertThat(vectors.dimension()).isEqualTo(6 + SyntheticMarket.CATEGORIES.size()
                + SyntheticMarket.CERTIFICATIONS.size() + 16);
        for (ProductIndex.Metric metric : ProductIndex.Metric.values()) {
            ProductIndex index = new ProductIndex(vectors, metric);
            for (int q = 0; q < products.size(); q += 37) {
                List<ProductIndex.Neighbour> got = index.similarTo(products.get(q).id(), 10);
                List<double[]> expected = bruteForce(vectors, q, metric);
                assertThat(got).hasSize(10);
                for (int i = 0; i < 10; i++) {
                    assertThat(got.get(i).similarity()).isCloseTo(expected.get(i)[1], within(1e-4));
                    assertThat(got.get(i).productId()).isNotEqualTo(products.get(q).id());
                    boolean clear = Math.abs(expected.get(i)[1] - expected.get(i + 1)[1]) > 1e-4
                            && (i == 0 || Math.abs(expected.get(i)[1] - expected.get(i - 1)[1]) > 1e-4);
                    if (clear) {
                        assertThat(got.get(i).productId()).isEqualTo(vectors.id((int) expected.get(i)[0]));
                    }
                }
            }
        }
    }

    @Test
    void sameCategoryAndPriceComeFirstWithoutEmbeddings() {
        ProductVectors vectors = ProductVectors.of(products, ProductVectors.Weights.defaults());
        ProductIndex index = new ProductIndex(vectors, ProductIndex.Metric.COSINE);
        Product query = products.get(5);
        List<ProductIndex.Neighbour> near = index.similarTo(query.id(), 5);
        Map<UUID, Product> byId = new HashMap<>();
        products.forEach(p -> byId.put(p.id(), p));
        for (ProductIndex.Neighbour n : near) {
            assertThat(byId.get(n.productId()).category()).isEqualTo(query.category());
        }
        // a query vector equal to a product finds that product first
        assertThat(index.nearest(vectors.vector(9), 1).get(0).productId()).isEqualTo(vectors.id(9));
    }

    @Test
    void badInputIsRejectedClearly() {
        Map<UUID, float[]> partial = Map.of(products.get(0).id(), new float[] {1, 2});
        assertThatThrownBy(() -> ProductVectors.of(products, partial, ProductVectors.Weights.defaults()))
                .hasMessageContaining("has no embedding");
        ProductIndex index = new ProductIndex(ProductVectors.of(products, ProductVectors.Weights.defaults()),
                ProductIndex.Metric.COSINE);
        assertThatThrownBy(() -> index.similarTo(UUID.randomUUID(), 3)).hasMessageContaining("not in the catalogue");
        assertThatThrownBy(() -> index.nearest(new float[2], 3)).hasMessageContaining("query has 2 values");
    }

    private static List<double[]> bruteForce(ProductVectors v, int q, ProductIndex.Metric metric) {
        float[] a = v.vector(q);
        List<double[]> out = new ArrayList<>();
        for (int r = 0; r < v.size(); r++) {
            if (r == q) {
                continue;
            }
            float[] b = v.vector(r);
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int j = 0; j < a.length; j++) {
                dot += (double) a[j] * b[j];
                na += (double) a[j] * a[j];
                nb += (double) b[j] * b[j];
            }
            double sim = metric == ProductIndex.Metric.COSINE ? dot / Math.sqrt(na * nb) : dot;
            out.add(new double[] {r, sim});
        }
        out.sort((x, y) -> x[1] != y[1] ? Double.compare(y[1], x[1]) : Double.compare(x[0], y[0]));
        return out;
    }
}
