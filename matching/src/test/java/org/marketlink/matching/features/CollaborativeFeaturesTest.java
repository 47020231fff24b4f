package org.marketlink.matching.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Every collaborative feature against a slow, obviously correct definition on random histories. */
class CollaborativeFeaturesTest {
    static final int BUYERS = 60;
    static final int ITEMS = 40;

    /** Skewed random events over 100 days: a few busy buyers and popular items, repeats, unsorted. */
    static InteractionHistory random(long seed, int events) {
        Random r = new Random(seed);
        int[] b = new int[events];
        int[] i = new int[events];
        int[] d = new int[events];
        for (int e = 0; e < events; e++) {
            b[e] = (int) (BUYERS * Math.pow(r.nextDouble(), 2));
            i[e] = (int) (ITEMS * Math.pow(r.nextDouble(), 1.5));
            d[e] = 1000 + r.nextInt(100);
        }
        return InteractionHistory.of(BUYERS, ITEMS, b, i, d);
    }

    /** The events in [from, to] as (buyer, item) → days, the slow way. */
    static Map<List<Integer>, List<Integer>> slowPairs(InteractionHistory h, long seed, int events, int from, int to) {
        Random r = new Random(seed);
        Map<List<Integer>, List<Integer>> out = new HashMap<>();
        for (int e = 0; e < events; e++) {
            int b = (int) (BUYERS * Math.pow(r.nextDouble(), 2));
            int i = (int) (ITEMS * Math.pow(r.nextDouble(), 1.5));
            int d = 1000 + r.nextInt(100);
            if (d >= from && d <= to) {
                out.computeIfAbsent(List.of(b, i), k -> new ArrayList<>()).add(d);
            }
        }
        return out;
    }

    static Set<Integer> buyersOf(Map<List<Integer>, List<Integer>> pairs, int item) {
        Set<Integer> out = new TreeSet<>();
        pairs.keySet().stream().filter(k -> k.get(1) == item).forEach(k -> out.add(k.get(0)));
        return out;
    }

    @Test
    void theWindowHoldsExactlyTheEventsBetweenItsDays() {
        InteractionHistory h = random(1, 2000);
        InteractionWindow w = h.window(1020, 1079);
        Map<List<Integer>, List<Integer>> slow = slowPairs(h, 1, 2000, 1020, 1079);
        assertThat(w.pairs()).isEqualTo(slow.size());
        assertThat(w.events()).isEqualTo(slow.values().stream().mapToInt(List::size).sum());
        for (int item = 0; item < ITEMS; item++) {
            assertThat(w.buyersOf(item)).containsExactly(buyersOf(slow, item).stream().mapToInt(x -> x).toArray());
        }
        for (int b = 0; b < BUYERS; b++) {
            int buyer = b;
            int[] items = slow.keySet().stream().filter(k -> k.get(0) == buyer).mapToInt(k -> k.get(1)).sorted()
                    .toArray();
            assertThat(w.itemsOf(b)).containsExactly(items);
        }
        assertThatThrownBy(() -> InteractionHistory.of(2, 2, new int[] {0, 2}, new int[] {0, 0}, new int[] {1, 1}))
                .hasMessageContaining("event 1").hasMessageContaining("buyer 2");
    }

    @ParameterizedTest
    @EnumSource(ItemSimilarity.Measure.class)
    void similaritiesAreTheShrunkMeasureAndTheKeptOnesTheBest(ItemSimilarity.Measure measure) {
        InteractionHistory h = random(2, 1500);
        InteractionWindow w = h.window(1000, 1099);
        Map<List<Integer>, List<Integer>> slow = slowPairs(h, 2, 1500, 1000, 1099);
        ItemSimilarity.Options options = new ItemSimilarity.Options(measure, 7, 3);
        ItemSimilarity s = ItemSimilarity.of(w, options);
        for (int i = 0; i < ITEMS; i++) {
            Set<Integer> bi = buyersOf(slow, i);
            List<double[]> all = new ArrayList<>();
            for (int j = 0; j < ITEMS; j++) {
                Set<Integer> bj = buyersOf(slow, j);
                Set<Integer> both = new HashSet<>(bi);
                both.retainAll(bj);
                double c = both.size();
                if (j == i || c == 0) {
                    continue;
                }
                double raw = measure == ItemSimilarity.Measure.COSINE ? c / Math.sqrt((double) bi.size() * bj.size())
                        : c / (bi.size() + bj.size() - c);
                all.add(new double[] {j, raw * c / (c + 3)});
            }
            all.sort(Comparator.<double[]>comparingDouble(x -> -x[1]).thenComparingDouble(x -> x[0]));
            assertThat(s.neighbourCount(i)).isEqualTo(Math.min(7, all.size()));
            for (int r = 0; r < s.neighbourCount(i); r++) {
                assertThat(s.neighbour(i, r)).as("item %d rank %d", i, r).isEqualTo((int) all.get(r)[0]);
                assertThat(s.similarity(i, r)).isCloseTo(all.get(r)[1], within(1e-12));
            }
        }
    }

    @Test
    void everyFeatureIsItsDefinition() {
        InteractionHistory h = random(3, 2500);
        int from = 1010;
        int to = 1089;
        InteractionWindow w = h.window(from, to);
        Map<List<Integer>, List<Integer>> slow = slowPairs(h, 3, 2500, from, to);
        CollaborativeFeatures.Options options = CollaborativeFeatures.Options.defaults().withRepeatHalfLife(20)
                .withActivityHalfLife(9).withSimilarity(ItemSimilarity.Options.defaults().withNeighbours(5));
        int[] category = new int[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            category[i] = (i * 7) % 5;
        }
        CollaborativeFeatures f = CollaborativeFeatures.build(w, options, category, null);
        assertThat(f.names()).containsExactly("repeat", "item_knn", "activity", "buyer_recency", "breadth",
                "visits", "category");
        ItemSimilarity sim = f.similarity();
        int[] candidates = new int[BUYERS];
        for (int b = 0; b < BUYERS; b++) {
            candidates[b] = b;
        }
        double[] out = new double[BUYERS * f.width()];
        CollaborativeFeatures.Query query = f.newQuery();
        for (int item = 0; item < ITEMS; item++) {
            query.fill(item, candidates, out);
            List<Integer> reachable = new ArrayList<>();
            for (int b = 0; b < BUYERS; b++) {
                if (out[b * f.width()] > 0 || out[b * f.width() + 1] > 0) {
                    reachable.add(b);
                }
            }
            assertThat(query.reach(item)).as("reach of item %d", item)
                    .containsExactly(reachable.stream().mapToInt(x -> x).toArray());
            for (int b = 0; b < BUYERS; b++) {
                double knn = 0;
                for (int r = 0; r < sim.neighbourCount(item); r++) {
                    double d = decayed(slow.get(List.of(b, sim.neighbour(item, r))), to, 20);
                    knn += sim.similarity(item, r) * d / (1 + d);
                }
                double activity = 0;
                double breadth = 0;
                double inCategory = 0;
                int last = Integer.MIN_VALUE;
                Set<Integer> orderDays = new HashSet<>();
                for (Map.Entry<List<Integer>, List<Integer>> e : slow.entrySet()) {
                    if (e.getKey().get(0) == b) {
                        orderDays.addAll(e.getValue());
                        activity += decayed(e.getValue(), to, 9);
                        double d = decayed(e.getValue(), to, 20);
                        breadth += d / (1 + d);
                        int j = e.getKey().get(1);
                        inCategory += j != item && category[j] == category[item] ? d / (1 + d) : 0;
                        last = Math.max(last, e.getValue().stream().mapToInt(x -> x).max().orElseThrow());
                    }
                }
                int o = b * f.width();
                String at = "buyer " + b + ", item " + item;
                assertThat(out[o]).as(at).isCloseTo(Math.log1p(decayed(slow.get(List.of(b, item)), to, 20)),
                        within(1e-12));
                assertThat(out[o + 1]).as(at).isCloseTo(Math.log1p(knn), within(1e-12));
                assertThat(out[o + 2]).as(at).isCloseTo(Math.log1p(activity), within(1e-12));
                assertThat(out[o + 3]).as(at).isCloseTo(last == Integer.MIN_VALUE ? 0
                        : Math.pow(2, -(to - last) / 9.0), within(1e-12));
                assertThat(out[o + 4]).as(at).isCloseTo(Math.log1p(breadth), within(1e-12));
                assertThat(out[o + 5]).as(at).isCloseTo(Math.log1p(decayed(List.copyOf(orderDays), to, 9)),
                        within(1e-12));
                assertThat(out[o + 6]).as(at).isCloseTo(Math.log1p(inCategory), within(1e-12));
            }
        }
    }

    static double decayed(List<Integer> days, int to, double halfLife) {
        return days == null ? 0 : days.stream().mapToDouble(d -> Math.pow(2, -(to - d) / halfLife)).sum();
    }

    @Test
    void theFactorisationReproducesFromItsSeedOnAnyThreadsAndSolvesItsNormalEquations() throws Exception {
        InteractionHistory h = random(4, 3000);
        InteractionWindow w = h.window(1000, 1099);
        ImplicitFactors.Options options = ImplicitFactors.Options.defaults().withFactors(6).withAlpha(5);
        ImplicitFactors pooled = ImplicitFactors.fit(w, options);
        ExecutorService one = Executors.newSingleThreadExecutor();
        ImplicitFactors single;
        try {
            single = ImplicitFactors.fit(w, options, one);
        } finally {
            one.shutdown();
        }
        ImplicitFactors reseeded = ImplicitFactors.fit(w, options.withSeed(7));
        for (int b = 0; b < BUYERS; b++) {
            assertThat(single.buyerFactors(b)).containsExactly(pooled.buyerFactors(b));
        }
        assertThat(reseeded.buyerFactors(0)).isNotEqualTo(pooled.buyerFactors(0));
        // the last half-step solved the items: each item's factors zero the gradient of the dense objective
        Map<List<Integer>, List<Integer>> slow = slowPairs(h, 4, 3000, 1000, 1099);
        for (int i = 0; i < ITEMS; i++) {
            double[] y = pooled.itemFactors(i);
            double[] gradient = new double[6];
            for (int b = 0; b < BUYERS; b++) {
                List<Integer> days = slow.get(List.of(b, i));
                double c = days == null ? 1 : 1 + 5 * Math.log1p(days.size());
                double p = days == null ? 0 : 1;
                double[] x = pooled.buyerFactors(b);
                double err = pooled.score(b, i) - p;
                for (int d = 0; d < 6; d++) {
                    gradient[d] += c * err * x[d];
                }
            }
            for (int d = 0; d < 6; d++) {
                gradient[d] += 1.0 * y[d];
                assertThat(gradient[d]).as("item %d factor %d", i, d).isCloseTo(0, within(1e-9));
            }
        }
    }
}
