package org.marketlink.quality.drift;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.marketlink.core.data.RowView;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;
import org.marketlink.quality.metrics.FiniteSample;
import org.marketlink.quality.metrics.MetricBounds;
import org.marketlink.quality.rules.AggregateRule;
import org.marketlink.quality.rules.BoundRule;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.RuleKind;
import org.marketlink.quality.rules.RuleState;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rules of distribution drift against a reference: the Kolmogorov–Smirnov distance of a numeric column, and the
 * population stability index and chi-square fit of a categorical one. They are made from code (a reference sample
 * does not belong in a suite file). Rules are immutable, thread-safe and serializable; their states merge.
 */
public final class DriftRules {
    private DriftRules() {
    }

    /**
     * The two-sample Kolmogorov–Smirnov distance between a numeric column and a reference sample is at most
     * {@code maxDistance} (0..1). The column's values are kept to compute it exactly.
     */
    public static Rule ksDrift(String column, double[] reference, double maxDistance) {
        double[] ref = Arrays.stream(reference).filter(Double::isFinite).sorted().toArray();
        if (ref.length == 0) {
            throw new IllegalArgumentException("the reference sample for " + column + " has no finite values");
        }
        String name = RuleKind.KS_DRIFT.outcomeName(column);
        return new AggregateRule(name, Severity.ERROR) {
            @Override
            public BoundRule bind(Schema schema) {
                int i = numericColumn(schema, column);
                return bound(() -> new KsState(name, i, ref, maxDistance));
            }
        };
    }

    private static final class KsState implements RuleState {
        private final String name;
        private final int column;
        private final double[] ref;
        private final double max;
        private final FiniteSample sample = new FiniteSample();

        KsState(String name, int column, double[] ref, double max) {
            this.name = name;
            this.column = column;
            this.ref = ref;
            this.max = max;
        }

        @Override
        public void accept(RowView row) {
            sample.accept(row, column);
        }

        @Override
        public void merge(RuleState other) {
            sample.addAll(((KsState) other).sample);
        }

        @Override
        public RuleOutcome outcome() {
            if (sample.size() == 0) {
                return new RuleOutcome.Errored(name, Double.NaN, "no finite values");
            }
            double d = ks(sample.sorted(), ref);
            String msg = "KS distance " + MetricBounds.format(d) + " from the reference, allowed " + MetricBounds.format(max);
            return d <= max ? new RuleOutcome.Passed(name, d, msg)
                    : new RuleOutcome.Failed(name, d, msg, Severity.ERROR, 0, List.of(), List.of());
        }
    }

    /** sup |F_a − F_b| over both sorted samples. */
    static double ks(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= x) {
                i++;
            }
            while (j < b.length && b[j] <= x) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }

    /**
     * The population stability index of a categorical column against reference shares (category → share, summing to
     * about 1) is at most {@code maxPsi} (0.1 is commonly read as a small shift, 0.25 as a large one). Categories
     * missing on either side get a small floor share so the index stays finite.
     */
    public static Rule psiDrift(String column, Map<String, Double> referenceShares, double maxPsi) {
        Map<String, Double> ref = Map.copyOf(referenceShares);
        String name = RuleKind.PSI_DRIFT.outcomeName(column);
        return new AggregateRule(name, Severity.ERROR) {
            @Override
            public BoundRule bind(Schema schema) {
                int i = schema.indexOf(column);
                return bound(() -> new PsiState(name, i, ref, maxPsi));
            }
        };
    }

    /**
     * Counts the present values of one column by their text, for the rules that compare a category distribution
     * with a reference; subclasses judge the counts.
     */
    private abstract static class CategoryCounts implements RuleState {
        final String name;
        final Map<String, Double> ref;
        final Map<String, long[]> counts = new HashMap<>();
        long n;
        private final int column;

        CategoryCounts(String name, int column, Map<String, Double> ref) {
            this.name = name;
            this.column = column;
            this.ref = ref;
        }

        @Override
        public void accept(RowView row) {
            Object v = row.get(column);
            if (v != null) {
                counts.computeIfAbsent(v.toString(), k -> new long[1])[0]++;
                n++;
            }
        }

        @Override
        public void merge(RuleState other) {
            CategoryCounts o = (CategoryCounts) other;
            o.counts.forEach((k, c) -> counts.computeIfAbsent(k, x -> new long[1])[0] += c[0]);
            n += o.n;
        }
    }

    private static final class PsiState extends CategoryCounts {
        private static final double FLOOR = 1e-4;
        private final double max;

        PsiState(String name, int column, Map<String, Double> ref, double max) {
            super(name, column, ref);
            this.max = max;
        }

        @Override
        public RuleOutcome outcome() {
            if (n == 0) {
                return new RuleOutcome.Errored(name, Double.NaN, "no values");
            }
            Set<String> keys = new HashSet<>(ref.keySet());
            keys.addAll(counts.keySet());
            double psi = 0;
            for (String k : keys) {
                double p = Math.max(FLOOR, counts.containsKey(k) ? (double) counts.get(k)[0] / n : 0);
                double q = Math.max(FLOOR, ref.getOrDefault(k, 0.0));
                psi += (p - q) * Math.log(p / q);
            }
            String msg = "PSI " + MetricBounds.format(psi) + " against the reference, allowed " + MetricBounds.format(max);
            return psi <= max ? new RuleOutcome.Passed(name, psi, msg)
                    : new RuleOutcome.Failed(name, psi, msg, Severity.ERROR, 0, List.of(), List.of());
        }
    }

    /**
     * A chi-square goodness-of-fit test of a categorical column's counts against reference shares (category → share;
     * shares are normalised to sum to 1): passes while the p-value is at least {@code minPValue} (0.01 is usual). A
     * category absent from the reference fails at once and is named. On very large samples the test finds even
     * tiny shifts significant; {@link #psiDrift} measures the size of a shift instead.
     */
    public static Rule chiSquareDrift(String column, Map<String, Double> referenceShares, double minPValue) {
        if (!(minPValue > 0 && minPValue < 1)) {
            throw new IllegalArgumentException("minPValue must be in (0, 1), was " + minPValue);
        }
        Map<String, Double> ref = new TreeMap<>();
        double total = 0;
        for (Map.Entry<String, Double> e : referenceShares.entrySet()) {
            if (!(e.getValue() > 0) || Double.isInfinite(e.getValue())) {
                throw new IllegalArgumentException("reference share of '" + e.getKey() + "' must be positive and "
                        + "finite, was " + e.getValue());
            }
            total += e.getValue();
        }
        if (referenceShares.size() < 2) {
            throw new IllegalArgumentException("chiSquareDrift needs at least two reference categories, had "
                    + referenceShares.size());
        }
        for (Map.Entry<String, Double> e : referenceShares.entrySet()) {
            ref.put(e.getKey(), e.getValue() / total);
        }
        String name = RuleKind.CHI_SQUARE_DRIFT.outcomeName(column);
        return new AggregateRule(name, Severity.ERROR) {
            @Override
            public BoundRule bind(Schema schema) {
                int i = schema.indexOf(column);
                boolean pii = schema.isPersonal(i);
                return bound(() -> new ChiSquareState(name, i, ref, minPValue, pii));
            }
        };
    }

    private static final class ChiSquareState extends CategoryCounts {
        private final double minP;
        private final boolean pii;

        ChiSquareState(String name, int column, Map<String, Double> ref, double minP, boolean pii) {
            super(name, column, ref);
            this.minP = minP;
            this.pii = pii;
        }

        @Override
        public RuleOutcome outcome() {
            if (n == 0) {
                return new RuleOutcome.Errored(name, Double.NaN, "no values");
            }
            List<String> unknown = counts.keySet().stream().filter(k -> !ref.containsKey(k)).sorted().toList();
            if (!unknown.isEmpty()) {
                // categories of a personal-data column are values: count them, do not name them
                return new RuleOutcome.Failed(name, 0, "categories not in the reference: "
                        + (pii ? unknown.size() + " (names withheld: personal data)" : unknown),
                        Severity.ERROR, 0, List.of(), List.of());
            }
            double statistic = 0;
            for (Map.Entry<String, Double> e : ref.entrySet()) {
                double expected = n * e.getValue();
                long[] c = counts.get(e.getKey());
                double d = (c == null ? 0 : c[0]) - expected;
                statistic += d * d / expected;
            }
            double p = new ChiSquaredDistribution(ref.size() - 1)
                    .cumulativeProbability(statistic);
            double pValue = 1 - p;
            String msg = "chi-square " + MetricBounds.format(statistic) + " on " + (ref.size() - 1) + " degrees of freedom, "
                    + "p = " + MetricBounds.format(pValue) + ", required at least " + MetricBounds.format(minP);
            return pValue >= minP ? new RuleOutcome.Passed(name, pValue, msg)
                    : new RuleOutcome.Failed(name, pValue, msg, Severity.ERROR, 0, List.of(), List.of());
        }
    }
}
