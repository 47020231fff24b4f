package org.marketlink.store.matching;

import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.core.model.Shg;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.features.SuccessHistory;
import org.marketlink.matching.retrieval.Recommendation;
import org.marketlink.store.MarketStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns recommendations into stored matches and follows them through their life:
 * {@code PENDING → ACCEPTED → CONNECTED → COMPLETED}, or {@code DECLINED}. Every move is checked against the state
 * stored in the database, not a state the caller remembers, and records the time of the interaction. Finished matches
 * come back as training data and as the history behind the collaborative-success feature. Thread-safe (the store is).
 */
public final class MatchLifecycle {
    private final MarketStore store;
    private final Clock clock;
    private final String scorerVersion;

    /**
     * The life cycle of matches in {@code store}, stamped with {@code clock} and recorded as proposed by {@code
     * scorerVersion}.
     */
    public static MatchLifecycle of(MarketStore store, Clock clock, String scorerVersion) {
        return new MatchLifecycle(store, clock, scorerVersion);
    }

    /**
     * @param store         where matches, groups and buyers live
     * @param clock         the time of creations and moves
     * @param scorerVersion recorded in each match's metadata, so outcomes can be traced to the scorer that proposed
     *                      them
     */
    private MatchLifecycle(MarketStore store, Clock clock, String scorerVersion) {
        if (store == null || clock == null || scorerVersion == null || scorerVersion.isBlank()) {
            throw new IllegalArgumentException("store, clock and a non-blank scorerVersion are required");
        }
        this.store = store;
        this.clock = clock;
        this.scorerVersion = scorerVersion;
    }

    /**
     * Creates a pending match for every recommendation whose pair has no match yet, with the first message from
     * {@code template}. Pairs that already have a match (in any state) are left alone, so proposing the same list twice
     * changes nothing.
     *
     * @return the matches created
     * @throws org.marketlink.core.NoSuchEntityException when a recommendation names a group or buyer not in the store
     */
    public List<Match> propose(List<Recommendation> recommendations, MessageTemplate template) {
        Instant now = clock.instant();
        Map<UUID, Set<UUID>> matchedBuyers = new HashMap<>();
        Map<UUID, Shg> shgs = new HashMap<>();
        Map<UUID, Buyer> buyers = new HashMap<>();
        List<Match> created = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Recommendation r : recommendations) {
            Set<UUID> already = matchedBuyers.computeIfAbsent(r.shgId(), id -> {
                Set<UUID> set = new HashSet<>();
                store.matches().findByShg(id).forEach(m -> set.add(m.buyerId()));
                return set;
            });
            if (already.contains(r.buyerId()) || !seen.add(r.shgId() + "/" + r.buyerId())) {
                continue;
            }
            Shg shg = shgs.computeIfAbsent(r.shgId(), id -> store.shgs().get(id));
            Buyer buyer = buyers.computeIfAbsent(r.buyerId(), id -> store.buyers().get(id));
            String message = template.render(Map.of(
                    "shg", shg.name(),
                    "buyer", buyer.name(),
                    "place", shg.location().place().isEmpty() ? shg.location().region() : shg.location().place(),
                    "category", shg.category(),
                    "score", Math.round(r.score() * 100) + "%"));
            Match pending = Match.pending(UUID.randomUUID(), r.shgId(), r.buyerId(), null, r.score(), message, now);
            created.add(new Match(pending.id(), pending.shgId(), pending.buyerId(), pending.productId(),
                    pending.score(), pending.status(), pending.initialMessage(), now,
                    Map.of("scorer", scorerVersion, "rank", Integer.toString(r.rank())), now));
        }
        if (!created.isEmpty()) {
            store.matches().upsertAll(created);
        }
        return created;
    }

    /** The buyer (or group) accepted the introduction. */
    public Match accept(UUID matchId) {
        return store.matches().transition(matchId, MatchStatus.ACCEPTED, clock.instant());
    }

    /** Either side declined. */
    public Match decline(UUID matchId) {
        return store.matches().transition(matchId, MatchStatus.DECLINED, clock.instant());
    }

    /** The two sides are in contact. */
    public Match connect(UUID matchId) {
        return store.matches().transition(matchId, MatchStatus.CONNECTED, clock.instant());
    }

    /** Business was done. */
    public Match complete(UUID matchId) {
        return store.matches().transition(matchId, MatchStatus.COMPLETED, clock.instant());
    }

    /**
     * Every match with a known outcome as a training row: accepted, connected or completed is a 1; declined is a 0,
     * and so is a match still pending after {@code unansweredAfter} (silence is an answer). Pending matches younger
     * than that are left out. Features are computed from the group, its products and the buyer as stored now.
     */
    public List<TrainingExample> outcomes(Duration unansweredAfter, PairFeatures features) {
        Instant cutoff = clock.instant().minus(unansweredAfter);
        Map<UUID, ShgProfile> profiles = new HashMap<>();
        Map<UUID, Buyer> buyers = new HashMap<>();
        List<TrainingExample> out = new ArrayList<>();
        for (MatchStatus status : MatchStatus.values()) {
            for (Match m : store.matches().findByStatus(status, Integer.MAX_VALUE)) {
                int label;
                if (status == MatchStatus.DECLINED) {
                    label = 0;
                } else if (status == MatchStatus.PENDING) {
                    if (m.lastInteraction().isAfter(cutoff)) {
                        continue;
                    }
                    label = 0;
                } else {
                    label = 1;
                }
                ShgProfile profile = profiles.computeIfAbsent(m.shgId(), id ->
                        ShgProfile.of(store.shgs().get(id), store.products().findByShg(id)));
                Buyer buyer = buyers.computeIfAbsent(m.buyerId(), id -> store.buyers().get(id));
                out.add(new TrainingExample(m.id(), m.shgId(), m.buyerId(), features.compute(profile, buyer), label));
            }
        }
        return out;
    }

    /** The collaborative-success history of every stored match (see {@link SuccessHistory}). */
    public SuccessHistory history(double priorStrength) {
        List<Match> all = new ArrayList<>();
        for (MatchStatus status : MatchStatus.values()) {
            all.addAll(store.matches().findByStatus(status, Integer.MAX_VALUE));
        }
        Map<UUID, String> categories = new HashMap<>();
        Map<UUID, BuyerType> types = new HashMap<>();
        for (Match m : all) {
            categories.computeIfAbsent(m.shgId(), id -> store.shgs().findById(id).map(Shg::category).orElse(null));
            types.computeIfAbsent(m.buyerId(), id -> store.buyers().findById(id).map(Buyer::type).orElse(null));
        }
        return SuccessHistory.of(all, categories::get, types::get, priorStrength);
    }
}
