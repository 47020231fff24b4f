package org.marketlink.quality.sql;

/**
 * Where {@link Pushdown} runs one rule of a suite, and why.
 *
 * @param rule   the rule's name
 * @param where  in the database, in memory over the streamed table, or not at all
 * @param reason why, for people: {@code "in SQL"}, {@code "in memory: matches has no SQL form"}, or what stops the
 *               rule ({@code "the table has no column 'price'"})
 *
 * <p>Immutable and thread-safe.
 */
public record Placement(String rule, Where where, String reason) {

    /** Where a rule runs. */
    public enum Where {
        /** Computed by the database, in the suite's aggregate query (or a grouped query for uniqueness). */
        SQL,
        /** Computed by the in-memory engine over the table's rows, streamed once for all such rules. */
        MEMORY,
        /** Not run: the rule cannot apply to this table (a missing column, a wrong type); its outcome is errored. */
        NOT_RUN
    }
}
