package org.marketlink.examples.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's real data files in {@code shared/data} above the working directory, as the layout places it.
 * Stateless and thread-safe.
 */
public final class SharedFiles {
    /** The WFP Kenya market prices. */
    public static final String WFP_KENYA = "wfp_food_prices_ken.csv";
    /** The UCI Online Retail transactions, December 2010 to September 2011. */
    public static final String ONLINE_RETAIL = "online_retail_2010-12_2011-09.csv.gz";

    private SharedFiles() {
    }

    /** The file, or empty when no {@code shared/data} above the working directory holds it. */
    public static Optional<Path> find(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(name);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
