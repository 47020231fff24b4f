package org.marketlink.quality.metrics;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seeded KLL sketch: within its rank error on every data order, reproducible from its seed, mergeable. */
class KllDoublesTest {
    private static final double[] QS = {0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999};
    /** The stated error at k 400 is about 0.7% with 99% confidence; every check here must hold at 1%. */
    private static final double EPS = 0.01;

    private static double[] data(String kind, int n, Random r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (kind) {
                case "uniform" -> r.nextDouble();
                case "gaussian" -> r.nextGaussian() * 1e6;
                case "ascending" -> i;
                case "descending" -> n - i;
                case "fewValues" -> r.nextInt(10);
                case "heavyTail" -> Math.exp(r.nextGaussian() * 4);
                default -> throw new AssertionError(kind);
            };
        }
        return v;
    }

    /** The estimate's rank among the exact values is within eps of q (ties: anywhere in the tied run). */
    private static void assertRank(double[] sorted, double q, double estimate, String what) {
        int below = lowerBound(sorted, estimate);
        int atOrBelow = upperBound(sorted, estimate);
        assertThat((double) below / sorted.length).as(what + " below").isLessThanOrEqualTo(q + EPS);
        assertThat((double) atOrBelow / sorted.length).as(what + " at or below").isGreaterThanOrEqualTo(q - EPS);
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Test
    void everyOrderAndShape_isWithinTheRankError_andBoundedInSize() {
        for (String kind : new String[] {"uniform", "gaussian", "ascending", "descending", "fewValues", "heavyTail"}) {
            for (int seed = 1; seed <= 8; seed++) {
                double[] v = data(kind, 200_000, new Random(seed));
                KllDoubles sketch = new KllDoubles(400, seed);
                for (double d : v) {
                    sketch.update(d);
                }
                double[] sorted = v.clone();
                Arrays.sort(sorted);
                assertThat(sketch.count()).isEqualTo(v.length);
                assertThat(sketch.retained()).as(kind).isLessThan(3 * 400 + 8 * 20);
                for (double q : QS) {
                    assertRank(sorted, q, sketch.quantile(q), kind + " seed " + seed + " q " + q);
                }
                assertThat(sketch.quantile(0)).isEqualTo(sorted[0]);
                assertThat(sketch.quantile(1)).isEqualTo(sorted[sorted.length - 1]);
            }
        }
    }

    @Test
    void fewerValuesThanK_areExact() {
        Random r = new Random(3);
        double[] v = data("gaussian", 400, r);
        KllDoubles sketch = new KllDoubles(400, 1);
        for (double d : v) {
            sketch.update(d);
        }
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        for (int i = 1; i <= 400; i++) {
            double q = i / 400.0;
            // the least value whose rank reaches ceil(q n), as the exact quantile rule defines it
            assertThat(sketch.quantile(q)).as("q " + q).isEqualTo(sorted[(int) Math.ceil(q * 400) - 1]);
        }
    }

    @Test
    void partsMerged_areWithinTheRankError_andCountEveryValue() {
        for (int seed = 1; seed <= 6; seed++) {
            Random r = new Random(seed);
            double[] v = data(seed % 2 == 0 ? "uniform" : "heavyTail", 300_000, r);
            KllDoubles all = new KllDoubles(400, 99);
            int at = 0;
            while (at < v.length) {
                int part = Math.min(v.length - at, 1 + r.nextInt(60_000));
                KllDoubles p = new KllDoubles(400, seed * 1000L + at);
                for (int i = at; i < at + part; i++) {
                    p.update(v[i]);
                }
                all.merge(p);
                at += part;
            }
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            assertThat(all.count()).isEqualTo(v.length);
            for (double q : QS) {
                assertRank(sorted, q, all.quantile(q), "merged seed " + seed + " q " + q);
            }
        }
    }

    @Test
    void theSameSeed_givesTheSameEstimates_anotherSeedOthers() throws IOException, ClassNotFoundException {
        double[] v = data("gaussian", 100_000, new Random(5));
        KllDoubles a = new KllDoubles(400, 42);
        KllDoubles b = new KllDoubles(400, 42);
        KllDoubles c = new KllDoubles(400, 43);
        for (double d : v) {
            a.update(d);
            b.update(d);
            c.update(d);
        }
        int differ = 0;
        for (int i = 1; i < 1000; i++) {
            double q = i / 1000.0;
            assertThat(b.quantile(q)).isEqualTo(a.quantile(q));
            differ += c.quantile(q) != a.quantile(q) ? 1 : 0;
        }
        assertThat(differ).as("another seed compacts differently").isGreaterThan(100);
        // through Java serialization (how Spark moves it) the sketch goes on exactly as before
        KllDoubles copy = roundTrip(a);
        for (double d : data("uniform", 50_000, new Random(6))) {
            a.update(d);
            copy.update(d);
        }
        for (double q : QS) {
            assertThat(copy.quantile(q)).isEqualTo(a.quantile(q));
        }
    }

    @Test
    void nan_empty_andBadArguments() {
        KllDoubles s = new KllDoubles(400, 1);
        assertThat(s.quantile(0.5)).isNaN();
        assertThat(s.isEmpty()).isTrue();
        assertThatThrownBy(() -> s.update(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> s.quantile(1.5)).hasMessage("q must be in 0..1, was 1.5");
        assertThatThrownBy(() -> new KllDoubles(4, 1)).hasMessage("k must be at least 8, not 4");
        assertThatThrownBy(() -> s.merge(new KllDoubles(200, 1))).hasMessageContaining("k 200");
        s.update(Double.NEGATIVE_INFINITY);
        s.update(7);
        assertThat(s.quantile(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(s.quantile(0.5)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(s.quantile(0.51)).isEqualTo(7);
    }

    private static KllDoubles roundTrip(KllDoubles s) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (KllDoubles) in.readObject();
        }
    }
}
