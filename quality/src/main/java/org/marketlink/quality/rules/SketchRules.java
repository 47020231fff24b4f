package org.marketlink.quality.rules;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Distinct-count and quantile rules. By default they use Apache DataSketches (HyperLogLog with lgK 12, about 1.6%
 * relative error; KLL with k 200, about 1.7% rank error), whose states merge across chunks in bounded memory; the
 * exact variants keep every distinct value or every number, and say so in their names.
 */
final class SketchRules {
    private static final int LG_K = 12;
    private static final int KLL_K = 200;

    private SketchRules() {
    }

    static Rule distinctCount(String column, long min, long max, boolean exact) {
        String name = "distinctCount(" + column + (exact ? ", exact" : "") + ")";
        return new AggregateRule(name, Severity.ERROR) {
            @Override
            public BoundRule bind(Schema schema) {
                int i = schema.indexOf(column);
                return bound(() -> exact ? new ExactDistinct(name, i, min, max) : new HllDistinct(name, i, min, max));
            }
        };
    }

    static Rule quantile(String column, double q, double min, double max, boolean exact) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile q must be in 0..1, was " + q);
        }
        String name = "quantile(" + column + ", " + q + (exact ? ", exact" : "") + ")";
        return new AggregateRule(name, Severity.ERROR) {
            @Override
            public BoundRule bind(Schema schema) {
                int i = Rules.numericColumn(schema, column);
                return bound(() -> exact ? new ExactQuantile(name, i, q, min, max) : new KllQuantile(name, i, q, min,
                        max));
            }
        };
    }

    private static final class HllDistinct implements RuleState {
        private final String name;
        private final int column;
        private final long min;
        private final long max;
        /** DataSketches' own compact form travels instead of the heap object (which is not serializable). */
        private transient HllSketch sketch = new HllSketch(LG_K);

        HllDistinct(String name, int column, long min, long max) {
            this.name = name;
            this.column = column;
            this.min = min;
            this.max = max;
        }

        @Override
        public void accept(Row row) {
            Object v = row.get(column);
            if (v != null) {
                sketch.update(v.toString());
            }
        }

        @Override
        public void merge(RuleState other) {
            Union union = new Union(LG_K);
            union.update(sketch);
            union.update(((HllDistinct) other).sketch);
            sketch = union.getResult();
        }

        @Override
        public RuleOutcome outcome() {
            return Rules.withinBounds(name, Math.round(sketch.getEstimate()), min, max, "about");
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.defaultWriteObject();
            out.writeObject(sketch.toCompactByteArray());
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            sketch = HllSketch.heapify((byte[]) in.readObject());
        }
    }

    private static final class ExactDistinct implements RuleState {
        private final String name;
        private final int column;
        private final long min;
        private final long max;
        private final Set<Object> values = new HashSet<>();

        ExactDistinct(String name, int column, long min, long max) {
            this.name = name;
            this.column = column;
            this.min = min;
            this.max = max;
        }

        @Override
        public void accept(Row row) {
            Object v = row.get(column);
            if (v != null) {
                values.add(v);
            }
        }

        @Override
        public void merge(RuleState other) {
            values.addAll(((ExactDistinct) other).values);
        }

        @Override
        public RuleOutcome outcome() {
            return Rules.withinBounds(name, values.size(), min, max, "exactly");
        }
    }

    private static final class KllQuantile implements RuleState {
        private final String name;
        private final int column;
        private final double q;
        private final double min;
        private final double max;
        /** Travels in DataSketches' own byte form, as the HLL sketch does. */
        private transient KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(KLL_K);

        KllQuantile(String name, int column, double q, double min, double max) {
            this.name = name;
            this.column = column;
            this.q = q;
            this.min = min;
            this.max = max;
        }

        @Override
        public void accept(Row row) {
            double d = FiniteSample.finite(row, column);
            if (d == d) {
                sketch.update(d);
            }
        }

        @Override
        public void merge(RuleState other) {
            sketch.merge(((KllQuantile) other).sketch);
        }

        @Override
        public RuleOutcome outcome() {
            if (sketch.isEmpty()) {
                return new RuleOutcome.Errored(name, Double.NaN, "no finite values");
            }
            return Rules.withinBounds(name, sketch.getQuantile(q, QuantileSearchCriteria.INCLUSIVE), min, max, "about");
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.defaultWriteObject();
            out.writeObject(sketch.toByteArray());
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            sketch = KllDoublesSketch.heapify(Memory.wrap((byte[]) in.readObject()));
        }
    }

    private static final class ExactQuantile implements RuleState {
        private final String name;
        private final int column;
        private final double q;
        private final double min;
        private final double max;
        private final FiniteSample sample = new FiniteSample();

        ExactQuantile(String name, int column, double q, double min, double max) {
            this.name = name;
            this.column = column;
            this.q = q;
            this.min = min;
            this.max = max;
        }

        @Override
        public void accept(Row row) {
            sample.accept(row, column);
        }

        @Override
        public void merge(RuleState other) {
            sample.addAll(((ExactQuantile) other).sample);
        }

        @Override
        public RuleOutcome outcome() {
            int n = sample.size();
            if (n == 0) {
                return new RuleOutcome.Errored(name, Double.NaN, "no finite values");
            }
            double[] sorted = sample.sorted();
            // the inclusive quantile: the smallest value with at least q·n values at or below it
            int rank = (int) Math.ceil(q * n);
            return Rules.withinBounds(name, sorted[Math.max(0, Math.min(n - 1, rank - 1))], min, max, "exactly");
        }
    }
}
