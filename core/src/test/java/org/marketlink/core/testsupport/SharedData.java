package org.marketlink.core.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's shared real data ({@code shared/data} beside the repository) from any module.
 *
 * <p>Duplicated on purpose from {@code org.marketlink.testing.SharedData}: core's tests cannot depend on
 * {@code marketlink-testing}, which depends on core.
 */
public final class SharedData {
    private SharedData() {
    }

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
