package org.marketlink.store.matching;

import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.IllegalTransitionException;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.retrieval.MatchRetriever;
import org.marketlink.matching.retrieval.Recommendation;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.WeightedScorer;
import org.marketlink.store.Backend;
import org.marketlink.store.MarketStore;
import org.marketlink.testing.SyntheticMarket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatchLifecycleTest {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @ParameterizedTest
    @EnumSource(Backend.class)
    void recommendationsBecomeMatchesThatMoveThroughTheirLifeAndComeBackAsTrainingData(Backend backend) {
        List<ShgProfile> shgs = SyntheticMarket.shgs(6, 31, ShgProfile::of);
        List<Buyer> buyers = SyntheticMarket.buyers(10, 32);
        try (MarketStore store = backend.open()) {
            store.shgs().upsertAll(shgs.stream().map(ShgProfile::shg).toList());
            store.products().upsertAll(shgs.stream().flatMap(p -> p.products().stream()).toList());
            store.buyers().upsertAll(buyers);
            MatchRetriever retriever = MatchRetriever.build(shgs, buyers, PairFeatures.Options.defaults(),
                    WeightedScorer.defaults(), HardFilters.none());
            List<Recommendation> recs = new ArrayList<>();
            for (ShgProfile s : shgs) {
                recs.addAll(retriever.topBuyers(s.shg().id(), 2));
            }
            MatchLifecycle lifecycle = MatchLifecycle.of(store, clock, "weighted-v1");
            List<Match> created = lifecycle.propose(recs, MessageTemplate.introduction());
            assertThat(created).hasSize(12);
            assertThat(store.matches().count()).isEqualTo(12);
            Match first = store.matches().get(created.get(0).id());
            assertThat(first.status()).isEqualTo(MatchStatus.PENDING);
            assertThat(first.initialMessage()).contains(shgs.get(0).shg().name()).doesNotContain("{");
            assertThat(first.metadata()).containsEntry("scorer", "weighted-v1").containsEntry("rank", "1");
            // proposing again creates nothing and does not reset any state
            now = now.plus(Duration.ofHours(1));
            lifecycle.accept(created.get(0).id());
            assertThat(lifecycle.propose(recs, MessageTemplate.introduction())).isEmpty();
            assertThat(store.matches().get(created.get(0).id()).status()).isEqualTo(MatchStatus.ACCEPTED);

            now = now.plus(Duration.ofDays(1));
            lifecycle.connect(created.get(0).id());
            Match done = lifecycle.complete(created.get(0).id());
            assertThat(done.status()).isEqualTo(MatchStatus.COMPLETED);
            assertThat(store.matches().get(done.id()).lastInteraction()).isEqualTo(now);
            lifecycle.decline(created.get(1).id());
            lifecycle.accept(created.get(2).id());
            assertThatThrownBy(() -> lifecycle.complete(created.get(1).id()))
                    .isInstanceOf(IllegalTransitionException.class);

            // 30 days later: the untouched pending matches count as unanswered
            now = now.plus(Duration.ofDays(30));
            List<TrainingExample> examples = lifecycle.outcomes(Duration.ofDays(14),
                    new PairFeatures(PairFeatures.Options.defaults()));
            assertThat(examples).hasSize(12);
            Map<Integer, Long> byLabel = examples.stream().collect(
                    Collectors.groupingBy(TrainingExample::label, Collectors.counting()));
            assertThat(byLabel).containsEntry(1, 2L).containsEntry(0, 10L);
            TrainingExample completed = examples.stream().filter(e -> e.matchId().equals(done.id())).findFirst()
                    .orElseThrow();
            assertThat(completed.label()).isEqualTo(1);
            assertThat(completed.features()).containsExactly(
                    retriever.features(done.shgId(), done.buyerId()), Offset.offset(1e-9));
            // with a 60-day wait the pending matches are too young to count: only the three answered ones remain
            assertThat(lifecycle.outcomes(Duration.ofDays(60), new PairFeatures(PairFeatures.Options.defaults())))
                    .hasSize(3);

            // the finished matches feed the collaborative feature: one completed, one declined
            var history = lifecycle.history(1);
            assertThat(history.overallRate()).isEqualTo((1 + 1.0) / (2 + 2));
        }
    }

    @org.junit.jupiter.api.Test
    void templatesRejectUnknownPlaceholders() {
        assertThatThrownBy(() -> MessageTemplate.of("Hello {buyer}, from {village}"))
                .hasMessageContaining("unknown placeholder(s) [village]");
        assertThat(MessageTemplate.of("{shg} → {buyer}: {score}").render(Map.of("shg", "A$1", "buyer", "B",
                "score", "80%"))).isEqualTo("A$1 → B: 80%");
    }
}
