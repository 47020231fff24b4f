package org.marketlink.store.features;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Features of one entity kind that a model reads together, in a fixed order (the order of the columns of a training
 * set).
 *
 * @param name     the set's name, for example {@code product_pricing}
 * @param features its features, all of one entity kind, no name twice
 * @param <T>      the input their functions read
 */
public record FeatureSet<T>(String name, List<FeatureDefinition<T>> features) {
    /** Checks the name and that the features are not empty, of one entity and uniquely named; copies the list. */
    public FeatureSet {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("feature set name must not be blank");
        }
        if (features == null || features.isEmpty()) {
            throw new IllegalArgumentException("feature set " + name + " must hold at least one feature");
        }
        features = List.copyOf(features);
        String entity = features.get(0).entity();
        Set<String> names = new HashSet<>();
        for (FeatureDefinition<T> f : features) {
            if (!f.entity().equals(entity)) {
                throw new IllegalArgumentException("feature set " + name + " mixes entities " + entity + " and "
                        + f.entity() + " (" + f.name() + ")");
            }
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("feature set " + name + " holds " + f.name() + " twice");
            }
        }
    }

    /** A set {@code name} of {@code features}, in that column order. */
    @SafeVarargs
    public static <T> FeatureSet<T> of(String name, FeatureDefinition<T>... features) {
        return new FeatureSet<>(name, List.of(features));
    }

    /** The entity kind every feature describes. */
    public String entity() {
        return features.get(0).entity();
    }

    /** The features' keys ({@code name@vN}), in order. */
    public List<String> keys() {
        return features.stream().map(FeatureDefinition::key).toList();
    }
}
