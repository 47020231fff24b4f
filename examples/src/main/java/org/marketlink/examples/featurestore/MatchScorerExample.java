package org.marketlink.examples.featurestore;

import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.examples.data.Fixtures;
import org.marketlink.matching.evaluation.RankingMetrics;
import org.marketlink.matching.features.PairFeature;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.ml.matching.LearnedScorer;
import org.marketlink.store.MarketStore;
import org.marketlink.store.features.FeatureDefinition;
import org.marketlink.store.features.FeatureSet;
import org.marketlink.store.features.FeatureStore;
import org.marketlink.store.matching.MatchLifecycle;
import org.marketlink.store.matching.TrainingExample;
import org.marketlink.store.registry.ModelRegistry;
import org.marketlink.store.registry.ModelVersion;
import org.marketlink.store.registry.Promotion;
import org.marketlink.store.registry.PromotionGate;
import org.marketlink.testing.MarketFixtures;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A host that learns its match scorer: recorded match outcomes become training data, the pair features are written
 * to the feature store by a pipeline run (whose lineage the model records), a logistic regression is trained and
 * evaluated, registered, promoted through an AUC gate, and then served: features looked up online through the cache
 * and scored by the model loaded back from the registry. Prints cache hit rate, throughput and latency.
 */
public final class MatchScorerExample {
    private static final List<String> FEATURES = Arrays.stream(PairFeature.values()).map(PairFeature::key).toList();

    private MatchScorerExample() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** What the example measured. */
    public record Result(int examples, double auc, boolean promoted, long lookups, double hitRate,
                         double lookupsPerSecond, double p50Micros, double p99Micros) {
    }

    public static Result run(PrintStream out) {
        Instant now = Instant.parse("2026-11-25T06:00:00Z");
        MarketFixtures f = MarketFixtures.generate(7, MarketFixtures.Options.defaults().withSize(80, 150).withDays(30));
        try (MarketStore store = MarketStore.inMemory()) {
            Fixtures.write(f, store);

            // 1. outcomes as training rows (features as the records are now)
            PairFeatures pairs = new PairFeatures(PairFeatures.Options.defaults());
            MatchLifecycle lifecycle = MatchLifecycle.of(store, Clock.fixed(now, ZoneOffset.UTC), "example");
            List<TrainingExample> examples = new ArrayList<>(lifecycle.outcomes(Duration.ofDays(14), pairs));
            Collections.shuffle(examples, new Random(1));

            // 2. the same features into the feature store by a pipeline run, for lineage and online serving
            FeatureStore store2 = FeatureStore.of(store);
            List<FeatureDefinition<TrainingExample>> definitions = new ArrayList<>();
            for (PairFeature feature : PairFeature.values()) {
                definitions.add(FeatureDefinition.of(feature.key(), 1, "pair", "see PairFeature",
                        (TrainingExample e) -> e.features()[feature.ordinal()]));
            }
            FeatureSet<TrainingExample> set = new FeatureSet<>("pair_features", definitions);
            RunReport run = Pipeline.from(Sources.of("match-outcomes", examples))
                    .then("known-pairs", Stages.filter((TrainingExample e) -> e.features().length == FEATURES.size(),
                            "wrong feature count"))
                    .to(store2.sink(set, MatchScorerExample::key, e -> now)).run();
            store.lineage().record(run);

            // 3. train on three quarters, evaluate on the rest
            int cut = examples.size() * 3 / 4;
            LearnedScorer scorer = LearnedScorer.train(FEATURES, matrix(examples.subList(0, cut)),
                    labels(examples.subList(0, cut)), LearnedScorer.Options.logisticRegression());
            List<TrainingExample> test = examples.subList(cut, examples.size());
            double auc = RankingMetrics.auc(scorer.scoreAll(matrix(test)), labels(test));
            out.printf("trained on %d outcomes (%d held out): AUC %.3f%n", cut, test.size(), auc);

            // 4. register and promote through the gate
            ByteArrayOutputStream artifact = new ByteArrayOutputStream();
            scorer.save(artifact);
            ModelRegistry registry = ModelRegistry.of(store, Clock.fixed(now, ZoneOffset.UTC));
            ModelVersion version = registry.register("buyer_match", set.name(), Map.of("algorithm",
                    "logistic_regression", "lambda", "0.1"), run.runId(), Map.of("auc", auc),
                    artifact.toByteArray(), null);
            Promotion promotion = registry.promote("buyer_match", version.version(),
                    PromotionGate.metricAtLeast("auc", 0.6));
            out.printf("promotion of buyer_match v%d: %s (%s)%n", version.version(),
                    promotion.passed() ? "PASSED" : "REFUSED", promotion.reason());

            // 5. serve: the production model scores pairs whose features come from the online cache
            LearnedScorer served = LearnedScorer.load(new ByteArrayInputStream(registry.production("buyer_match")
                    .orElseThrow().artifact()), FEATURES);
            Random r = new Random(2);
            int lookups = 20_000;
            long[] nanos = new long[lookups];
            double checksum = 0;
            long started = System.nanoTime();
            for (int i = 0; i < lookups; i++) {
                TrainingExample e = examples.get(r.nextInt(Math.min(examples.size(), 300)));
                long t0 = System.nanoTime();
                double[] features = store2.latest(set, key(e));
                checksum += served.score(features);
                nanos[i] = System.nanoTime() - t0;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(nanos);
            double hitRate = store2.cacheStatistics().hitRate();
            out.printf("served %,d lookups: cache hit rate %.3f, %,.0f lookups/s, p50 %.1f µs, p99 %.1f µs "
                    + "(mean score %.3f)%n", lookups, hitRate, lookups / seconds, nanos[lookups / 2] / 1e3,
                    nanos[lookups * 99 / 100] / 1e3, checksum / lookups);
            return new Result(examples.size(), auc, promotion.passed(), lookups, hitRate, lookups / seconds,
                    nanos[lookups / 2] / 1e3, nanos[lookups * 99 / 100] / 1e3);
        }
    }

    static String key(TrainingExample e) {
        return e.shgId() + ":" + e.buyerId();
    }

    private static double[][] matrix(List<TrainingExample> examples) {
        return examples.stream().map(TrainingExample::features).toArray(double[][]::new);
    }

    private static int[] labels(List<TrainingExample> examples) {
        return examples.stream().mapToInt(TrainingExample::label).toArray();
    }
}
