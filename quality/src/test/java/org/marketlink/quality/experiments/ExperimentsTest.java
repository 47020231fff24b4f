package org.marketlink.quality.experiments;

import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExperimentsTest {
    @Test
    void theRateTestAgreesWithTheChiSquareTestOfTheTable() {
        RateComparison c = Experiments.compareRates(1000, 120, 1000, 150, 0.95);
        assertThat(c.controlRate()).isEqualTo(0.12);
        assertThat(c.treatmentRate()).isEqualTo(0.15);
        assertThat(c.lift()).isCloseTo(0.25, within(1e-12));
        // z² is the uncorrected chi-square statistic of the 2x2 table, and the p-values agree
        long[][] table = {{120, 880}, {150, 850}};
        ChiSquareTest chi = new ChiSquareTest();
        assertThat(c.z() * c.z()).isCloseTo(chi.chiSquare(table), within(1e-9));
        assertThat(c.pValue()).isCloseTo(chi.chiSquareTest(table), within(1e-9));
        // the Wald interval by hand: 0.03 ± 1.96 * sqrt(.12*.88/1000 + .15*.85/1000)
        double se = Math.sqrt(0.12 * 0.88 / 1000 + 0.15 * 0.85 / 1000);
        assertThat(c.differenceLow()).isCloseTo(0.03 - 1.959964 * se, within(1e-6));
        assertThat(c.liftHigh()).isCloseTo((0.03 + 1.959964 * se) / 0.12, within(1e-5));
        assertThat(c.pValue()).isCloseTo(0.0496, within(0.0005));
        assertThat(c.significant()).isTrue();
        assertThat(Experiments.compareRates(1000, 120, 1000, 130, 0.95).significant()).isFalse();
    }

    @Test
    void welchAgreesWithCommonsMath() {
        Random r = new Random(3);
        double[] a = new double[40];
        double[] b = new double[75];
        for (int i = 0; i < a.length; i++) {
            a[i] = 100 + 10 * r.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = 106 + 25 * r.nextGaussian();
        }
        MeanComparison c = Experiments.compareMeans(a, b, 0.95);
        TTest t = new TTest();
        assertThat(c.t()).isCloseTo(-t.t(a, b), within(1e-9)); // commons-math computes A − B
        assertThat(c.pValue()).isCloseTo(t.tTest(a, b), within(1e-9));
        assertThat(c.differenceLow()).isLessThan(c.difference());
        assertThat(c.differenceHigh()).isGreaterThan(c.difference());
        assertThat(c.lift()).isCloseTo(c.treatmentMean() / c.controlMean() - 1, within(1e-12));
        assertThatThrownBy(() -> Experiments.compareMeans(new double[] {1}, b, 0.95))
                .hasMessageContaining("control needs at least 2");
        assertThatThrownBy(() -> Experiments.compareMeans(a, new double[] {1, Double.NaN}, 0.95))
                .hasMessageContaining("treatment observation 1");
    }

    @Test
    void sampleSizesMatchTheTextbookFigures() {
        // 10% → 12%, alpha 0.05, power 0.8: about 3,841 per group
        assertThat(Experiments.sampleSizeForRates(0.10, 0.02, 0.05, 0.8)).isBetween(3830L, 3850L);
        // sd 1, difference 0.5: 2 (1.96 + 0.84)² / 0.25 = 62.8
        assertThat(Experiments.sampleSizeForMeans(1, 0.5, 0.05, 0.8)).isEqualTo(63);
        assertThatThrownBy(() -> Experiments.sampleSizeForRates(0.99, 0.02, 0.05, 0.8))
                .hasMessageContaining("within (0, 1)");
        assertThatThrownBy(() -> Experiments.compareRates(10, 11, 10, 1, 0.95))
                .hasMessageContaining("control group");
    }
}
