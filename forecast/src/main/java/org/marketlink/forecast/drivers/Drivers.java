package org.marketlink.forecast.drivers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named driver columns over the same time steps as a series: a price, a promotion flag, a holiday indicator. Every
 * column has the same length and only finite values. Immutable and thread-safe (the columns are copied in and out).
 */
public final class Drivers {
    private final List<String> names;
    private final double[][] columns;

    private Drivers(List<String> names, double[][] columns) {
        this.names = names;
        this.columns = columns;
    }

    /**
     * The drivers in {@code columns}, in its iteration order (use a {@link LinkedHashMap} to choose it).
     *
     * @throws IllegalArgumentException when there is no driver, a name is blank, the columns differ in length or a
     *                                  value is not finite (named by driver and step)
     */
    public static Drivers of(Map<String, double[]> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("drivers must name at least one column");
        }
        List<String> names = new ArrayList<>();
        double[][] values = new double[columns.size()][];
        int length = -1;
        int k = 0;
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a driver's name must not be blank");
            }
            double[] v = e.getValue();
            if (v == null) {
                throw new IllegalArgumentException("driver '" + name + "' has no values");
            }
            if (length >= 0 && v.length != length) {
                throw new IllegalArgumentException("driver '" + name + "' has " + v.length + " values, driver '"
                        + names.get(0) + "' " + length);
            }
            length = v.length;
            for (int t = 0; t < v.length; t++) {
                if (!Double.isFinite(v[t])) {
                    throw new IllegalArgumentException("driver '" + name + "' at step " + t
                            + " must be a finite number, was " + v[t]);
                }
            }
            names.add(name);
            values[k++] = v.clone();
        }
        return new Drivers(List.copyOf(names), values);
    }

    /** One driver. */
    public static Drivers of(String name, double[] values) {
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put(name, values);
        return of(one);
    }

    /**
     * A holiday indicator from a host's calendar: 1 on the days of {@code holidays}, else 0, for {@code days}
     * consecutive days from {@code first} (a daily series' dates).
     */
    public static double[] holidays(Collection<LocalDate> holidays, LocalDate first, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative, was " + days);
        }
        Set<LocalDate> set = Set.copyOf(holidays);
        double[] out = new double[days];
        for (int t = 0; t < days; t++) {
            out[t] = set.contains(first.plusDays(t)) ? 1 : 0;
        }
        return out;
    }

    /** The drivers' names, in order. */
    public List<String> names() {
        return names;
    }

    /** How many time steps each column covers. */
    public int length() {
        return columns[0].length;
    }

    /** The values of the driver at position {@code k} of {@link #names}. */
    public double[] column(int k) {
        return columns[k].clone();
    }

    double value(int k, int t) {
        return columns[k][t];
    }

    @Override
    public String toString() {
        return "Drivers" + names + " over " + length() + " steps";
    }
}
