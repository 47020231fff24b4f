package org.marketlink.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's shared real data ({@code shared/data} beside the repository) from any module. For MarketLink's
 * own tests and benchmarks; a host has no such folder.
 *
 * <p>Stateless and thread-safe.
 */
public final class SharedData {
    private SharedData() {
    }

    /**
     * The path of {@code shared/data/<name>} in the nearest folder above the working directory that has it; {@link
     * IllegalStateException} if none does.
     */
    public static Path file(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared data file " + name + " not found above " + Path.of("").toAbsolutePath());
    }
}
