package org.marketlink.quality.metrics;

import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Row;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.rules.RuleState;

import java.util.ArrayList;
import java.util.List;

/**
 * Uniqueness of one {@code LONG} column, counted in an open-addressing table of primitive keys and counts: no
 * boxing and no allocation per row (the generic {@link DistinctKeys} allocates a map node per distinct key and
 * made uniqueness the slowest rule of a suite). Same outcome as the generic state, which serves as its oracle.
 */
public final class DistinctLongs implements RuleState {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final int column;
    /**
     * Slot {@code k} holds its key at {@code 2k} and its count at {@code 2k + 1}, so a probe touches one cache
     * line; a count of 0 marks a free slot (a stored key has been seen at least once).
     */
    private long[] table = new long[2 * 1024];
    private int size;
    private long nulls;
    private long rows;

    /**
     * No key seen yet.
     *
     * @param name   the rule's name
     * @param column the position of the {@code LONG} key column
     */
    public DistinctLongs(String name, int column) {
        this.name = name;
        this.column = column;
    }

    @Override
    public void accept(Row row) {
        rows++;
        Object v = row.get(column);
        if (v == null) {
            nulls++;
        } else {
            add((Long) v, 1);
        }
    }

    @Override
    public boolean columnar() {
        return true;
    }

    @Override
    public void acceptColumns(ColumnBatch batch, long[] failed) {
        boolean[] empty = batch.nulls(column);
        long[] keys = batch.longs(column);
        int n = batch.size();
        rows += n;
        for (int r = 0; r < n; r++) {
            if (empty[r]) {
                nulls++;
            } else {
                add(keys[r], 1);
            }
        }
    }

    private void add(long key, long n) {
        long[] t = table;
        int mask = (t.length >> 1) - 1;
        // keys keep their low bits (with the high ones folded in): ids are mostly sequential or clustered, and
        // neighbouring keys then land in neighbouring slots, so inserting a run of ids walks the table in order
        // instead of missing the cache on every row as a scrambling hash would
        long h = key ^ (key >>> 20) ^ (key >>> 40);
        int slot = (int) h & mask;
        while (t[2 * slot + 1] != 0) {
            if (t[2 * slot] == key) {
                t[2 * slot + 1] += n;
                return;
            }
            slot = (slot + 1) & mask;
        }
        t[2 * slot] = key;
        t[2 * slot + 1] = n;
        if (++size > t.length >> 2) {
            grow();
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != 0) {
                add(old[i], old[i + 1]);
            }
        }
    }

    @Override
    public void merge(RuleState other) {
        DistinctLongs o = (DistinctLongs) other;
        rows += o.rows;
        nulls += o.nulls;
        // room for both at once, instead of growing (and rehashing) several times on the way
        while (size + o.size > table.length >> 2) {
            grow();
        }
        for (int i = 0; i < o.table.length; i += 2) {
            if (o.table[i + 1] != 0) {
                add(o.table[i], o.table[i + 1]);
            }
        }
    }

    @Override
    public RuleOutcome outcome() {
        List<RuleOutcome.ValueCount> repeated = new ArrayList<>();
        for (int i = 0; i < table.length; i += 2) {
            if (table[i + 1] > 1) {
                repeated.add(new RuleOutcome.ValueCount(Long.toString(table[i]), table[i + 1]));
            }
        }
        if (nulls > 1) {
            repeated.add(new RuleOutcome.ValueCount(DistinctKeys.NULL_KEY.toString(), nulls));
        }
        return DistinctKeys.outcome(name, rows, size + (nulls > 0 ? 1 : 0), repeated);
    }
}
