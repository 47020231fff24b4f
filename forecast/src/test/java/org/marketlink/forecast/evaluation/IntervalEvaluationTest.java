package org.marketlink.forecast.evaluation;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.models.Naive;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class IntervalEvaluationTest {

    @Test
    void coverageAndMsis_matchTheMethodsOwnIntervals_stepByStep() {
        double[] trainA = {10, 12, 11, 13, 12};
        double[] trainB = {5, 5, 6, 5, 6, 5};
        CompetitionSet set = new CompetitionSet("tiny", List.of(
                new CompetitionSet.Series("a", trainA, new double[] {12, 20}, 1),
                new CompetitionSet.Series("b", trainB, new double[] {5, 5}, 1)));
        IntervalEvaluation e = IntervalEvaluation.of(Naive.create(), set, 80, 95);

        int[] inByStep = new int[2];
        int in = 0;
        double msis = 0;
        for (CompetitionSet.Series s : set.series()) {
            Forecast f = Naive.create().fit(s.train(), 1).forecast(2, 80, 95);
            Interval i = f.interval(95).orElseThrow();
            for (int k = 0; k < 2; k++) {
                boolean inside = s.test()[k] >= i.lower()[k] && s.test()[k] <= i.upper()[k];
                inByStep[k] += inside ? 1 : 0;
                in += inside ? 1 : 0;
            }
            msis += Metrics.msis(s.train(), s.test(), i.lower(), i.upper(), 1, 0.05);
        }
        assertThat(e.coverageAt(95)).isCloseTo(100.0 * in / 4, offset(1e-9));
        assertThat(e.coverageByStep(95)).containsExactly(50.0 * inByStep[0], 50.0 * inByStep[1]);
        assertThat(e.msisAt(95)).isCloseTo(msis / 2, offset(1e-9));
        // the jump to 20 is outside every interval of the naive method
        assertThat(e.coverageByStep(95)[1]).isLessThanOrEqualTo(50);
        assertThat(e.coverageAt(80)).isLessThanOrEqualTo(e.coverageAt(95));
        assertThatThrownBy(() -> e.coverageAt(90)).hasMessageContaining("90.0");
        assertThatThrownBy(() -> IntervalEvaluation.of(Naive.create(), set)).hasMessageContaining("level");
    }
}
