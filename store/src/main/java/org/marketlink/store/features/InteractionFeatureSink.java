package org.marketlink.store.features;

import org.marketlink.core.Checks;
import org.marketlink.core.features.interaction.Interaction;
import org.marketlink.core.features.interaction.InteractionSummary;
import org.marketlink.core.features.interaction.LiveInteractionFeatures;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Sink;
import org.marketlink.core.pipeline.Stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Streaming interaction features: a pipeline sink that adds each chunk of interactions to
 * {@link LiveInteractionFeatures} and writes the profiles of the users the chunk changed to the feature store, so the
 * online cache serves each user's profile as of the last chunk (the store's write refreshes its cached entries).
 * The profile is {@link #profile(String)}: interactions, distinct items, average rating and the last interaction's
 * time (epoch seconds), stamped with that time.
 *
 * <p>A chunk written again under the same key (the runner's retry) is not counted twice: its profiles are written
 * again from the features as they stand. Thread-safe; one sink per stream of interactions.
 */
public final class InteractionFeatureSink implements Sink<Interaction> {
    private final FeatureStore store;
    private final LiveInteractionFeatures live;
    private final FeatureSet<InteractionSummary> profile;
    /** Per run, the index of the last chunk added to the features. */
    private final Map<String, Long> applied = new HashMap<>();

    private InteractionFeatureSink(FeatureStore store, LiveInteractionFeatures live, String entity) {
        this.store = Checks.notNull("store", store);
        this.live = Checks.notNull("live", live);
        this.profile = profile(entity);
    }

    /**
     * A sink updating {@code live} and writing the profiles of {@code entity} (for example {@code customer}).
     *
     * @param store  the feature store
     * @param live   the features to keep up to date (the host may read them too)
     * @param entity the entity the profile belongs to, a lower-case name
     * @return the sink
     */
    public static InteractionFeatureSink of(FeatureStore store, LiveInteractionFeatures live, String entity) {
        return new InteractionFeatureSink(store, live, entity);
    }

    /**
     * The profile feature set of {@code entity}: the features this sink writes, to read with
     * {@link FeatureStore#latest} or {@link FeatureStore#pointInTime}.
     *
     * @param entity the entity, a lower-case name
     * @return the set {@code interaction_profile}, version 1
     */
    public static FeatureSet<InteractionSummary> profile(String entity) {
        return FeatureSet.of("interaction_profile",
                FeatureDefinition.of("interactions", 1, entity, "interactions so far",
                        (InteractionSummary s) -> s.interactions()),
                FeatureDefinition.of("distinct_items", 1, entity, "different items interacted with",
                        (InteractionSummary s) -> s.distinctCounterparts()),
                FeatureDefinition.of("average_rating", 1, entity, "mean of the ratings given (none: no value)",
                        InteractionSummary::averageRating),
                FeatureDefinition.of("last_interaction_epoch_s", 1, entity, "time of the latest interaction",
                        (InteractionSummary s) -> s.last().map(t -> (double) t.getEpochSecond()).orElse(Double.NaN)));
    }

    /** The profile set this sink writes. */
    public FeatureSet<InteractionSummary> profile() {
        return profile;
    }

    @Override
    public String name() {
        return "feature_values:" + profile.name();
    }

    /**
     * Quarantines an interaction whose user id is longer than the feature store's keys
     * ({@value FeatureStore#MAX_KEY_LENGTH} characters, code {@code KEY_TOO_LONG}) before it reaches the features,
     * instead of failing its chunk's write and the run. The message gives the length, never the id: a user id may
     * be personal data.
     */
    @Override
    public Optional<Stage<Interaction, Interaction>> admission() {
        return Optional.of((interaction, out) -> {
            if (interaction.user().length() > FeatureStore.MAX_KEY_LENGTH) {
                out.reject("KEY_TOO_LONG", "user", "user id has " + interaction.user().length() + " characters, more "
                        + "than the " + FeatureStore.MAX_KEY_LENGTH + " the feature store keeps");
            } else {
                out.emit(interaction);
            }
        });
    }

    @Override
    public synchronized void write(ChunkKey chunk, List<Interaction> rows) {
        Long last = applied.get(chunk.runId());
        Set<String> users;
        if (last != null && last >= chunk.index()) {
            // a retry: the chunk is in the features already
            users = new LinkedHashSet<>();
            rows.forEach(i -> users.add(i.user()));
        } else {
            users = live.update(rows).users();
            applied.put(chunk.runId(), chunk.index());
        }
        List<String> keys = new ArrayList<>(users.size());
        List<Instant> times = new ArrayList<>(users.size());
        double[][] values = new double[users.size()][];
        int n = 0;
        for (String user : users) {
            InteractionSummary s = live.user(user);
            keys.add(user);
            times.add(s.last().orElseThrow());
            double[] v = new double[profile.features().size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = profile.features().get(j).function().applyAsDouble(s);
            }
            values[n++] = v;
        }
        store.write(profile, keys, times, values, chunk.runId());
    }
}
