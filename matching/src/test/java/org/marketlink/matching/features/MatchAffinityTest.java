package org.marketlink.matching.features;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Groups as items, buyers as buyers, completed matches as events. */
class MatchAffinityTest {
    static final Instant DAY = LocalDate.of(2026, 11, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    static Match match(UUID shg, UUID buyer, MatchStatus status, int daysLater) {
        Instant at = DAY.plusSeconds(86_400L * daysLater);
        return new Match(UUID.randomUUID(), shg, buyer, Optional.empty(), 0.5, status, null, at, Map.of(), at);
    }

    @Test
    void aBuyerIsDrawnToGroupsLikeTheOnesItCompletedWith() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID loyal = UUID.randomUUID();
        UUID sharer1 = UUID.randomUUID();
        UUID sharer2 = UUID.randomUUID();
        UUID onlyA = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        UUID decliner = UUID.randomUUID();
        List<Match> matches = new ArrayList<>();
        // a and b share two buyers; c shares none; c is in a's category
        for (UUID buyer : List.of(sharer1, sharer2)) {
            matches.add(match(a, buyer, MatchStatus.COMPLETED, 1));
            matches.add(match(b, buyer, MatchStatus.COMPLETED, 2));
        }
        matches.add(match(a, onlyA, MatchStatus.COMPLETED, 3));
        matches.add(match(a, loyal, MatchStatus.COMPLETED, 3));
        matches.add(match(a, loyal, MatchStatus.COMPLETED, 4));
        matches.add(match(c, UUID.randomUUID(), MatchStatus.COMPLETED, 4));
        matches.add(match(b, decliner, MatchStatus.DECLINED, 4));
        matches.add(match(b, onlyA, MatchStatus.COMPLETED, 40)); // after the cut: not seen
        int cut = (int) LocalDate.of(2026, 11, 20).toEpochDay();
        MatchAffinity affinity = MatchAffinity.of(matches, id -> id.equals(b) ? "honey" : "millets", cut,
                CollaborativeFeatures.Options.defaults());
        List<String> names = affinity.names();
        int repeat = names.indexOf("repeat");
        int knn = names.indexOf("item_knn");
        int category = names.indexOf("category");
        int w = names.size();
        List<UUID> buyers = List.of(onlyA, stranger, decliner, loyal);
        double[] forB = affinity.features(b, buyers);
        assertThat(forB[knn]).as("onlyA, through a").isPositive();
        assertThat(forB[repeat]).as("onlyA never completed with b by the cut").isZero();
        for (int col = 0; col < w; col++) {
            assertThat(forB[w + col]).as("stranger").isZero();
            assertThat(forB[2 * w + col]).as("a declined match is no event").isZero();
        }
        double[] forA = affinity.features(a, buyers);
        assertThat(forA[3 * w + repeat]).as("loyal repeats with a").isGreaterThan(forA[repeat]);
        double[] forC = affinity.features(c, buyers);
        assertThat(forC[category]).as("onlyA bought from a, in c's category").isPositive();
        assertThat(forC[knn]).as("c shares no buyer with a").isZero();
        assertThat(affinity.features(UUID.randomUUID(), buyers)).containsOnly(0.0);

        assertThat(affinity.knows(b)).isTrue();
        assertThat(affinity.knows(UUID.randomUUID())).as("cold start").isFalse();
        assertThat(affinity.reach(UUID.randomUUID())).isEmpty();
        assertThat(affinity.reach(b)).as("b's own buyers and a's, through the shared ones")
                .containsExactlyInAnyOrder(sharer1, sharer2, onlyA, loyal);
        // nothing outside the reach has a repeat or neighbour signal: what a two-stage retriever relies on
        for (UUID shg : List.of(a, b, c)) {
            List<UUID> reach = affinity.reach(shg);
            List<UUID> all = List.of(loyal, sharer1, sharer2, onlyA, stranger, decliner);
            double[] row = affinity.features(shg, all);
            for (int i = 0; i < all.size(); i++) {
                if (!reach.contains(all.get(i))) {
                    assertThat(row[i * w + repeat]).isZero();
                    assertThat(row[i * w + knn]).isZero();
                }
            }
        }
    }
}
