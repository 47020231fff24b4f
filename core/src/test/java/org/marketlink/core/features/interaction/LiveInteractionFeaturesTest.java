package org.marketlink.core.features.interaction;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static final Schema EVENTS = Schema.of(Field.required("customer", FieldType.STRING),
            Field.required("product", FieldType.STRING), Field.required("ts", FieldType.LONG),
            Field.optional("stars", FieldType.DOUBLE), Field.optional("note", FieldType.STRING));

    @Test
    void rowsBoundByName_updateExactlyAsTheirInteractions() {
        Random r = new Random(22);
        List<Row> rows = new ArrayList<>();
        List<Interaction> same = new ArrayList<>();
        for (int k = 0; k < 6_000; k++) {
            int u = r.nextInt(90);
            String user = "u" + u;
            String item = "i" + r.nextInt(400);
            // the odd users' times all before 1970: milliseconds to seconds and nanoseconds must round down
            long millis = u % 2 == 1 ? -1 - r.nextLong(3_000_000_000_000L) : T0.toEpochMilli() + r.nextLong(10_000_000);
            Double stars = r.nextInt(3) == 0 ? (double) (1 + r.nextInt(5)) : null;
            rows.add(Row.of(EVENTS, user, item, millis, stars, "x"));
            same.add(new Interaction(user, item, Instant.ofEpochMilli(millis), stars == null ? Double.NaN : stars));
        }
        InteractionFields fields = InteractionFields.of(EVENTS, "customer", "product", "ts", "stars");
        LiveInteractionFeatures byRows = LiveInteractionFeatures.keepingRecent(5);
        LiveInteractionFeatures byRecords = LiveInteractionFeatures.keepingRecent(5);
        for (int from = 0; from < rows.size(); from += 700) {
            int to = Math.min(rows.size(), from + 700);
            LiveInteractionFeatures.Changed a = byRows.update(rows.subList(from, to), fields);
            LiveInteractionFeatures.Changed b = byRecords.update(same.subList(from, to));
            assertThat(List.copyOf(a.users())).isEqualTo(List.copyOf(b.users()));
            assertThat(List.copyOf(a.items())).isEqualTo(List.copyOf(b.items()));
        }
        InteractionFeatures batch = InteractionFeatures.of(same, 5);
        assertThat(byRows.snapshot().users()).isEqualTo(batch.users());
        for (String user : batch.users()) {
            assertThat(byRows.user(user)).as(user).isEqualTo(batch.user(user)).isEqualTo(byRecords.user(user));
            assertThat(byRows.recent(user)).as(user).isEqualTo(batch.recent(user));
        }
        for (String item : batch.items()) {
            assertThat(byRows.item(item)).as(item).isEqualTo(batch.item(item));
        }
    }

    @Test
    void aBadRowChangesNothing_andIsNamedWithoutItsValues() {
        InteractionFields fields = InteractionFields.of(EVENTS, "customer", "product", "ts", null);
        LiveInteractionFeatures live = LiveInteractionFeatures.keepingRecent(3);
        List<Row> rows = List.of(Row.of(EVENTS, "customer-4711", "p1", 5L, null, null),
                Row.of(EVENTS, " ", "p2", 6L, null, null));
        assertThatThrownBy(() -> live.update(rows, fields))
                .hasMessage("row 1: interaction field 'customer' is empty or blank");
        assertThat(live.user("customer-4711").interactions()).isZero();
        Schema infinite = Schema.of(Field.required("customer", FieldType.STRING),
                Field.required("product", FieldType.STRING), Field.required("at", FieldType.TIMESTAMP),
                Field.optional("stars", FieldType.DOUBLE));
        InteractionFields byInstant = InteractionFields.of(infinite, "customer", "product", "at", "stars");
        assertThatThrownBy(() -> live.update(List.of(Row.of(infinite, "customer-4711", "p", T0,
                Double.POSITIVE_INFINITY)), byInstant)).hasMessage("row 0: rating 'stars' is not finite");
        assertThat(live.update(List.of(Row.of(infinite, "c", "p", T0, 4.0)), byInstant).users()).containsExactly("c");
        assertThat(live.user("c")).isEqualTo(new InteractionSummary(1, 1, 1, 4.0, Optional.of(T0)));
        assertThatThrownBy(() -> InteractionFields.of(EVENTS, "customer", "product", "note", null))
                .hasMessage("interaction time: field 'note' is STRING, not TIMESTAMP or LONG");
        assertThatThrownBy(() -> InteractionFields.of(EVENTS, "who", "product", "ts", null))
                .hasMessage("interaction user: the schema has no field 'who'");
        assertThatThrownBy(() -> live.update(List.of(Row.of(infinite, "c", "p", T0, 1.0)), fields))
                .hasMessage("row 0: not of the schema the interaction fields were bound to");
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
