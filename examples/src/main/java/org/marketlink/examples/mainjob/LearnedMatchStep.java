package org.marketlink.examples.mainjob;

import org.marketlink.core.model.Match;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.matching.evaluation.OutcomeExamples;
import org.marketlink.matching.evaluation.RankingMetrics;
import org.marketlink.matching.features.CollaborativeFeatures;
import org.marketlink.matching.features.ItemSimilarity;
import org.marketlink.matching.features.MatchAffinity;
import org.marketlink.matching.features.PairFeature;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.retrieval.MatchRetriever;
import org.marketlink.matching.retrieval.TwoStageRetriever;
import org.marketlink.matching.scoring.WeightedScorer;
import org.marketlink.ml.matching.LearnedScorer;
import org.marketlink.store.MarketStore;
import org.marketlink.store.features.TrainingSet;
import org.marketlink.store.features.TrainingSets;
import org.marketlink.store.registry.ModelRegistry;
import org.marketlink.store.registry.ModelVersion;
import org.marketlink.store.registry.Promotion;
import org.marketlink.store.registry.PromotionGate;
import org.marketlink.testing.MarketFixtures;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The learned group–buyer scorer of the market day. Two candidates are trained on one window of past match outcomes,
 * each from a labelled training set the step writes to the store and reads back:
 * <ul>
 *   <li>the design's set: completed matches as positives and four negatives per positive, the declined outcomes
 *       and pairs never proposed by the end of the window (a pair proposed later was not known to be one then);</li>
 *   <li>the observed outcomes alone: completed against declined.</li>
 * </ul>
 * Both are compared with the weighted default, and with each other, on a later window neither saw, registered with
 * the figures, and sent through the same gate: better than the weighted default by {@value #MARGIN} AUC, and no
 * worse than the other candidate. The production version (this run's, or an earlier run's) then ranks the buyers of
 * every group that has completed a match, in two stages; the weighted scorer stays for the groups with none, and
 * for the whole day when no version has passed the gate.
 */
final class LearnedMatchStep {
    static final String MODEL = "shg_buyer_match";
    /** Days of outcomes labelled for training, and again for selection: the two windows end {@code today}. */
    static final int WINDOW_DAYS = 90;
    static final double MARGIN = 0.02;
    /** Negatives per positive in the design's training set. */
    static final int NEGATIVES_PER_POSITIVE = 4;
    /** What a candidate must show on the selection window to go to production. */
    static final PromotionGate GATE = PromotionGate.allOf(PromotionGate.beats("auc", "weighted_auc", MARGIN),
            PromotionGate.beats("auc", "rival_auc", 0));
    /** Matches between groups and buyers move slowly: a completion half a year ago still says something. */
    static final CollaborativeFeatures.Options COLLAB = new CollaborativeFeatures.Options(180, 90,
            ItemSimilarity.Options.defaults(), null);

    /**
     * What the step decided.
     *
     * @param trainRows       outcomes the observed-outcomes candidate trained on
     * @param selectionRows   later outcomes every scorer was compared on
     * @param auc             the observed-outcomes candidate's AUC on them
     * @param weightedAuc     the weighted default's AUC on the same rows
     * @param pairOnlyAuc     the same learner's AUC on the same rows without the collaborative columns
     * @param version         the observed-outcomes candidate's version
     * @param promotion       the gate's verdict on it
     * @param designRows      rows of the design's 1:4 training set
     * @param designAuc       the 1:4 candidate's AUC on the selection rows
     * @param designVersion   the 1:4 candidate's version
     * @param designPromotion the gate's verdict on it
     * @param serving         the two-stage retriever of the production version, empty when there is none
     * @param scorerVersion   what proposed matches record as their scorer
     */
    record Outcome(int trainRows, int selectionRows, double auc, double weightedAuc, double pairOnlyAuc,
                   int version, Promotion promotion, int designRows, double designAuc, int designVersion,
                   Promotion designPromotion, Optional<TwoStageRetriever> serving, String scorerVersion) {
    }

    /** One candidate: the training set it was written as, read back, and the scorer learned from it. */
    private record Candidate(String negatives, RunReport run, TrainingSet set, LearnedScorer scorer, double auc) {
    }

    private LearnedMatchStep() {
    }

    static Outcome run(MarketStore store, MarketFixtures f, List<ShgProfile> profiles, MatchRetriever weighted,
                       PairFeatures.Options pairs, LocalDate today, PrintStream out) {
        int day = (int) today.toEpochDay();
        List<Match> history = f.matchHistory();
        OutcomeExamples.Window train = OutcomeExamples.between(history, profiles, f.buyers(), pairs, COLLAB, 5,
                day - 2 * WINDOW_DAYS, day - WINDOW_DAYS);
        List<Match> proposedByThen = history.stream().filter(m -> m.createdAt().atOffset(ZoneOffset.UTC)
                .toLocalDate().toEpochDay() <= day - WINDOW_DAYS).toList();
        OutcomeExamples.Window oneToFour = OutcomeExamples.withSampledNegatives(train, proposedByThen, profiles,
                f.buyers(), pairs, NEGATIVES_PER_POSITIVE, day);
        OutcomeExamples.Window select = OutcomeExamples.between(history, profiles, f.buyers(), pairs, COLLAB, 5,
                day - WINDOW_DAYS, day);
        // the labelled rows (features as of the cut, labels from the outcomes after it) of each candidate, written
        // to the store as a training set under a run whose id its registered version will carry, trained on as read
        // back
        Instant cut = today.minusDays(WINDOW_DAYS).atStartOfDay().toInstant(ZoneOffset.UTC);
        Candidate design = candidate(store, "1:4 sampled", oneToFour, cut, today, select, out);
        Candidate observed = candidate(store, "observed declines", train, cut, today, select, out);
        // the same learner on the pair features alone: what the collaborative columns add
        List<String> pairNames = train.featureNames().subList(0, PairFeature.count());
        double pairOnlyAuc = RankingMetrics.auc(LearnedScorer.train(pairNames, train.pairFeatures(), train.labels(),
                LearnedScorer.Options.logisticRegression()).scoreAll(select.pairFeatures()), select.labels());
        WeightedScorer rule = WeightedScorer.defaults();
        double[][] pairRows = select.pairFeatures();
        double weightedAuc = RankingMetrics.auc(IntStream.range(0, pairRows.length)
                .mapToDouble(i -> rule.score(pairRows[i])).toArray(), select.labels());

        Clock clock = Clock.fixed(today.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        ModelRegistry registry = ModelRegistry.of(store, clock);
        ModelVersion designVersion = register(registry, design, today, select.size(), weightedAuc, observed.auc(),
                Map.of("one_to_four_sampled", (double) oneToFour.sampled()));
        Promotion designPromotion = promote(registry, designVersion, design, select.size(), weightedAuc, out);
        ModelVersion version = register(registry, observed, today, select.size(), weightedAuc, design.auc(),
                Map.of("pair_features_only_auc", pairOnlyAuc));
        Promotion promotion = promote(registry, version, observed, select.size(), weightedAuc, out);
        out.printf(Locale.ROOT, "  learned scorer   without the collaborative columns the observed-declines "
                + "learner has AUC %.3f%n", pairOnlyAuc);

        Optional<ModelVersion> production = registry.production(MODEL);
        if (production.isEmpty()) {
            return new Outcome(train.size(), select.size(), observed.auc(), weightedAuc, pairOnlyAuc,
                    version.version(), promotion, oneToFour.size(), design.auc(), designVersion.version(),
                    designPromotion, Optional.empty(), "weighted-default-v1");
        }
        // serve with everything known today; the collaborative columns must be named as the model was trained
        Map<UUID, String> categories = new HashMap<>();
        profiles.forEach(p -> categories.put(p.shg().id(), p.shg().category()));
        MatchAffinity affinity = MatchAffinity.of(history, categories::get, day, COLLAB);
        List<String> names = TwoStageRetriever.featureNames(affinity);
        LearnedScorer served = LearnedScorer.load(new ByteArrayInputStream(production.get().artifact()), names);
        TwoStageRetriever two = TwoStageRetriever.of(weighted, affinity, served, 50);
        int learnedGroups = (int) IntStream.range(0, weighted.shgCount()).filter(two::learned).count();
        out.printf(Locale.ROOT, "  ranking          %s v%d for %d groups with a completed match, weighted default "
                        + "for %d without%n", MODEL, production.get().version(), learnedGroups,
                weighted.shgCount() - learnedGroups);
        return new Outcome(train.size(), select.size(), observed.auc(), weightedAuc, pairOnlyAuc, version.version(),
                promotion, oneToFour.size(), design.auc(), designVersion.version(), designPromotion, Optional.of(two),
                MODEL + "-v" + production.get().version());
    }

    /** Writes {@code window} as a training set, reads it back, trains on it and measures it on {@code select}. */
    private static Candidate candidate(MarketStore store, String negatives, OutcomeExamples.Window window,
                                       Instant cut, LocalDate today, OutcomeExamples.Window select, PrintStream out) {
        RunReport run = Pipeline.from(Sources.of("match outcomes to " + today.minusDays(WINDOW_DAYS) + ", "
                        + negatives + " negatives", IntStream.range(0, window.size()).boxed().toList()))
                .to(TrainingSets.of(store).sink(MODEL, window.featureNames(), i -> i < window.matchIds().size()
                        ? Map.of("shg", window.shgIds().get(i).toString(), "buyer",
                        window.buyerIds().get(i).toString(), "match", window.matchIds().get(i).toString())
                        : Map.of("shg", window.shgIds().get(i).toString(), "buyer",
                        window.buyerIds().get(i).toString()),
                        i -> cut, i -> window.labels()[i], i -> window.features()[i])).run();
        store.lineage().record(run);
        TrainingSet stored = TrainingSets.of(store).read(MODEL, run.runId()).orElseThrow();
        int[] labels = Arrays.stream(stored.labels()).mapToInt(l -> (int) l).toArray();
        LearnedScorer learned = LearnedScorer.train(stored.featureNames(), stored.features(), labels,
                LearnedScorer.Options.logisticRegression());
        out.printf(Locale.ROOT, "  training set     %,d rows (%,d positive; negatives: %s) of %d features written as "
                        + "%s (run %s)%n", stored.size(), stored.positives(), negatives,
                stored.featureNames().size(), MODEL, run.runId());
        double auc = RankingMetrics.auc(learned.scoreAll(select.features()), select.labels());
        return new Candidate(negatives, run, stored, learned, auc);
    }

    /** Registers a candidate with its figures on the selection rows, the other candidate's AUC as its rival's. */
    private static ModelVersion register(ModelRegistry registry, Candidate c, LocalDate today, int selectionRows,
                                         double weightedAuc, double rivalAuc, Map<String, Double> more) {
        ByteArrayOutputStream artifact = new ByteArrayOutputStream();
        c.scorer().save(artifact);
        Map<String, String> parameters = new HashMap<>();
        parameters.put("algorithm", "logistic_regression");
        parameters.put("negatives", c.negatives());
        parameters.put("train_window", (today.minusDays(2 * WINDOW_DAYS).plusDays(1)) + ".." + today.minusDays(
                WINDOW_DAYS));
        parameters.put("selection_window", today.minusDays(WINDOW_DAYS).plusDays(1) + ".." + today);
        Map<String, Double> metrics = new HashMap<>(more);
        metrics.put("auc", c.auc());
        metrics.put("weighted_auc", weightedAuc);
        metrics.put("rival_auc", rivalAuc);
        metrics.put("train_rows", (double) c.set().size());
        metrics.put("selection_rows", (double) selectionRows);
        return registry.register(MODEL, "shg_buyer_pairs", parameters, c.run().runId(), metrics,
                artifact.toByteArray(), null);
    }

    private static Promotion promote(ModelRegistry registry, ModelVersion version, Candidate c, int selectionRows,
                                     double weightedAuc, PrintStream out) {
        Promotion promotion = registry.promote(MODEL, version.version(), GATE);
        out.printf(Locale.ROOT, "  learned scorer   %s v%d trained on %,d rows (negatives: %s); on %,d later outcomes "
                        + "AUC %.3f vs weighted %.3f: %s%n", MODEL, version.version(), c.set().size(), c.negatives(),
                selectionRows, c.auc(), weightedAuc, promotion.passed() ? "promoted"
                        : "not promoted (" + promotion.reason() + ")");
        return promotion;
    }
}
