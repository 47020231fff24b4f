package org.marketlink.store.features;

import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * A named, versioned feature of one kind of entity, with the function that computes it. Change the function, raise the
 * version: values of different versions are stored apart, so a model keeps reading the version it was trained on.
 *
 * @param name        lower-case name, for example {@code price_zscore}
 * @param version     ≥ 1
 * @param entity      the kind of entity it describes, for example {@code product}
 * @param description what it means, for people
 * @param function    computes the value from an entity's input; NaN means "no value" and is stored as NULL
 * @param <T>         the input the function reads
 */
public record FeatureDefinition<T>(String name, int version, String entity, String description,
                                   ToDoubleFunction<T> function) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,199}");

    /** Checks the name (lower-case letters, digits and {@code _}), version, entity and function. */
    public FeatureDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("feature name must be lower case letters, digits and _, starting "
                    + "with a letter, at most 200 characters; was '" + name + "'");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version of feature " + name + " must be at least 1, was " + version);
        }
        if (entity == null || !NAME.matcher(entity).matches() || entity.length() > 50) {
            throw new IllegalArgumentException("entity of feature " + name + " must be a lower-case name of at most "
                    + "50 characters, was '" + entity + "'");
        }
        description = description == null ? "" : description;
        if (function == null) {
            throw new IllegalArgumentException("function of feature " + name + " must not be null");
        }
    }

    /** A feature {@code name} at {@code version} of {@code entity}, computed by {@code function}. */
    public static <T> FeatureDefinition<T> of(String name, int version, String entity, String description,
                                              ToDoubleFunction<T> function) {
        return new FeatureDefinition<>(name, version, entity, description, function);
    }

    /** {@code name@v<version>}, how explanations and the registry refer to it. */
    public String key() {
        return name + "@v" + version;
    }
}
