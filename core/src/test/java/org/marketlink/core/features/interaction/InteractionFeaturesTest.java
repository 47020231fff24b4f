package org.marketlink.core.features.interaction;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InteractionFeaturesTest {
    static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

    @Test
    void summariesAndRecentListsAgreeWithCountingByHand() {
        Random r = new Random(8);
        List<Interaction> all = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            all.add(new Interaction("u" + r.nextInt(50), "i" + r.nextInt(80), T0.plusSeconds(r.nextInt(1_000_000)),
                    r.nextInt(3) == 0 ? 1 + r.nextInt(5) : Double.NaN));
        }
        InteractionFeatures f = InteractionFeatures.of(all, 5);
        for (String user : List.of("u0", "u7", "u49")) {
            List<Interaction> mine = all.stream().filter(i -> i.user().equals(user)).toList();
            InteractionSummary s = f.user(user);
            assertThat(s.interactions()).isEqualTo(mine.size());
            Set<String> items = new HashSet<>();
            mine.forEach(i -> items.add(i.item()));
            assertThat(s.distinctCounterparts()).isEqualTo(items.size());
            double avg = mine.stream().filter(i -> !Double.isNaN(i.rating())).mapToDouble(Interaction::rating)
                    .average().orElse(Double.NaN);
            assertThat(s.averageRating()).isCloseTo(avg, within(1e-12));
            Instant last = mine.stream().map(Interaction::at).max(Instant::compareTo).orElseThrow();
            assertThat(s.last()).contains(last);
            List<Interaction> expectedRecent = mine.stream().sorted((a, b) -> b.at().compareTo(a.at())).limit(5)
                    .toList();
            assertThat(f.recent(user)).extracting(Interaction::at)
                    .containsExactlyElementsOf(expectedRecent.stream().map(Interaction::at).toList());
        }
        InteractionSummary item = f.item("i3");
        assertThat(item.interactions()).isEqualTo(all.stream().filter(i -> i.item().equals("i3")).count());
        assertThat(f.user("nobody").interactions()).isZero();
        assertThat(f.user("nobody").averageRating()).isNaN();
        assertThat(f.recent("nobody")).isEmpty();
    }

    @Test
    void derivedFeaturesBindNamesOnce() {
        DerivedFeature urgency = DerivedFeature.of("urgency", List.of("interactions_7d", "days_since_last"),
                v -> v[0] / (v[1] + 1));
        DerivedFeature.Bound bound = urgency.bind(List.of("days_since_last", "rating", "interactions_7d"));
        assertThat(bound.apply(new double[] {3, 4.5, 8})).isEqualTo(2);
        assertThatThrownBy(() -> urgency.bind(List.of("rating"))).hasMessageContaining("reads interactions_7d");
        DerivedFeature broken = DerivedFeature.of("broken", List.of("a"), v -> {
            throw new ArithmeticException("boom");
        });
        assertThatThrownBy(() -> broken.bind(List.of("a")).apply(new double[] {1}))
                .hasMessageContaining("derived feature broken failed on inputs [a] = [1.0]");
        assertThatThrownBy(() -> Interaction.of("", "x", T0)).hasMessage("interaction: user is missing or blank");
        // a user id may be personal: no message holds one
        assertThatThrownBy(() -> Interaction.of("customer-4711", " ", T0))
                .hasMessage("interaction: item is missing or blank");
        assertThatThrownBy(() -> new Interaction("customer-4711", "x", T0, Double.POSITIVE_INFINITY))
                .hasMessageNotContaining("customer-4711").hasMessageContaining("rating Infinity");
    }
}
