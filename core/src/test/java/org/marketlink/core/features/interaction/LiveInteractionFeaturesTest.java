package org.marketlink.core.features.interaction;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Features kept up to date chunk by chunk equal the batch features over everything, however the stream is split. */
class LiveInteractionFeaturesTest {
    /** The order of a user's recent interactions: by time, then item. */
    private static final Comparator<Interaction> OLDEST_FIRST =
            Comparator.comparing(Interaction::at).thenComparing(Interaction::item);

    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

    @Test
    void updatesChunkByChunk_equalTheBatch_andNameWhatTheyChanged() {
        Random r = new Random(21);
        List<Interaction> all = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            all.add(new Interaction("u" + r.nextInt(120), "i" + r.nextInt(300), T0.plusSeconds(r.nextInt(2_000_000)),
                    r.nextInt(4) == 0 ? 1 + r.nextInt(5) : Double.NaN));
        }
        InteractionFeatures batch = InteractionFeatures.of(all, 7);
        assertEqualsByHand(batch, all, 7);
        for (int split : new int[] {1, 13, 500, 4_999}) {
            LiveInteractionFeatures live = LiveInteractionFeatures.keepingRecent(7);
            Set<String> touched = new HashSet<>();
            for (int from = 0; from < all.size(); from += split) {
                List<Interaction> chunk = all.subList(from, Math.min(all.size(), from + split));
                LiveInteractionFeatures.Changed changed = live.update(chunk);
                Set<String> usersOfChunk = new HashSet<>();
                chunk.forEach(i -> usersOfChunk.add(i.user()));
                assertThat(changed.users()).isEqualTo(usersOfChunk);
                touched.addAll(changed.users());
            }
            assertThat(touched).isEqualTo(batch.users());
            for (String user : batch.users()) {
                assertThat(live.user(user)).as("user %s, split %d", user, split).isEqualTo(batch.user(user));
                assertThat(live.recent(user)).isEqualTo(batch.recent(user));
            }
            for (String item : batch.items()) {
                assertThat(live.item(item)).isEqualTo(batch.item(item));
            }
            assertThat(live.user("nobody").interactions()).isZero();
            assertThat(live.snapshot().users()).isEqualTo(batch.users());
        }
    }

    /** The obvious computation, user by user and item by item, over the whole list. */
    private static void assertEqualsByHand(InteractionFeatures f, List<Interaction> all, int recent) {
        Map<String, List<Interaction>> byUser = new HashMap<>();
        Map<String, List<Interaction>> byItem = new HashMap<>();
        for (Interaction i : all) {
            byUser.computeIfAbsent(i.user(), k -> new ArrayList<>()).add(i);
            byItem.computeIfAbsent(i.item(), k -> new ArrayList<>()).add(i);
        }
        assertThat(f.users()).isEqualTo(byUser.keySet());
        assertThat(f.items()).isEqualTo(byItem.keySet());
        byUser.forEach((user, mine) -> {
            assertThat(f.user(user)).as(user).isEqualTo(summary(mine, Interaction::item));
            List<Interaction> newest = mine.stream().sorted(OLDEST_FIRST.reversed())
                    .limit(recent).toList();
            assertThat(f.recent(user)).as(user).isEqualTo(newest);
        });
        byItem.forEach((item, theirs) -> assertThat(f.item(item)).as(item).isEqualTo(summary(theirs,
                Interaction::user)));
    }

    private static InteractionSummary summary(List<Interaction> list, Function<Interaction, String> counterpart) {
        Set<String> others = new HashSet<>();
        list.forEach(i -> others.add(counterpart.apply(i)));
        long rated = list.stream().filter(i -> !Double.isNaN(i.rating())).count();
        double sum = 0;
        for (Interaction i : list) {
            if (!Double.isNaN(i.rating())) {
                sum += i.rating();
            }
        }
        Instant last = list.stream().map(Interaction::at).max(Instant::compareTo).orElseThrow();
        return new InteractionSummary(list.size(), others.size(), rated, rated == 0 ? Double.NaN : sum / rated,
                Optional.of(last));
    }
}
