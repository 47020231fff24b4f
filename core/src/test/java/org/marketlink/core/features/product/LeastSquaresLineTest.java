package org.marketlink.core.features.product;

import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The hand-written line and t tail against commons-math3, the library core no longer depends on. */
class LeastSquaresLineTest {

    @Test
    void slopeErrorAndPValue_equalCommonsMath_onRandomLines() {
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 3 + r.nextInt(120);
            double slope = r.nextDouble(-3, 3) * (r.nextInt(4) == 0 ? 0 : 1);
            double noise = r.nextDouble(0.01, 50);
            LeastSquaresLine mine = new LeastSquaresLine();
            SimpleRegression theirs = new SimpleRegression();
            for (int i = 0; i < n; i++) {
                double x = r.nextInt(3) == 0 ? -i : r.nextDouble(-100, 100);
                double y = 7 + slope * x + noise * r.nextGaussian();
                mine.add(x, y);
                theirs.addData(x, y);
            }
            String why = "seed " + seed + ", n " + n;
            assertThat(mine.count()).as(why).isEqualTo(theirs.getN());
            assertThat(mine.slope()).as(why).isEqualTo(theirs.getSlope());
            assertThat(mine.slopeStandardError()).as(why).isEqualTo(theirs.getSlopeStdErr());
            assertThat(mine.slopePValue()).as(why).isCloseTo(theirs.getSignificance(), within(1e-10));
        }
    }

    @Test
    void tooFewPoints_areNaN() {
        LeastSquaresLine line = new LeastSquaresLine();
        assertThat(line.slope()).isNaN();
        line.add(1, 2);
        line.add(2, 4);
        assertThat(line.slope()).isEqualTo(2.0);
        assertThat(line.slopeStandardError()).isNaN();
        assertThat(line.slopePValue()).isNaN();
    }

    @Test
    void constantX_hasNoSlope() {
        LeastSquaresLine line = new LeastSquaresLine();
        for (int i = 0; i < 10; i++) {
            line.add(5, i);
        }
        assertThat(line.slope()).isNaN();
        assertThat(line.slopePValue()).isNaN();
    }

    @Test
    void studentTail_matchesKnownValues() {
        // t = 2.228 with 10 degrees of freedom is the two-sided 5% point; t = 0 has p = 1
        assertThat(StudentT.twoSidedPValue(2.228138851986, 10)).isCloseTo(0.05, within(1e-9));
        assertThat(StudentT.twoSidedPValue(0, 7)).isCloseTo(1.0, within(1e-12));
        assertThat(StudentT.twoSidedPValue(Double.POSITIVE_INFINITY, 7)).isZero();
        assertThat(StudentT.twoSidedPValue(Double.NaN, 7)).isNaN();
    }
}
