package org.marketlink.quality.imports;

import org.marketlink.quality.Suite;
import org.marketlink.quality.rules.References;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.RuleSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Gathers the rules of each dataset and the checks not imported, as an importer walks a file. Not thread-safe. */
final class Collector {
    private final Map<String, List<Rule>> rules = new LinkedHashMap<>();
    private final Map<String, Set<String>> names = new LinkedHashMap<>();
    private final List<NotImported> notImported = new ArrayList<>();
    private final References references;

    Collector() {
        this(References.none());
    }

    /** A collector whose rules resolve what they compare with (dbt's {@code relationships}) with references. */
    Collector(References references) {
        this.references = references;
    }

    /** Opens the suite of a dataset (kept even when none of its checks is imported). */
    void dataset(String suite) {
        rules.computeIfAbsent(suite, s -> new ArrayList<>());
        names.computeIfAbsent(suite, s -> new HashSet<>());
    }

    /**
     * Adds a rule under the check's own name (a second check of the same name gets {@code #2}).
     *
     * @throws NotMapped when the spec is not a valid rule (the reason names the parameter)
     */
    void add(String suite, String place, String name, RuleSpec spec) {
        dataset(suite);
        Set<String> taken = names.get(suite);
        String unique = name;
        for (int i = 2; !taken.add(unique); i++) {
            unique = name + " #" + i;
        }
        try {
            rules.get(suite).add(spec.withName(unique).toRule(place, references));
        } catch (IllegalArgumentException e) {
            taken.remove(unique);
            throw new NotMapped(e.getMessage());
        }
    }

    void skip(String suite, String place, String check, String reason) {
        dataset(suite);
        notImported.add(new NotImported(suite, place, check, reason));
    }

    ImportResult result() {
        List<Suite> suites = new ArrayList<>();
        rules.forEach((name, list) -> suites.add(Suite.of(name, list)));
        return new ImportResult(suites, notImported);
    }
}
