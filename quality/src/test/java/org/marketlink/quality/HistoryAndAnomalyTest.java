package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.anomaly.AnomalyStrategy;
import org.marketlink.quality.history.InMemoryMetricsRepository;
import org.marketlink.quality.history.MetricPoint;
import org.marketlink.quality.history.MetricsRepository;
import org.marketlink.quality.rules.Rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryAndAnomalyTest {
    private static final Schema S = Schema.of(Field.required("id", FieldType.LONG));
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private static void saveDays(MetricsRepository repo) {
        Suite.Compiled c = Suite.of("daily", Rules.rowCount(0, 1000)).compile(S);
        for (int day = 0; day < 10; day++) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 100 + day; i++) {
                rows.add(Row.of(S, (long) i));
            }
            repo.save("orders", T0.plusSeconds(86_400L * day), Map.of("source", "erp", "run", "r" + day), c.run(rows));
        }
    }

    @Test
    void inMemory_keepsHistoryByDatasetRuleAndTime() {
        MetricsRepository repo = new InMemoryMetricsRepository();
        saveDays(repo);
        List<MetricPoint> h = repo.history("orders", "rowCount", T0.plusSeconds(86_400L * 2), T0.plusSeconds(86_400L * 5));
        assertThat(h).extracting(MetricPoint::metric).containsExactly(102.0, 103.0, 104.0);
        assertThat(h.get(0).tags()).containsEntry("source", "erp");
        assertThat(repo.history("other", "rowCount", T0, T0.plusSeconds(1_000_000))).isEmpty();
    }

    @Test
    void strategies_flagWhatTheyShould() {
        double[] steady = {100, 101, 99, 100, 102, 98, 100, 101};
        assertThat(AnomalyStrategy.absoluteChange(5).check(steady, 104)).isEmpty();
        assertThat(AnomalyStrategy.absoluteChange(5).check(steady, 110)).isPresent();
        assertThat(AnomalyStrategy.relativeChange(1.5).check(steady, 140)).isEmpty();
        assertThat(AnomalyStrategy.relativeChange(1.5).check(steady, 40)).hasValueSatisfying(a ->
                assertThat(a.reason()).contains("factor"));
        assertThat(AnomalyStrategy.zScore(3).check(steady, 103)).isEmpty();
        assertThat(AnomalyStrategy.zScore(3).check(steady, 120)).isPresent();
        double[] withOutlier = {100, 101, 99, 100, 500, 98, 100, 101};
        // one old outlier inflates the standard deviation but not the MAD
        assertThat(AnomalyStrategy.zScore(3).check(withOutlier, 300)).isEmpty();
        assertThat(AnomalyStrategy.medianAbsoluteDeviation(5).check(withOutlier, 300)).isPresent();
        assertThat(AnomalyStrategy.zScore(3).check(new double[] {1, 2}, 100)).isEmpty();
    }

    @Test
    void seasonal_usesThePredictorsInterval() {
        double[] weekly = new double[28];
        for (int i = 0; i < weekly.length; i++) {
            weekly[i] = i % 7 == 5 ? 500 : 100;
        }
        // a seasonal-naive predictor with a ±10% band, written out so the check is independent of the forecast module
        AnomalyStrategy s = AnomalyStrategy.seasonal((h, m, level) -> {
            double p = h[h.length - m];
            return new double[] {p * 0.9, p, p * 1.1};
        }, 7, 95);
        // the next day (index 28) is a Monday-like 100; 500 there is anomalous, 100 is not
        assertThat(s.check(weekly, 100)).isEmpty();
        assertThat(s.check(weekly, 500)).isPresent();
        assertThat(s.check(new double[5], 1)).isEmpty();
    }
}
