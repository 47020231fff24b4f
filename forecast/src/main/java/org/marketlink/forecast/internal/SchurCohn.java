package org.marketlink.forecast.internal;

/**
 * The Schur–Cohn test: whether every root of a real polynomial lies within a circle, decided from the
 * coefficients alone in O(n²) arithmetic, without computing the roots. The ETS admissibility check runs it at every
 * likelihood evaluation of a seasonal model, so it must be cheap.
 */
final class SchurCohn {
    private SchurCohn() {
    }

    /**
     * Whether all roots of {@code poly} (ascending coefficients, highest non-zero) have modulus below
     * {@code radius}. Rescaling z by the radius turns the question into the unit-circle test, which repeatedly
     * requires |c₀| &lt; |cₙ| and reduces the degree by (cₙ·p(z) − c₀·p*(z)) / z.
     */
    static boolean rootsWithin(double[] poly, double radius) {
        int n = poly.length - 1;
        double[] c = new double[n + 1];
        double scale = 1;
        for (int i = 0; i <= n; i++) {
            c[i] = poly[i] * scale;
            scale *= radius;
        }
        double[] next = new double[n + 1];
        for (int deg = n; deg >= 1; deg--) {
            double c0 = c[0];
            double cn = c[deg];
            if (!(Math.abs(c0) < Math.abs(cn))) {
                return false;
            }
            for (int i = 0; i < deg; i++) {
                // coefficient of z^(i+1) in cn·p(z) − c0·p*(z), shifted down by one
                next[i] = cn * c[i + 1] - c0 * c[deg - 1 - i];
            }
            // keep the polynomial monic: the raw recursion squares the scale at every step and underflows
            double lead = next[deg - 1];
            if (!(lead != 0) || !Double.isFinite(lead)) {
                return false;
            }
            for (int i = 0; i < deg; i++) {
                c[i] = next[i] / lead;
            }
        }
        return true;
    }
}
