package org.marketlink.quality.imports;

import org.marketlink.quality.rules.RowFilter;

/** A tool's row filter (dbt's {@code where}, Soda's {@code filter}) as a rule's {@code filter}, when it parses. */
final class Filters {
    private Filters() {
    }

    /**
     * {@code condition}, checked to be one {@link RowFilter} reads; null stays null.
     *
     * @throws NotMapped naming the tool's key and why, when it is not
     */
    static String checked(String key, String condition) {
        if (condition == null) {
            return null;
        }
        try {
            RowFilter.parse(condition);
            return condition;
        } catch (IllegalArgumentException e) {
            throw new NotMapped(key + ": " + e.getMessage());
        }
    }
}
