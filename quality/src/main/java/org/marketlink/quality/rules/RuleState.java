package org.marketlink.quality.rules;

import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;

import java.io.Serializable;

/**
 * The metric state of one rule over part of a dataset. States of the same rule merge: the result over a whole
 * dataset is the same whether it is read in one pass, in chunks merged later, or in parallel. Not thread-safe.
 *
 * <p>States are {@link java.io.Serializable} so that the states of a cluster's partitions can travel to one
 * place and merge there. A state read back from its serialized form holds its counts and can be merged into a
 * fresh state of the same bound rule and judged; it is not fed more rows.
 */
public interface RuleState extends Serializable {

    /** Adds one row. */
    void accept(RowView row);

    /**
     * Adds one row and tells whether it failed this rule, for the suite's count of rows that pass every row rule.
     * Row-level states override it (and count the row once); dataset-level states judge no single row.
     *
     * @param row the row
     * @return true when the row failed a row-level rule
     */
    default boolean acceptFailed(RowView row) {
        accept(row);
        return false;
    }

    /**
     * Whether {@link #acceptColumns} takes whole batches: a state that works on a batch's primitive arrays in one
     * tight loop per column. A suite hands every other state the batch's rows one at a time.
     *
     * @return false by default
     */
    default boolean columnar() {
        return false;
    }

    /**
     * The one column a {@link #columnar} state scans, or -1 when it scans several or says not: a suite runs the
     * scans of one column back to back, while that column's values are still in the CPU's cache.
     *
     * @return the column's position, or -1
     */
    default int scannedColumn() {
        return -1;
    }

    /**
     * Adds every row of a batch, the same as {@link #acceptFailed} row by row would, and marks in {@code failed}
     * (one bit per row: bit {@code r % 64} of word {@code r / 64}) the rows that failed a row-level rule; marks are
     * only ever set. Called only when {@link #columnar()}.
     *
     * @param batch  the rows
     * @param failed the rows that failed a row rule so far, at least {@code (batch.size() + 63) / 64} words
     */
    default void acceptColumns(ColumnBatch batch, long[] failed) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes rows, not column batches");
    }

    /** Adds {@code other}'s rows to this state (the other state must come from the same bound rule). */
    void merge(RuleState other);

    /** The outcome over all rows seen. */
    RuleOutcome outcome();
}
