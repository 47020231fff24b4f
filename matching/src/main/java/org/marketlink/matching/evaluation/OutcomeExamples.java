package org.marketlink.matching.evaluation;

import org.marketlink.core.Checks;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.matching.features.CollaborativeFeatures;
import org.marketlink.matching.features.MatchAffinity;
import org.marketlink.matching.features.PairFeature;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.features.SuccessHistory;
import org.marketlink.matching.retrieval.TwoStageRetriever;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Point-in-time training rows for a (group, buyer) scorer from match outcomes: the features of every match that ended
 * after a cut day, computed only from what was known on the cut day. A match ends on the day of its last interaction
 * (UTC); a completed one is a 1, a declined one a 0, and one still open is left out.
 *
 * <p>"Known on the cut day" means the smoothed success rates ({@link SuccessHistory}) count only the matches that had
 * ended by then, and the collaborative columns ({@link MatchAffinity}) see only the completions by then, so no row
 * sees its own outcome or any later one. Train on one window and select on a later one with the same code, and the
 * comparison is honest. Stateless; the rows are the caller's.
 */
public final class OutcomeExamples {
    private OutcomeExamples() {
    }

    /**
     * The rows of one window.
     *
     * @param featureNames {@link TwoStageRetriever#featureNames(MatchAffinity)}: pair features, then collaborative
     * @param features     one row per example
     * @param labels       1 for a completed match, 0 for a declined one
     * @param matchIds     the match behind each row
     * @param affinity     the collaborative columns as of the cut, for a retriever serving that day
     * @param history      the success rates as of the cut
     */
    public record Window(List<String> featureNames, double[][] features, int[] labels, List<UUID> matchIds,
                         MatchAffinity affinity, SuccessHistory history) {
        /** Copies the lists; the arrays are taken as they are. */
        public Window {
            featureNames = List.copyOf(featureNames);
            matchIds = List.copyOf(matchIds);
        }

        /** The number of rows. */
        public int size() {
            return labels.length;
        }

        /** The pair-feature part of each row (the first {@link PairFeature#count()} columns), as a weighted scorer reads it. */
        public double[][] pairFeatures() {
            double[][] out = new double[features.length][];
            for (int i = 0; i < features.length; i++) {
                out[i] = Arrays.copyOf(features[i], PairFeature.count());
            }
            return out;
        }

        /** The number of 1 labels. */
        public int positives() {
            int n = 0;
            for (int l : labels) {
                n += l;
            }
            return n;
        }
    }

    /**
     * The rows of the matches that ended in {@code (cutDay, untilDay]} (epoch days), with features as of
     * {@code cutDay}.
     *
     * @param history   every match known, any status and day (the later ones are what is labelled)
     * @param shgs      the groups, with their products
     * @param buyers    the buyers
     * @param pairs     how pair features are computed; its success history is replaced by the one as of the cut
     * @param collab    how the collaborative columns are computed
     * @param prior     the success rates' prior strength, &gt; 0
     * @param cutDay    the last day whose outcomes the features may see
     * @param untilDay  the last day whose outcomes are labelled, ≥ {@code cutDay}
     * @throws IllegalArgumentException when an argument is null or the days are out of order
     */
    public static Window between(Collection<Match> history, List<ShgProfile> shgs, List<Buyer> buyers,
                                 PairFeatures.Options pairs, CollaborativeFeatures.Options collab, double prior,
                                 int cutDay, int untilDay) {
        Checks.notNull("history", history);
        Checks.notNull("shgs", shgs);
        Checks.notNull("buyers", buyers);
        Checks.notNull("pairs", pairs);
        Checks.notNull("collab", collab);
        if (untilDay < cutDay) {
            throw new IllegalArgumentException("untilDay " + untilDay + " is before cutDay " + cutDay);
        }
        Map<UUID, ShgProfile> profiles = new HashMap<>();
        Map<UUID, String> category = new HashMap<>();
        for (ShgProfile p : shgs) {
            profiles.put(p.shg().id(), p);
            category.put(p.shg().id(), p.shg().category());
        }
        Map<UUID, Buyer> byId = new HashMap<>();
        Map<UUID, BuyerType> type = new HashMap<>();
        for (Buyer b : buyers) {
            byId.put(b.id(), b);
            type.put(b.id(), b.type());
        }
        List<Match> known = new ArrayList<>();
        List<Match> labelled = new ArrayList<>();
        for (Match m : history) {
            if (!m.status().isFinal() || m.lastInteraction() == null) {
                continue;
            }
            int day = day(m);
            if (day <= cutDay) {
                known.add(m);
            } else if (day <= untilDay && profiles.containsKey(m.shgId()) && byId.containsKey(m.buyerId())) {
                labelled.add(m);
            }
        }
        SuccessHistory success = SuccessHistory.of(known, category::get, type::get, prior);
        MatchAffinity affinity = MatchAffinity.of(known, category::get, cutDay, collab);
        PairFeatures features = new PairFeatures(pairs.withHistory(success));
        List<String> names = TwoStageRetriever.featureNames(affinity);
        double[][] rows = new double[labelled.size()][];
        int[] labels = new int[labelled.size()];
        List<UUID> ids = new ArrayList<>(labelled.size());
        for (int i = 0; i < labelled.size(); i++) {
            Match m = labelled.get(i);
            double[] pair = features.compute(profiles.get(m.shgId()), byId.get(m.buyerId()));
            double[] co = affinity.features(m.shgId(), List.of(m.buyerId()));
            double[] row = Arrays.copyOf(pair, pair.length + co.length);
            System.arraycopy(co, 0, row, pair.length, co.length);
            rows[i] = row;
            labels[i] = m.status() == MatchStatus.COMPLETED ? 1 : 0;
            ids.add(m.id());
        }
        return new Window(names, rows, labels, ids, affinity, success);
    }

    private static int day(Match m) {
        return (int) m.lastInteraction().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
    }
}
