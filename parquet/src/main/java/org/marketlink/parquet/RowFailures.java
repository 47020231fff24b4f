package org.marketlink.parquet;

import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.privacy.Masking;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rows of one batch that cannot be kept: a value that does not fit its field ({@code PARSE_ERROR}, naming the
 * first such field) or no value for a required field ({@code INVALID_ROW}). Once the batch is filled,
 * {@link #reject} hands each such row to the quarantine with its values as text (personal fields masked, the
 * refused value as read) and drops it from the batch. Rows that fail are rare, so their detail is kept in a map;
 * the common path is one flag per row. Used by one reader on one thread.
 */
final class RowFailures {
    private final Schema schema;
    private final String source;
    private boolean[] failed;
    private int[] firstField;
    private String[] message;
    /** The refused values as read, shown, by {@code row * fields + field}. */
    private final Map<Long, String> shownRaw = new HashMap<>();
    private boolean any;

    RowFailures(Schema schema, String source, int capacity) {
        this.schema = schema;
        this.source = source;
        this.failed = new boolean[capacity];
        this.firstField = new int[capacity];
        this.message = new String[capacity];
    }

    /** Forgets the previous batch's failures. */
    void reset(int rows) {
        if (any) {
            Arrays.fill(failed, 0, rows, false);
            Arrays.fill(message, 0, rows, null);
            shownRaw.clear();
            any = false;
        }
    }

    /** Records that {@code raw}, the value of {@code field} in {@code row}, does not fit the field. */
    void fail(int row, int field, Object raw, RuntimeException cause) {
        any = true;
        Field f = schema.field(field);
        boolean pii = f.personal();
        String shown = pii ? Masking.MASK : shown(raw);
        shownRaw.put((long) row * schema.size() + field, shown);
        if (failed[row] && firstField[row] < field) {
            return;
        }
        failed[row] = true;
        firstField[row] = field;
        message[row] = f.name() + ": '" + shown + "' is not a valid " + f.type()
                + (cause.getMessage() == null || pii ? "" : " (" + cause.getMessage() + ")");
    }

    /**
     * Quarantines the batch's rows that failed or lack a required value, in row order, and drops them from it.
     *
     * @param batch    the filled batch
     * @param rejected where rejections go
     */
    void reject(ColumnBatch batch, Consumer<Rejection> rejected, boolean requiredEmpty) {
        int n = batch.size();
        boolean[] drop = null;
        for (int f = 0; f < schema.size() && requiredEmpty; f++) {
            if (schema.field(f).nullable()) {
                continue;
            }
            boolean[] empty = batch.nulls(f);
            for (int r = 0; r < n; r++) {
                if (empty[r] && !failed[r]) {
                    drop = drop == null ? new boolean[n] : drop;
                    drop[r] = true;
                }
            }
        }
        if (!any && drop == null) {
            return;
        }
        drop = drop == null ? new boolean[n] : drop;
        long[] rowNumbers = batch.rowNumbers();
        for (int r = 0; r < n; r++) {
            if (failed[r]) {
                drop[r] = true;
                rejected.accept(new Rejection("PARSE_ERROR", "parquet", schema.field(firstField[r]).name(),
                        message[r], text(batch, r), rowNumbers[r], source));
            } else if (drop[r]) {
                rejected.accept(new Rejection("INVALID_ROW", "parquet", "", "field '" + firstEmptyRequired(batch, r)
                        + "' is required but was empty", text(batch, r), rowNumbers[r], source));
            }
        }
        batch.removeRows(drop);
    }

    private String firstEmptyRequired(ColumnBatch batch, int r) {
        for (int f = 0; f < schema.size(); f++) {
            if (!schema.field(f).nullable() && batch.nulls(f)[r]) {
                return schema.field(f).name();
            }
        }
        throw new IllegalStateException("row " + r + " has all its required values");
    }

    /** The row's values, in field order: refused ones as read, personal ones masked; made only for a rejected row. */
    private String text(ColumnBatch batch, int r) {
        StringBuilder b = new StringBuilder();
        for (int f = 0; f < schema.size(); f++) {
            b.append(f == 0 ? "" : ",");
            String raw = shownRaw.get((long) r * schema.size() + f);
            if (raw != null) {
                b.append(raw);
                continue;
            }
            Object v = batch.get(f, r);
            b.append(v == null ? "" : schema.field(f).personal() ? Masking.MASK : String.valueOf(v));
        }
        return b.toString();
    }

    private static String shown(Object v) {
        return v instanceof byte[] bytes ? "(" + bytes.length + " bytes)" : String.valueOf(v);
    }
}
