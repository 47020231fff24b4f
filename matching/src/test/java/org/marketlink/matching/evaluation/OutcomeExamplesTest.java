package org.marketlink.matching.evaluation;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.core.model.Product;
import org.marketlink.matching.features.CollaborativeFeatures;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.testing.MarketFixtures;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutcomeExamplesTest {
    final MarketFixtures f = MarketFixtures.generate(3, MarketFixtures.Options.defaults().withSize(30, 60)
            .withMatchesPerGroup(20));
    final List<ShgProfile> shgs = profiles(f);
    final int today = (int) LocalDate.of(2026, 11, 25).toEpochDay();
    final int cut = today - 150;
    final int until = today - 60;

    static List<ShgProfile> profiles(MarketFixtures f) {
        Map<UUID, List<Product>> products = f.products().stream().collect(Collectors.groupingBy(Product::shgId));
        return f.shgs().stream().map(s -> ShgProfile.of(s, products.getOrDefault(s.id(), List.of()))).toList();
    }

    OutcomeExamples.Window window(List<Match> history) {
        return OutcomeExamples.between(history, shgs, f.buyers(), PairFeatures.Options.defaults(),
                CollaborativeFeatures.Options.defaults(), 5, cut, until);
    }

    static int day(Match m) {
        return (int) m.lastInteraction().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
    }

    @Test
    void everyMatchEndingInTheWindowIsOneRowLabelledByItsOutcome() {
        OutcomeExamples.Window w = window(f.matchHistory());
        List<Match> expected = f.matchHistory().stream().filter(m -> day(m) > cut && day(m) <= until).toList();
        assertThat(w.size()).isEqualTo(expected.size()).isGreaterThan(100);
        assertThat(w.matchIds()).containsExactlyElementsOf(expected.stream().map(Match::id).toList());
        for (int i = 0; i < w.size(); i++) {
            assertThat(w.labels()[i]).isEqualTo(expected.get(i).status() == MatchStatus.COMPLETED ? 1 : 0);
            assertThat(w.features()[i]).hasSize(w.featureNames().size());
        }
        assertThat(w.positives()).isBetween(1, w.size() - 1);
        assertThat(w.featureNames()).startsWith("category_alignment").contains("collab_item_knn");
        assertThat(w.pairFeatures()[0]).containsExactly(Arrays.copyOf(w.features()[0], 7));
    }

    @Test
    void noRowSeesAnOutcomeAfterTheCut() {
        OutcomeExamples.Window w = window(f.matchHistory());
        // every match that ended after the cut turned the other way: the features must not move
        List<Match> flipped = new ArrayList<>();
        for (Match m : f.matchHistory()) {
            if (day(m) > cut) {
                MatchStatus other = m.status() == MatchStatus.COMPLETED ? MatchStatus.DECLINED : MatchStatus.COMPLETED;
                flipped.add(new Match(m.id(), m.shgId(), m.buyerId(), m.productId(), m.score(), other,
                        m.initialMessage(), m.lastInteraction(), m.metadata(), m.createdAt()));
            } else {
                flipped.add(m);
            }
        }
        OutcomeExamples.Window v = window(flipped);
        assertThat(v.size()).isEqualTo(w.size());
        for (int i = 0; i < w.size(); i++) {
            assertThat(v.features()[i]).containsExactly(w.features()[i]);
            assertThat(v.labels()[i]).isEqualTo(1 - w.labels()[i]);
        }
        // and the ones before the cut do move them: the features are not constant
        List<Match> early = new ArrayList<>();
        for (Match m : f.matchHistory()) {
            early.add(day(m) <= cut && m.status() == MatchStatus.DECLINED ? new Match(m.id(), m.shgId(), m.buyerId(),
                    m.productId(), m.score(), MatchStatus.COMPLETED, m.initialMessage(), m.lastInteraction(),
                    m.metadata(), m.createdAt()) : m);
        }
        OutcomeExamples.Window u = window(early);
        int moved = 0;
        for (int i = 0; i < w.size(); i++) {
            moved += Arrays.equals(u.features()[i], w.features()[i]) ? 0 : 1;
        }
        assertThat(moved).isGreaterThan(w.size() / 2);
    }

    @Test
    void sampledNegativesMakeUpFourPerPositiveFromPairsNeverMatched() {
        OutcomeExamples.Window w = window(f.matchHistory());
        OutcomeExamples.Window x = OutcomeExamples.withSampledNegatives(w, f.matchHistory(), shgs, f.buyers(),
                PairFeatures.Options.defaults(), 4, 17);
        // every outcome row unchanged and first, then the sampled ones, labelled 0
        assertThat(x.matchIds()).isEqualTo(w.matchIds());
        for (int i = 0; i < w.size(); i++) {
            assertThat(x.features()[i]).isSameAs(w.features()[i]);
            assertThat(x.labels()[i]).isEqualTo(w.labels()[i]);
        }
        assertThat(x.positives()).isEqualTo(w.positives());
        assertThat(x.size() - x.positives()).isEqualTo(4 * w.positives());
        assertThat(x.sampled()).isEqualTo(4 * w.positives() - (w.size() - w.positives())).isPositive();
        Set<String> matched = f.matchHistory().stream().map(m -> m.shgId() + "/" + m.buyerId())
                .collect(Collectors.toSet());
        Set<String> drawn = new HashSet<>();
        Map<UUID, ShgProfile> byId = shgs.stream().collect(Collectors.toMap(p -> p.shg().id(), p -> p));
        PairFeatures asOfCut = new PairFeatures(PairFeatures.Options.defaults().withHistory(w.history()));
        for (int i = w.size(); i < x.size(); i++) {
            String pair = x.shgIds().get(i) + "/" + x.buyerIds().get(i);
            assertThat(matched).as("row %d", i).doesNotContain(pair);
            assertThat(drawn.add(pair)).as("row %d drawn once", i).isTrue();
            assertThat(x.labels()[i]).isZero();
            // the row's features as of the cut, as the outcome rows have theirs
            UUID buyer = x.buyerIds().get(i);
            double[] pairPart = asOfCut.compute(byId.get(x.shgIds().get(i)), f.buyers().stream()
                    .filter(b -> b.id().equals(buyer)).findFirst().orElseThrow());
            assertThat(Arrays.copyOf(x.features()[i], pairPart.length)).containsExactly(pairPart);
            assertThat(Arrays.copyOfRange(x.features()[i], pairPart.length, x.featureNames().size()))
                    .containsExactly(w.affinity().features(x.shgIds().get(i), List.of(buyer)));
        }
        // the same seed, the same pairs; another seed, others
        OutcomeExamples.Window again = OutcomeExamples.withSampledNegatives(w, f.matchHistory(), shgs, f.buyers(),
                PairFeatures.Options.defaults(), 4, 17);
        assertThat(again.buyerIds()).isEqualTo(x.buyerIds());
        assertThat(OutcomeExamples.withSampledNegatives(w, f.matchHistory(), shgs, f.buyers(),
                PairFeatures.Options.defaults(), 4, 18).buyerIds()).isNotEqualTo(x.buyerIds());
        // enough negatives already: nothing is drawn
        assertThat(OutcomeExamples.withSampledNegatives(w, f.matchHistory(), shgs, f.buyers(),
                PairFeatures.Options.defaults(), 1, 17).sampled()).isZero();
        assertThatThrownBy(() -> OutcomeExamples.withSampledNegatives(w, f.matchHistory(), shgs, f.buyers(),
                PairFeatures.Options.defaults(), 0, 17)).hasMessageContaining("perPositive");
    }

    @Test
    void daysOutOfOrderAreRefused() {
        assertThatThrownBy(() -> OutcomeExamples.between(f.matchHistory(), shgs, f.buyers(),
                PairFeatures.Options.defaults(), CollaborativeFeatures.Options.defaults(), 5, 10, 9))
                .hasMessageContaining("untilDay 9 is before cutDay 10");
    }
}
