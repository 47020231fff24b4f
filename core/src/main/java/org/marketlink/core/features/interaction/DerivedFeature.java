package org.marketlink.core.features.interaction;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A feature the host defines as a formula over other named features, for example an urgency score
 * {@code interactions_7d / (days_since_last + 1)}. The formula reads its inputs from an array in the order of
 * {@link #inputs()}; {@link #bind} resolves the names against a row layout once, so applying it to many rows does no
 * name look-ups. Immutable and thread-safe when the formula is.
 *
 * @param name    the derived feature's name
 * @param inputs  the names of the features the formula reads, in the order it reads them
 * @param formula the computation; NaN means missing
 */
public record DerivedFeature(String name, List<String> inputs, ToDoubleFunction<double[]> formula) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public DerivedFeature {
        if (name == null || name.isBlank() || inputs == null || inputs.isEmpty() || formula == null) {
            throw new IllegalArgumentException("a derived feature needs a name, at least one input and a formula");
        }
        inputs = List.copyOf(inputs);
    }

    /** A feature named {@code name}, computed by {@code formula} from the named inputs (in this order). */
    public static DerivedFeature of(String name, List<String> inputs, ToDoubleFunction<double[]> formula) {
        return new DerivedFeature(name, inputs, formula);
    }

    /** The formula bound to rows laid out as {@code columns}. */
    public Bound bind(List<String> columns) {
        int[] positions = new int[inputs.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = columns.indexOf(inputs.get(i));
            if (positions[i] < 0) {
                throw new IllegalArgumentException("derived feature " + name + " reads " + inputs.get(i)
                        + ", which is not among the columns " + columns);
            }
        }
        return new Bound(this, positions);
    }

    /** A formula with its inputs' positions resolved. Not thread-safe (it reuses an input buffer): one per thread. */
    public static final class Bound {
        private final DerivedFeature feature;
        private final int[] positions;
        private final double[] buffer;

        private Bound(DerivedFeature feature, int[] positions) {
            this.feature = feature;
            this.positions = positions;
            this.buffer = new double[positions.length];
        }

        /**
         * The feature for one row.
         *
         * @throws IllegalArgumentException when the formula throws, naming the feature and the inputs
         */
        public double apply(double[] row) {
            for (int i = 0; i < positions.length; i++) {
                buffer[i] = row[positions[i]];
            }
            try {
                return feature.formula().applyAsDouble(buffer);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("derived feature " + feature.name() + " failed on inputs "
                        + feature.inputs() + " = " + Arrays.toString(buffer) + ": " + e, e);
            }
        }
    }
}
