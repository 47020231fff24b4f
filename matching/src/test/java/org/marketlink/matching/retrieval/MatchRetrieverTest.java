package org.marketlink.matching.retrieval;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.Buyer;
import org.marketlink.matching.features.PairFeature;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.WeightedScorer;
import org.marketlink.matching.scoring.Weights;
import org.marketlink.testing.SyntheticMarket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MatchRetrieverTest {
    final List<ShgProfile> shgs = SyntheticMarket.shgs(150, 11, ShgProfile::of);
    final List<Buyer> buyers = SyntheticMarket.buyers(400, 12);
    final PairFeatures.Options options = PairFeatures.Options.defaults();
    final PairFeatures slow = new PairFeatures(options);
    final WeightedScorer scorer = WeightedScorer.defaults();

    @Test
    void columnFeaturesEqualTheRecordDefinitions() {
        MatchRetriever r = MatchRetriever.build(shgs, buyers, options, scorer, HardFilters.none());
        for (ShgProfile s : shgs) {
            for (int b = 0; b < buyers.size(); b += 3) {
                double[] expected = slow.compute(s, buyers.get(b));
                double[] actual = r.features(s.shg().id(), buyers.get(b).id());
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("feature %d", i).isCloseTo(expected[i], within(1e-9));
                }
            }
        }
    }

    @Test
    void aCustomCostModelGivesTheSameFeaturesInColumnsAsOnRecords() {
        // not the linear model, so the kernel calls the host's function for every pair
        PairFeatures.Options custom = options.withCostModel((km, units) -> 5 + Math.sqrt(km) * 40 / units)
                .withDistanceScaleKm(900);
        PairFeatures records = new PairFeatures(custom);
        MatchRetriever r = MatchRetriever.build(shgs, buyers, custom, scorer, HardFilters.none());
        for (int s = 0; s < shgs.size(); s += 5) {
            for (int b = 0; b < buyers.size(); b += 11) {
                double[] expected = records.compute(shgs.get(s), buyers.get(b));
                double[] actual = r.features(shgs.get(s).shg().id(), buyers.get(b).id());
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).isCloseTo(expected[i], within(1e-9));
                }
            }
        }
    }

    @Test
    void topBuyersEqualBruteForceOverEveryPairUnderEveryFilter() {
        List<HardFilters> filters = List.of(HardFilters.none(), HardFilters.defaults(),
                HardFilters.none().withMaxDistanceKm(400), HardFilters.none().withRequireCertifications(true),
                HardFilters.none().withRequireCapacity(true),
                new HardFilters(800, true, true, true));
        for (HardFilters f : filters) {
            MatchRetriever r = MatchRetriever.build(shgs, buyers, options, scorer, f);
            TopKTable all = r.topBuyersForAll(10);
            for (int s = 0; s < shgs.size(); s++) {
                List<double[]> expected = bruteForce(shgs.get(s), f);
                List<Recommendation> got = r.topBuyers(shgs.get(s).shg().id(), 10);
                assertThat(got).hasSize(Math.min(10, expected.size()));
                assertThat(all.count(s)).isEqualTo(got.size());
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i).score()).isCloseTo(expected.get(i)[1], within(1e-9));
                    assertThat(got.get(i).rank()).isEqualTo(i + 1);
                    assertThat(all.id(s, i)).isEqualTo(buyers.indexOf(r.buyer(all.id(s, i))));
                    assertThat(r.buyer(all.id(s, i)).id()).isEqualTo(got.get(i).buyerId());
                    boolean tiedWithNeighbour = i + 1 < expected.size()
                            && Math.abs(expected.get(i)[1] - expected.get(i + 1)[1]) < 1e-9
                            || i > 0 && Math.abs(expected.get(i)[1] - expected.get(i - 1)[1]) < 1e-9;
                    if (!tiedWithNeighbour) {
                        assertThat(got.get(i).buyerId()).isEqualTo(buyers.get((int) expected.get(i)[0]).id());
                    }
                }
            }
        }
    }

    @Test
    void onTheHostsExecutor_theTableIsTheSame_andProgressReachesEveryGroup() {
        MatchRetriever r = MatchRetriever.build(shgs, buyers, options, scorer, HardFilters.defaults());
        TopKTable expected = r.topBuyersForAll(10);
        ExecutorService host = Executors.newFixedThreadPool(2, t -> new Thread(t, "host-ranker"));
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> progress = new CopyOnWriteArrayList<>();
        try {
            TopKTable onHost = r.topBuyersForAll(10, task -> host.execute(() -> {
                threads.add(Thread.currentThread().getName());
                task.run();
            }), progress::add);
            TopKTable neverRun = r.topBuyersForAll(10, task -> {
            }, n -> {
            });
            for (TopKTable got : List.of(onHost, neverRun)) {
                for (int s = 0; s < shgs.size(); s++) {
                    assertThat(got.count(s)).isEqualTo(expected.count(s));
                    for (int i = 0; i < got.count(s); i++) {
                        assertThat(got.score(s, i)).isEqualTo(expected.score(s, i));
                    }
                }
            }
        } finally {
            host.shutdownNow();
        }
        assertThat(progress).isSorted().endsWith(shgs.size());
        assertThat(threads).allMatch(t -> t.equals("host-ranker"));
    }

    /**
     * Retrieval skips runs and pairs that cannot beat a group's list by a bound on the score; under any weighting the
     * lists must stay those of scoring every pair (here through the same kernel without the bound).
     */
    @Test
    void boundPruning_anyWeights_keepsTheExactLists() {
        Random random = new Random(5);
        List<Weights> weightings = new ArrayList<>(List.of(
                Weights.defaults(),
                Weights.defaults().with(PairFeature.CATEGORY_ALIGNMENT, 0),
                Weights.defaults().with(PairFeature.PROXIMITY, 3),
                Weights.defaults().with(PairFeature.COLLABORATIVE_SUCCESS, 4)));
        for (int i = 0; i < 4; i++) {
            Map<PairFeature, Double> w = new EnumMap<>(PairFeature.class);
            for (PairFeature f : PairFeature.values()) {
                w.put(f, random.nextInt(4) == 0 ? 0 : random.nextDouble());
            }
            weightings.add(Weights.of(w));
        }
        for (Weights weights : weightings) {
            for (HardFilters f : List.of(HardFilters.none(), HardFilters.defaults())) {
                MatchRetriever r = MatchRetriever.build(shgs, buyers, options, new WeightedScorer(weights), f);
                for (int k : new int[] {1, 5, 40}) {
                    TopKTable all = r.topBuyersForAll(k);
                    for (int s = 0; s < shgs.size(); s++) {
                        List<Double> every = new ArrayList<>();
                        for (int b = 0; b < buyers.size(); b++) {
                            double score = r.score(s, b);
                            if (score == score) {
                                every.add(score);
                            }
                        }
                        every.sort(Comparator.reverseOrder());
                        assertThat(all.count(s)).isEqualTo(Math.min(k, every.size()));
                        for (int i = 0; i < all.count(s); i++) {
                            assertThat(all.score(s, i)).as("weights %s, k %d, group %d", weights, k, s)
                                    .isEqualTo(every.get(i));
                        }
                    }
                }
            }
        }
    }

    @Test
    void topShgsForABuyerEqualBruteForce() {
        HardFilters f = HardFilters.defaults().withMaxDistanceKm(1000);
        MatchRetriever r = MatchRetriever.build(shgs, buyers, options, scorer, f);
        for (int b = 0; b < buyers.size(); b += 7) {
            Buyer buyer = buyers.get(b);
            List<Double> expected = new ArrayList<>();
            for (ShgProfile s : shgs) {
                if (f.passes(s, buyer)) {
                    expected.add(scorer.score(slow.compute(s, buyer)));
                }
            }
            expected.sort(Comparator.reverseOrder());
            List<Recommendation> got = r.topShgs(buyer.id(), 5);
            assertThat(got).hasSize(Math.min(5, expected.size()));
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).score()).isCloseTo(expected.get(i), within(1e-9));
                assertThat(got.get(i).buyerId()).isEqualTo(buyer.id());
            }
        }
    }

    @Test
    void explanationsAddUpToTheScore() {
        MatchRetriever r = MatchRetriever.build(shgs, buyers, options, scorer, HardFilters.none());
        var e = r.explain(shgs.get(0).shg().id(), buyers.get(0).id());
        assertThat(e.total()).isCloseTo(e.score(), within(1e-12));
        assertThat(e.score()).isCloseTo(r.score(0, 0), within(1e-12));
        assertThat(e.contributions()).hasSize(7);
    }

    @Test
    void topKKeepsTheBestInOrderWithTiesByIndex() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(60);
            int k = 1 + rnd.nextInt(12);
            double[] scores = new double[n];
            TopK heap = new TopK(k);
            for (int i = 0; i < n; i++) {
                scores[i] = rnd.nextInt(8) / 8.0; // many ties
                heap.offer(i, scores[i]);
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a])
                    : Integer.compare(a, b));
            int[] ids = new int[k];
            double[] got = new double[k];
            int m = heap.drainBestFirst(ids, got, 0);
            assertThat(m).isEqualTo(Math.min(n, k));
            for (int i = 0; i < m; i++) {
                assertThat(ids[i]).isEqualTo(order[i]);
            }
        }
    }

    @Test
    void badQueriesFailClearly() {
        MatchRetriever r = MatchRetriever.build(shgs, buyers, options, scorer, HardFilters.none());
        assertThatThrownBy(() -> r.topBuyers(UUID.randomUUID(), 3)).hasMessageContaining("unknown shg");
        assertThatThrownBy(() -> r.topBuyersForAll(0)).hasMessageContaining("k must be at least 1");
        assertThatThrownBy(() -> MatchRetriever.build(List.of(shgs.get(0), shgs.get(0)), buyers, options, scorer,
                HardFilters.none())).hasMessageContaining("listed twice");
    }

    // {buyer index, score} of every pair that passes, best first, ties by index: the oracle retrieval must match
    private List<double[]> bruteForce(ShgProfile s, HardFilters f) {
        List<double[]> all = new ArrayList<>();
        for (int b = 0; b < buyers.size(); b++) {
            if (f.passes(s, buyers.get(b))) {
                all.add(new double[] {b, scorer.score(slow.compute(s, buyers.get(b)))});
            }
        }
        all.sort((x, y) -> x[1] != y[1] ? Double.compare(y[1], x[1]) : Double.compare(x[0], y[0]));
        return all;
    }
}
