package org.marketlink.quality.imports;

import org.marketlink.quality.Suite;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * What an importer read: one suite per dataset of the file, and every check it could not import, with why.
 * Immutable and thread-safe.
 *
 * @param suites      the suites, in file order; each rule carries its spec, so it can be written as a MarketLink file
 * @param notImported the checks that have no rule meaning the same, in file order
 */
public record ImportResult(List<Suite> suites, List<NotImported> notImported) {
    /** The canonical constructor: copies the lists. */
    public ImportResult {
        suites = List.copyOf(suites);
        notImported = List.copyOf(notImported);
    }

    /**
     * The suite of one dataset.
     *
     * @param name the dataset's name as the file gives it
     * @return its suite
     * @throws NoSuchElementException naming the suites there are, when none has this name
     */
    public Suite suite(String name) {
        return suites.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new NoSuchElementException("no suite '" + name + "'; the file has " + suites.stream()
                        .map(Suite::name).toList()));
    }
}
