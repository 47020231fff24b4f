package org.marketlink.quality.rules;

import org.marketlink.quality.drift.ReferenceProfile;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the rules of a suite file compare with, resolved by name when the file is read: the keys of a dataset or a
 * table for {@code references} rules ({@code reference: products.product_id}), and stored
 * {@link ReferenceProfile reference profiles} for the drift rules ({@code reference: prices-2026-11}). The host says
 * where they come from: keys it has read, a table of its database ({@code Pushdown.references()} of
 * {@code org.marketlink.quality.sql}), profiles it keeps as JSON.
 *
 * <p>A suite file is turned into rules once, so what is resolved is a snapshot of that moment: read the file again
 * to see new keys. Implementations must be safe to call from the thread that reads the suite; the ones made here
 * are immutable and thread-safe.
 */
public interface References {

    /**
     * The keys of a dataset's column, as rows hold them.
     *
     * @param reference {@code dataset.column}, as written in the suite file
     * @return the keys
     * @throws IllegalArgumentException when this knows no such dataset or column
     */
    Set<?> keys(String reference);

    /**
     * A stored reference profile.
     *
     * @param name its name, as written in the suite file
     * @return the profile
     * @throws IllegalArgumentException when this knows no profile of that name
     */
    ReferenceProfile profile(String name);

    /**
     * Nothing to compare with: what a suite file is read with when the host gives no references. A rule that names
     * one is an error saying so.
     *
     * @return the empty references
     */
    static References none() {
        return of(Map.of(), List.of());
    }

    /**
     * References to keys and profiles the host holds.
     *
     * @param keys     keys by {@code dataset.column}
     * @param profiles profiles, found by their {@link ReferenceProfile#name() names}
     * @return immutable references
     * @throws IllegalArgumentException when two profiles share a name
     */
    static References of(Map<String, ? extends Set<?>> keys, Collection<ReferenceProfile> profiles) {
        Map<String, Set<?>> keyCopy = new TreeMap<>();
        keys.forEach((k, v) -> keyCopy.put(k, Set.copyOf(v)));
        Map<String, ReferenceProfile> byName = new TreeMap<>();
        for (ReferenceProfile p : profiles) {
            if (byName.put(p.name(), p) != null) {
                throw new IllegalArgumentException("two reference profiles are named '" + p.name() + "'");
            }
        }
        return new References() {
            @Override
            public Set<?> keys(String reference) {
                Set<?> found = keyCopy.get(reference);
                if (found == null) {
                    throw new IllegalArgumentException("reference: no keys of '" + reference + "' were given"
                            + (keyCopy.isEmpty() ? "; read the suite with References that hold them"
                            : " (known: " + String.join(", ", new TreeSet<>(keyCopy.keySet())) + ")"));
                }
                return found;
            }

            @Override
            public ReferenceProfile profile(String name) {
                ReferenceProfile found = byName.get(name);
                if (found == null) {
                    throw new IllegalArgumentException("reference: no reference profile '" + name + "' was given"
                            + (byName.isEmpty() ? "; read the suite with References that hold it"
                            : " (known: " + String.join(", ", new TreeSet<>(byName.keySet())) + ")"));
                }
                return found;
            }
        };
    }
}
