package org.marketlink.forecast.internal;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast stability test agrees with the roots computed by eigenvalues (the slow, obvious oracle). */
class SchurCohnTest {

    @Test
    void rootsWithin_agreesWithEigenvalueRoots_onRandomAndEtsPolynomials() {
        long seed = 42;
        SplittableRandom r = new SplittableRandom(seed);
        int checked = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int m = 2 + r.nextInt(23);
            double alpha = r.nextDouble();
            double beta = r.nextDouble() * alpha;
            double gamma = r.nextDouble() * (1 - alpha);
            double phi = r.nextBoolean() ? 1 : 0.8 + 0.18 * r.nextDouble();
            double[] poly = EtsFit.characteristicPolynomial(alpha, beta, gamma, phi, m);
            double max = EtsFit.maxRootModulus(poly);
            if (Math.abs(max - 1) < 1e-6) {
                continue; // too close to the circle for the eigenvalue oracle to be trusted
            }
            assertThat(SchurCohn.rootsWithin(poly, 1 + 1e-10)).as("seed %d trial %d max %s", seed, trial, max)
                    .isEqualTo(max <= 1 + 1e-10);
            checked++;
        }
        assertThat(checked).isGreaterThan(2000);
        assertThat(SchurCohn.rootsWithin(new double[] {-0.25, 0, 1}, 1)).isTrue();   // roots ±0.5
        assertThat(SchurCohn.rootsWithin(new double[] {-4, 0, 1}, 1)).isFalse();     // roots ±2
        assertThat(SchurCohn.rootsWithin(new double[] {-1, 1}, 1 + 1e-10)).isTrue(); // root exactly 1
    }
}
