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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
     * <p>Rows {@code 0 .. matchIds().size() - 1} are the outcomes, in the order of the history; any rows after them are
     * negatives sampled by {@link #withSampledNegatives} (pairs without a match), which have no match id.
     *
     * @param featureNames {@link TwoStageRetriever#featureNames(MatchAffinity)}: pair features, then collaborative
     * @param features     one row per example
     * @param labels       1 for a completed match, 0 for a declined one or a sampled pair
     * @param matchIds     the match behind each outcome row
     * @param shgIds       the group of each row
     * @param buyerIds     the buyer of each row
     * @param affinity     the collaborative columns as of the cut, for a retriever serving that day
     * @param history      the success rates as of the cut
     */
    public record Window(List<String> featureNames, double[][] features, int[] labels, List<UUID> matchIds,
                         List<UUID> shgIds, List<UUID> buyerIds, MatchAffinity affinity, SuccessHistory history) {
        /** Copies the lists; the arrays are taken as they are. */
        public Window {
            featureNames = List.copyOf(featureNames);
            matchIds = List.copyOf(matchIds);
            shgIds = List.copyOf(shgIds);
            buyerIds = List.copyOf(buyerIds);
            if (shgIds.size() != labels.length || buyerIds.size() != labels.length || features.length != labels.length
                    || matchIds.size() > labels.length) {
                throw new IllegalArgumentException("a window needs a group, a buyer and features for each of its "
                        + labels.length + " rows and at most as many match ids");
            }
        }

        /** The number of sampled negatives after the outcome rows. */
        public int sampled() {
            return labels.length - matchIds.size();
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
        List<UUID> groups = new ArrayList<>(labelled.size());
        List<UUID> buyerIds = new ArrayList<>(labelled.size());
        for (int i = 0; i < labelled.size(); i++) {
            Match m = labelled.get(i);
            rows[i] = row(features, affinity, profiles.get(m.shgId()), byId.get(m.buyerId()));
            labels[i] = m.status() == MatchStatus.COMPLETED ? 1 : 0;
            ids.add(m.id());
            groups.add(m.shgId());
            buyerIds.add(m.buyerId());
        }
        return new Window(names, rows, labels, ids, groups, buyerIds, affinity, success);
    }

    private static double[] row(PairFeatures features, MatchAffinity affinity, ShgProfile shg, Buyer buyer) {
        double[] pair = features.compute(shg, buyer);
        double[] co = affinity.features(shg.shg().id(), List.of(buyer.id()));
        double[] row = Arrays.copyOf(pair, pair.length + co.length);
        System.arraycopy(co, 0, row, pair.length, co.length);
        return row;
    }

    /**
     * {@code window}'s rows and negatives sampled up to {@code perPositive} per positive: the declined outcomes
     * count first, and as many (group, buyer) pairs as are still missing are drawn uniformly, without repeats, from
     * the pairs that have no match in {@code history} at all, with features as of the window's cut (its success
     * history and collaborative columns). So a 1:4 training set holds every real outcome and no pair that was ever
     * proposed. Fewer are drawn when fewer such pairs exist. The same seed draws the same pairs.
     *
     * @param window      the outcome rows, from {@link #between}
     * @param history     every match known, as given to {@link #between}
     * @param shgs        the groups, with their products
     * @param buyers      the buyers
     * @param pairs       how pair features are computed, as given to {@link #between}
     * @param perPositive negatives wanted per positive, &gt; 0
     * @param seed        the draw
     * @throws IllegalArgumentException when an argument is null or {@code perPositive} is not positive
     */
    public static Window withSampledNegatives(Window window, Collection<Match> history, List<ShgProfile> shgs,
                                              List<Buyer> buyers, PairFeatures.Options pairs, int perPositive,
                                              long seed) {
        Checks.notNull("window", window);
        Checks.notNull("history", history);
        Checks.notNull("shgs", shgs);
        Checks.notNull("buyers", buyers);
        Checks.notNull("pairs", pairs);
        if (perPositive < 1) {
            throw new IllegalArgumentException("perPositive must be at least 1, was " + perPositive);
        }
        Set<String> matched = new HashSet<>();
        history.forEach(m -> matched.add(m.shgId() + "/" + m.buyerId()));
        long free = (long) shgs.size() * buyers.size() - matched.size();
        int need = (int) Math.max(0, Math.min(free, (long) perPositive * window.positives()
                - (window.size() - window.positives())));
        PairFeatures features = new PairFeatures(pairs.withHistory(window.history()));
        Random random = new Random(seed);
        int n = window.size();
        double[][] rows = Arrays.copyOf(window.features(), n + need);
        int[] labels = Arrays.copyOf(window.labels(), n + need);
        List<UUID> groups = new ArrayList<>(window.shgIds());
        List<UUID> buyerIds = new ArrayList<>(window.buyerIds());
        Set<String> drawn = new HashSet<>();
        int added = 0;
        // rejection sampling: the matched pairs are few against all pairs, and the attempts are bounded
        for (long attempt = 0; added < need && attempt < 50L * need + 1_000; attempt++) {
            ShgProfile s = shgs.get(random.nextInt(shgs.size()));
            Buyer b = buyers.get(random.nextInt(buyers.size()));
            String key = s.shg().id() + "/" + b.id();
            if (matched.contains(key) || !drawn.add(key)) {
                continue;
            }
            rows[n + added] = row(features, window.affinity(), s, b);
            labels[n + added] = 0;
            groups.add(s.shg().id());
            buyerIds.add(b.id());
            added++;
        }
        return new Window(window.featureNames(), Arrays.copyOf(rows, n + added), Arrays.copyOf(labels, n + added),
                window.matchIds(), groups, buyerIds, window.affinity(), window.history());
    }

    private static int day(Match m) {
        return (int) m.lastInteraction().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
    }
}
