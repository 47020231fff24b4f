package org.marketlink.quality.metrics;

import org.marketlink.core.data.RowView;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The finite numeric values of one column, kept in a growable primitive array: the state of rules that need every
 * value (exact quantiles, the KS distance). Empty cells, NaN and infinities are left out. Not thread-safe: one per
 * rule state, merged after the threads are done.
 */
public final class FiniteSample implements Serializable {
    private static final long serialVersionUID = 1L;
    private double[] values = new double[256];
    private int n;

    /**
     * The value of a numeric cell as a double, or NaN when it is empty or not finite. BigDecimal is a Number too:
     * one cast serves every numeric column type.
     */
    public static double finite(RowView row, int column) {
        Object v = row.get(column);
        if (v == null) {
            return Double.NaN;
        }
        double d = ((Number) v).doubleValue();
        return Double.isFinite(d) ? d : Double.NaN;
    }

    /** Adds the cell's value when it is present and finite. */
    public void accept(RowView row, int column) {
        double d = finite(row, column);
        if (d == d) {
            add(d);
        }
    }

    /** Adds every value of {@code other}. */
    public void addAll(FiniteSample other) {
        for (int i = 0; i < other.n; i++) {
            add(other.values[i]);
        }
    }

    /** The number of values kept. */
    public int size() {
        return n;
    }

    /** A sorted copy of the values. */
    public double[] sorted() {
        double[] copy = Arrays.copyOf(values, n);
        Arrays.sort(copy);
        return copy;
    }

    private void add(double d) {
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
        }
        values[n++] = d;
    }
}
