package org.marketlink.quality.profile;

import java.util.List;

/**
 * The profile of a dataset: its size and one profile per column, in schema order.
 *
 * @param rows    rows profiled
 * @param columns column profiles
 */
public record DatasetProfile(long rows, List<ColumnProfile> columns) {
    public DatasetProfile {
        columns = List.copyOf(columns);
    }

    public ColumnProfile column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column '" + name + "' in the profile"));
    }
}
