package org.marketlink.matching.features;

import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The collaborative features of the market-linkage domain: a group (SHG) plays the item, a buyer the buyer, and a
 * completed match is the event, on the day of its last interaction (UTC). So for a (group, buyer) pair:
 * {@code repeat} is how much the buyer completed with this group, {@code item_knn} how much it completed with groups
 * that share buyers with this one, and {@code category} how much it completed with other groups of the same product
 * category. Declined, expired and open matches are not events.
 *
 * <p>A group or buyer never seen in a completed match gets 0 in every column: the cold start, for which the weighted
 * scorer stays the fallback. Immutable and thread-safe; {@link #features} allocates its own scratch.
 */
public final class MatchAffinity {
    private final Map<UUID, Integer> shgIndex;
    private final Map<UUID, Integer> buyerIndex;
    private final UUID[] buyerIds;
    private final CollaborativeFeatures features;

    private MatchAffinity(Map<UUID, Integer> shgIndex, Map<UUID, Integer> buyerIndex, CollaborativeFeatures features) {
        this.shgIndex = shgIndex;
        this.buyerIndex = buyerIndex;
        this.buyerIds = new UUID[buyerIndex.size()];
        buyerIndex.forEach((id, i) -> buyerIds[i] = id);
        this.features = features;
    }

    /**
     * The features of every completed match among {@code matches} up to the end of {@code toDay} (an epoch day).
     *
     * @param shgCategory the product category of a group by id; null when unknown (the group gets its own category)
     */
    public static MatchAffinity of(Collection<Match> matches, Function<UUID, String> shgCategory, int toDay,
                                   CollaborativeFeatures.Options options) {
        Map<UUID, Integer> shgs = new HashMap<>();
        Map<UUID, Integer> buyers = new HashMap<>();
        int[] buyer = new int[matches.size()];
        int[] item = new int[matches.size()];
        int[] day = new int[matches.size()];
        int n = 0;
        for (Match m : matches) {
            if (m.status() != MatchStatus.COMPLETED || m.lastInteraction() == null) {
                continue;
            }
            int d = (int) m.lastInteraction().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
            if (d > toDay) {
                continue;
            }
            item[n] = shgs.computeIfAbsent(m.shgId(), k -> shgs.size());
            buyer[n] = buyers.computeIfAbsent(m.buyerId(), k -> buyers.size());
            day[n++] = d;
        }
        Map<String, Integer> categories = new HashMap<>();
        int[] category = new int[shgs.size()];
        for (Map.Entry<UUID, Integer> e : shgs.entrySet()) {
            String name = shgCategory.apply(e.getKey());
            String key = name == null ? "\u0000" + e.getKey() : name;
            category[e.getValue()] = categories.computeIfAbsent(key, k -> categories.size());
        }
        InteractionHistory history = InteractionHistory.of(buyers.size(), shgs.size(), Arrays.copyOf(buyer, n),
                Arrays.copyOf(item, n), Arrays.copyOf(day, n));
        int from = toDay;
        for (int i = 0; i < n; i++) {
            from = Math.min(from, day[i]);
        }
        CollaborativeFeatures features = CollaborativeFeatures.build(history.window(from, toDay), options, category,
                null);
        return new MatchAffinity(Map.copyOf(shgs), Map.copyOf(buyers), features);
    }

    /** Whether {@code shgId} has at least one completed match in the history: false is the cold start. */
    public boolean knows(UUID shgId) {
        return shgIndex.containsKey(shgId);
    }

    /**
     * The collaborative candidates of a group: the buyers that completed a match with it or with one of the groups
     * most similar to it (by shared buyers), in no particular order; empty for a group {@link #knows} not. Every other
     * buyer has {@code repeat} and {@code item_knn} of 0 with this group, so a two-stage retriever that scores these
     * exactly loses nothing those columns could add.
     */
    public List<UUID> reach(UUID shgId) {
        Integer shg = shgIndex.get(shgId);
        if (shg == null) {
            return List.of();
        }
        int[] reached = features.newQuery().reach(shg);
        List<UUID> out = new ArrayList<>(reached.length);
        for (int b : reached) {
            out.add(buyerIds[b]);
        }
        return out;
    }

    /** The column names: those of {@link CollaborativeFeatures} with a category column. */
    public List<String> names() {
        return features.names();
    }

    /**
     * The features of {@code shgId} with each of {@code buyerIds}, row after row ({@code names().size()} values per
     * buyer); all 0 for an unknown group or buyer.
     */
    public double[] features(UUID shgId, List<UUID> buyerIds) {
        int width = features.width();
        double[] out = new double[buyerIds.size() * width];
        Integer shg = shgIndex.get(shgId);
        if (shg == null) {
            return out;
        }
        int[] known = new int[buyerIds.size()];
        int[] at = new int[buyerIds.size()];
        int n = 0;
        for (int i = 0; i < buyerIds.size(); i++) {
            Integer b = buyerIndex.get(buyerIds.get(i));
            if (b != null) {
                known[n] = b;
                at[n++] = i;
            }
        }
        double[] rows = new double[n * width];
        features.newQuery().fill(shg, Arrays.copyOf(known, n), rows);
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows, i * width, out, at[i] * width, width);
        }
        return out;
    }
}
