package org.marketlink.ml.matching;

import org.junit.jupiter.api.Test;
import org.marketlink.matching.evaluation.RankingMetrics;
import org.marketlink.matching.scoring.Explanation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LearnedScorerTest {
    static final List<String> NAMES = List.of("category_alignment", "proximity", "logistics",
            "collaborative_success", "volume_compatibility", "quality_fit", "price_overlap");

    // outcomes driven by category, proximity and quality; the rest is noise
    static int[] labels(double[][] x, Random r) {
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            double logit = -3 + 3 * x[i][0] + 2 * x[i][1] + 1.5 * x[i][5];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        return y;
    }

    static double[][] features(int n, Random r) {
        double[][] x = new double[n][NAMES.size()];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextDouble();
            }
        }
        return x;
    }

    @Test
    void bothAlgorithmsLearnTheSignalAndAreCalibrated() {
        Random r = new Random(7);
        double[][] train = features(4000, r);
        int[] trainY = labels(train, r);
        double[][] test = features(3000, r);
        int[] testY = labels(test, r);
        for (LearnedScorer.Options o : List.of(LearnedScorer.Options.logisticRegression(),
                LearnedScorer.Options.gradientBoosting().withTrees(100))) {
            LearnedScorer scorer = LearnedScorer.train(NAMES, train, trainY, o);
            double[] p = scorer.scoreAll(test);
            assertThat(RankingMetrics.auc(p, testY)).as(o.algorithm().name()).isGreaterThan(0.72);
            // calibration: in each fifth of the scores, the observed rate is close to the mean prediction
            Integer[] order = new Integer[p.length];
            for (int i = 0; i < p.length; i++) {
                order[i] = i;
                assertThat(p[i]).isBetween(0.0, 1.0);
                assertThat(p[i]).isCloseTo(scorer.score(test[i]), within(1e-9));
            }
            Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
            for (int bin = 0; bin < 5; bin++) {
                double predicted = 0;
                double observed = 0;
                for (int i = bin * 600; i < (bin + 1) * 600; i++) {
                    predicted += p[order[i]] / 600;
                    observed += testY[order[i]] / 600.0;
                }
                assertThat(observed).as("%s bin %d", o.algorithm(), bin).isCloseTo(predicted, within(0.08));
            }
        }
    }

    @Test
    void explanationsAreShapleyValuesThatAddUpToTheLogOdds() {
        Random r = new Random(8);
        double[][] x = features(2000, r);
        int[] y = labels(x, r);
        LearnedScorer lr = LearnedScorer.train(NAMES, x, y, LearnedScorer.Options.logisticRegression());
        double[] mean = new double[NAMES.size()];
        for (double[] row : x) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j] / x.length;
            }
        }
        double[] v = x[17];
        Explanation e = lr.explain(v);
        assertThat(e.scale()).isEqualTo("log-odds");
        assertThat(e.total()).isCloseTo(lr.margin(v), within(1e-9));
        assertThat(e.score()).isCloseTo(lr.score(v), within(1e-12));
        // for a linear model the Shapley value is the coefficient times the distance from the mean
        double[] unit = new double[NAMES.size()];
        double base = lr.margin(new double[NAMES.size()]);
        for (int j = 0; j < NAMES.size(); j++) {
            Arrays.fill(unit, 0);
            unit[j] = 1;
            double coefficient = lr.margin(unit) - base;
            assertThat(e.contributions().get(j).contribution()).isCloseTo(coefficient * (v[j] - mean[j]),
                    within(1e-9));
        }
        assertThat(e.strongestFirst().get(0).feature()).isIn("category_alignment", "proximity", "quality_fit");

        LearnedScorer gbm = LearnedScorer.train(NAMES, x, y, LearnedScorer.Options.gradientBoosting().withTrees(50));
        Explanation g = gbm.explain(v);
        assertThat(g.total()).isCloseTo(gbm.margin(v), within(1e-9));
    }

    @Test
    void savedScorersLoadBackAndRefuseOtherFeatures() {
        Random r = new Random(9);
        double[][] x = features(1500, r);
        int[] y = labels(x, r);
        for (LearnedScorer.Options o : List.of(LearnedScorer.Options.logisticRegression(),
                LearnedScorer.Options.gradientBoosting().withTrees(30))) {
            LearnedScorer scorer = LearnedScorer.train(NAMES, x, y, o);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            scorer.save(out);
            byte[] bytes = out.toByteArray();
            LearnedScorer back = LearnedScorer.load(new ByteArrayInputStream(bytes), NAMES);
            assertThat(back.info()).isEqualTo(scorer.info());
            for (int i = 0; i < 50; i++) {
                assertThat(back.score(x[i])).isEqualTo(scorer.score(x[i]));
            }
            List<String> other = List.of("a", "b", "c", "d", "e", "f", "g");
            assertThatThrownBy(() -> LearnedScorer.load(new ByteArrayInputStream(bytes), other))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("trained on features [category_alignment").hasMessageContaining("[a, b");
        }
        assertThatThrownBy(() -> LearnedScorer.load(new ByteArrayInputStream(new byte[] {0, 3, 'a', 'b', 'c'}), NAMES))
                .hasMessageContaining("not a saved MarketLink learned scorer");
        assertThatThrownBy(() -> LearnedScorer.load(new ByteArrayInputStream(new byte[0]), NAMES))
                .hasMessageContaining("not a saved MarketLink learned scorer");
    }

    @Test
    void aNewerFormatIsRefusedClearly() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        data.writeUTF("MARKETLINK-LEARNED-SCORER");
        data.writeUTF("{\"format_version\": 99, \"algorithm\": \"LOGISTIC_REGRESSION\", \"features\": []}");
        assertThatThrownBy(() -> LearnedScorer.load(new ByteArrayInputStream(out.toByteArray()), NAMES))
                .hasMessageContaining("format 99").hasMessageContaining("reads format 1");
    }

    @Test
    void badTrainingDataIsRejectedNamingTheRow() {
        double[][] x = {{0.1, 0.2}, {0.3, Double.NaN}, {0.5, 0.5}, {0.2, 0.2}};
        assertThatThrownBy(() -> LearnedScorer.train(List.of("a", "b"), x, new int[] {0, 1, 0, 1},
                LearnedScorer.Options.logisticRegression())).hasMessageContaining("row 1, feature b");
        double[][] ok = {{0.1, 0.2}, {0.3, 0.1}, {0.5, 0.5}, {0.2, 0.2}};
        assertThatThrownBy(() -> LearnedScorer.train(List.of("a", "b"), ok, new int[] {0, 2, 0, 1},
                LearnedScorer.Options.logisticRegression())).hasMessageContaining("label must be 0 or 1");
        assertThatThrownBy(() -> LearnedScorer.train(List.of("a", "b"), ok, new int[] {0, 0, 0, 1},
                LearnedScorer.Options.logisticRegression())).hasMessageContaining("at least 2 examples");
        assertThatThrownBy(() -> LearnedScorer.Options.logisticRegression().withTrees(0))
                .hasMessageContaining("trees");
    }
}
