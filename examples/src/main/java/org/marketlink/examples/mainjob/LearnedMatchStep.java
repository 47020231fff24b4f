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
 * The learned group–buyer scorer of the market day: trained on one window of past match outcomes, compared with the
 * weighted default on a later window it never saw, registered with both figures, and promoted only when the gate
 * finds it better there. The production version (this run's, or an earlier run's) then ranks the buyers of every
 * group that has completed a match, in two stages; the weighted scorer stays for the groups with none, and for the
 * whole day when no version has passed the gate.
 */
final class LearnedMatchStep {
    static final String MODEL = "shg_buyer_match";
    /** Days of outcomes labelled for training, and again for selection: the two windows end {@code today}. */
    static final int WINDOW_DAYS = 90;
    static final double MARGIN = 0.02;
    /** Negatives per positive in the training set, as the design asks. */
    static final int NEGATIVES_PER_POSITIVE = 4;
    /** Matches between groups and buyers move slowly: a completion half a year ago still says something. */
    static final CollaborativeFeatures.Options COLLAB = new CollaborativeFeatures.Options(180, 90,
            ItemSimilarity.Options.defaults(), null);

    /**
     * What the step decided.
     *
     * @param trainRows      outcomes it trained on
     * @param selectionRows  later outcomes both scorers were compared on
     * @param auc            the learned scorer's AUC on them
     * @param weightedAuc    the weighted default's AUC on the same rows
     * @param pairOnlyAuc    the same learner's AUC on the same rows without the collaborative columns
     * @param version        the version registered
     * @param promotion      the gate's verdict
     * @param serving        the two-stage retriever of the production version, empty when there is none
     * @param scorerVersion  what proposed matches record as their scorer
     */
    record Outcome(int trainRows, int selectionRows, double auc, double weightedAuc, double pairOnlyAuc,
                   int version, Promotion promotion,
                   Optional<TwoStageRetriever> serving, String scorerVersion) {
    }

    private LearnedMatchStep() {
    }

    static Outcome run(MarketStore store, MarketFixtures f, List<ShgProfile> profiles, MatchRetriever weighted,
                       PairFeatures.Options pairs, LocalDate today, PrintStream out) {
        int day = (int) today.toEpochDay();
        List<Match> history = f.matchHistory();
        OutcomeExamples.Window train = OutcomeExamples.between(history, profiles, f.buyers(), pairs, COLLAB, 5,
                day - 2 * WINDOW_DAYS, day - WINDOW_DAYS);
        // the design's 1:4 set, measured beside it: the declined outcomes and pairs never proposed by the end of the
        // training window (a pair proposed later was not known to be one then), features as of the same cut. It
        // teaches "proposed or not", not "completed or declined", and ranks later outcomes worse (0.719 against
        // 0.757 on the fixtures), so the outcomes alone, real declines as the negatives, train the candidate
        List<Match> proposedByThen = history.stream().filter(m -> m.createdAt().atOffset(ZoneOffset.UTC)
                .toLocalDate().toEpochDay() <= day - WINDOW_DAYS).toList();
        OutcomeExamples.Window oneToFour = OutcomeExamples.withSampledNegatives(train, proposedByThen, profiles,
                f.buyers(), pairs, NEGATIVES_PER_POSITIVE, day);
        OutcomeExamples.Window select = OutcomeExamples.between(history, profiles, f.buyers(), pairs, COLLAB, 5,
                day - WINDOW_DAYS, day);
        // the labelled rows (features as of the cut, labels from the outcomes after it) written to the store as a
        // training set of their own, under a run whose id the registered model will carry, and trained on as read back
        Instant cut = today.minusDays(WINDOW_DAYS).atStartOfDay().toInstant(ZoneOffset.UTC);
        RunReport run = Pipeline.from(Sources.of("match outcomes to " + today.minusDays(WINDOW_DAYS),
                        IntStream.range(0, train.size()).boxed().toList()))
                .to(TrainingSets.of(store).sink(MODEL, train.featureNames(), i -> i < train.matchIds().size()
                        ? Map.of("shg", train.shgIds().get(i).toString(), "buyer", train.buyerIds().get(i).toString(),
                        "match", train.matchIds().get(i).toString())
                        : Map.of("shg", train.shgIds().get(i).toString(), "buyer", train.buyerIds().get(i).toString()),
                        i -> cut, i -> train.labels()[i], i -> train.features()[i])).run();
        store.lineage().record(run);
        TrainingSet stored = TrainingSets.of(store).read(MODEL, run.runId()).orElseThrow();
        int[] labels = Arrays.stream(stored.labels()).mapToInt(l -> (int) l).toArray();
        LearnedScorer learned = LearnedScorer.train(stored.featureNames(), stored.features(), labels,
                LearnedScorer.Options.logisticRegression());
        out.printf(Locale.ROOT, "  training set     %,d rows (%,d positive) of %d features written as %s (run %s)%n",
                stored.size(), stored.positives(), stored.featureNames().size(), MODEL, run.runId());
        double auc = RankingMetrics.auc(learned.scoreAll(select.features()), select.labels());
        // the same learner on the pair features alone: what the collaborative columns add
        List<String> pairNames = train.featureNames().subList(0, PairFeature.count());
        double pairOnlyAuc = RankingMetrics.auc(LearnedScorer.train(pairNames, train.pairFeatures(), train.labels(),
                LearnedScorer.Options.logisticRegression()).scoreAll(select.pairFeatures()), select.labels());
        // the same learner on the 1:4 set
        double oneToFourAuc = RankingMetrics.auc(LearnedScorer.train(oneToFour.featureNames(), oneToFour.features(),
                oneToFour.labels(), LearnedScorer.Options.logisticRegression()).scoreAll(select.features()),
                select.labels());
        WeightedScorer rule = WeightedScorer.defaults();
        double[][] pairRows = select.pairFeatures();
        double weightedAuc = RankingMetrics.auc(IntStream.range(0, pairRows.length)
                .mapToDouble(i -> rule.score(pairRows[i])).toArray(), select.labels());

        ByteArrayOutputStream artifact = new ByteArrayOutputStream();
        learned.save(artifact);
        Clock clock = Clock.fixed(today.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        ModelRegistry registry = ModelRegistry.of(store, clock);
        Map<String, String> parameters = new HashMap<>();
        parameters.put("algorithm", "logistic_regression");
        parameters.put("train_window", (today.minusDays(2 * WINDOW_DAYS).plusDays(1)) + ".." + today.minusDays(
                WINDOW_DAYS));
        parameters.put("selection_window", today.minusDays(WINDOW_DAYS).plusDays(1) + ".." + today);
        ModelVersion version = registry.register(MODEL, "shg_buyer_pairs", parameters, run.runId(),
                Map.of("auc", auc, "weighted_auc", weightedAuc, "pair_features_only_auc", pairOnlyAuc,
                        "one_to_four_auc", oneToFourAuc, "train_rows", (double) train.size(),
                        "one_to_four_sampled", (double) oneToFour.sampled(), "selection_rows", (double) select.size()),
                artifact.toByteArray(), null);
        Promotion promotion = registry.promote(MODEL, version.version(), PromotionGate.beats("auc", "weighted_auc",
                MARGIN));
        out.printf(Locale.ROOT, "  learned scorer   %s v%d trained on %,d outcomes; on %,d later ones AUC %.3f vs "
                        + "weighted %.3f (%.3f trained 1:4 with %,d sampled pairs, %.3f without the collaborative "
                        + "columns): %s%n", MODEL, version.version(), train.size(), select.size(), auc, weightedAuc,
                oneToFourAuc, oneToFour.sampled(), pairOnlyAuc, promotion.passed() ? "promoted"
                        : "not promoted (" + promotion.reason() + ")");

        Optional<ModelVersion> production = registry.production(MODEL);
        if (production.isEmpty()) {
            return new Outcome(train.size(), select.size(), auc, weightedAuc, pairOnlyAuc, version.version(), promotion,
                    Optional.empty(), "weighted-default-v1");
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
        return new Outcome(train.size(), select.size(), auc, weightedAuc, pairOnlyAuc, version.version(), promotion,
                Optional.of(two), MODEL + "-v" + production.get().version());
    }
}
