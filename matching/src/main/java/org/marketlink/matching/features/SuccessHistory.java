package org.marketlink.matching.features;

import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Completion rates of past matches, by the category of the group and the type of the buyer: the
 * {@link PairFeature#COLLABORATIVE_SUCCESS} feature. Only finished matches count ({@code COMPLETED} as a success,
 * {@code DECLINED} as a failure); matches still under way say nothing yet.
 *
 * <p>A cell's rate is {@code (completed + m * overall) / (finished + m)}, where {@code overall} is
 * {@code (allCompleted + 1) / (allFinished + 2)}: a cold cell gets the overall rate, a market with no history 0.5.
 * Immutable and thread-safe.
 */
public final class SuccessHistory {
    private final Map<String, int[]> cells;
    private final double overall;
    private final double strength;

    private SuccessHistory(Map<String, int[]> cells, int completed, int finished, double strength) {
        this.cells = cells;
        this.overall = (completed + 1.0) / (finished + 2.0);
        this.strength = strength;
    }

    /** No history: every pair gets 0.5. */
    public static SuccessHistory empty() {
        return new SuccessHistory(Map.of(), 0, 0, 5);
    }

    /**
     * Counts the finished matches among {@code matches}.
     *
     * @param shgCategory   the category of a group by id, or null when the group is unknown (the match is skipped)
     * @param buyerType     the type of a buyer by id, or null when the buyer is unknown (the match is skipped)
     * @param priorStrength {@code m}, how many matches the overall rate is worth in each cell; &gt; 0
     */
    public static SuccessHistory of(Collection<Match> matches, Function<UUID, String> shgCategory,
                                    Function<UUID, BuyerType> buyerType, double priorStrength) {
        if (!(priorStrength > 0) || !Double.isFinite(priorStrength)) {
            throw new IllegalArgumentException("priorStrength must be a positive number, was " + priorStrength);
        }
        Map<String, int[]> cells = new HashMap<>();
        int completed = 0;
        int finished = 0;
        for (Match m : matches) {
            if (!m.status().isFinal()) {
                continue;
            }
            String category = shgCategory.apply(m.shgId());
            BuyerType type = buyerType.apply(m.buyerId());
            if (category == null || type == null) {
                continue;
            }
            boolean success = m.status() == MatchStatus.COMPLETED;
            int[] cell = cells.computeIfAbsent(key(category, type), k -> new int[2]);
            cell[0] += success ? 1 : 0;
            cell[1]++;
            completed += success ? 1 : 0;
            finished++;
        }
        return new SuccessHistory(Map.copyOf(cells), completed, finished, priorStrength);
    }

    /** The smoothed completion rate for groups of {@code shgCategory} with buyers of {@code type}. */
    public double rate(String shgCategory, BuyerType type) {
        int[] cell = cells.get(key(shgCategory, type));
        int completed = cell == null ? 0 : cell[0];
        int finished = cell == null ? 0 : cell[1];
        return (completed + strength * overall) / (finished + strength);
    }

    /** The rate a pair with no history in its cell gets. */
    public double overallRate() {
        return overall;
    }

    private static String key(String category, BuyerType type) {
        return category + '\u0000' + type.name();
    }
}
