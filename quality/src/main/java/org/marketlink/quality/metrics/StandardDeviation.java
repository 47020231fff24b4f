package org.marketlink.quality.metrics;

import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.rules.RuleState;

/**
 * The sample (or population) standard deviation of the finite values of one numeric column, judged against [min, max]: Welford's
 * running moments, merged with Chan's formula, so chunks combine exactly. Errored with fewer than two values.
 *
 * <p>Values beyond 2<sup>480</sup> in size would overflow the moments (their squares exceed a double's range, and
 * PostgreSQL and DuckDB stop with an error): from the first such value on, the moments are kept in units of
 * 2<sup>600</sup>, an exact rescaling, so the deviation of any finite values is computed (infinite only when it is
 * beyond {@link Double#MAX_VALUE} itself). Ordinary values are never rescaled and lose nothing. Not thread-safe.
 */
public final class StandardDeviation implements RuleState {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final int column;
    private final double min;
    private final double max;
    private final boolean population;
    private static final double LARGE = 0x1p480;
    private static final double UNIT = 0x1p600;
    private long n;
    private double mean;
    private double m2;
    /** Whether mean and m2 are in units of {@link #UNIT}. */
    private boolean scaled;

    /**
     * Empty moments.
     *
     * @param name   the rule's name
     * @param column the position of the numeric column
     * @param min    the smallest standard deviation allowed
     * @param max    the largest standard deviation allowed
     */
    public StandardDeviation(String name, int column, double min, double max) {
        this(name, column, min, max, false);
    }

    /**
     * Empty moments.
     *
     * @param population the population deviation (divided by n, as Deequ's {@code hasStandardDeviation} and SQL's
     *                   {@code STDDEV_POP}) instead of the sample one (divided by n - 1)
     */
    public StandardDeviation(String name, int column, double min, double max, boolean population) {
        this.name = name;
        this.column = column;
        this.min = min;
        this.max = max;
        this.population = population;
    }

    @Override
    public void accept(RowView row) {
        add(FiniteSample.finite(row, column));
    }

    @Override
    public boolean columnar() {
        return true;
    }

    @Override
    public void acceptColumns(ColumnBatch batch, long[] failed) {
        Numbers.forEach(batch, column, x -> add(Double.isFinite(x) ? x : Double.NaN));
    }

    /** Adds a finite value; NaN (an empty or non-finite one) is left out. */
    private void add(double value) {
        double x = value;
        if (x == x) {
            if (!scaled && Math.abs(x) > LARGE) {
                scale();
            }
            if (scaled) {
                x /= UNIT;
            }
            n++;
            double d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
        }
    }

    @Override
    public void merge(RuleState other) {
        StandardDeviation o = (StandardDeviation) other;
        if (o.n == 0) {
            return;
        }
        if (o.scaled && !scaled) {
            scale();
        }
        double oMean = scaled && !o.scaled ? o.mean / UNIT : o.mean;
        double oM2 = scaled && !o.scaled ? o.m2 / UNIT / UNIT : o.m2;
        long total = n + o.n;
        double d = oMean - mean;
        m2 += oM2 + d * d * ((double) n * o.n / total);
        mean += d * o.n / total;
        n = total;
    }

    /** From now on in units of {@link #UNIT}: the moments so far are rescaled (exactly, save for tiny ones). */
    private void scale() {
        mean /= UNIT;
        m2 = m2 / UNIT / UNIT;
        scaled = true;
    }

    @Override
    public RuleOutcome outcome() {
        if (n < (population ? 1 : 2)) {
            return new RuleOutcome.Errored(name, Double.NaN, population ? "no finite values"
                    : "fewer than two finite values");
        }
        double deviation = Math.sqrt(m2 / (population ? n : n - 1));
        return MetricBounds.judge(name, scaled ? deviation * UNIT : deviation, min, max, "standard deviation");
    }
}
