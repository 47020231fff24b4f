package org.marketlink.store.quality;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.Suite;
import org.marketlink.quality.history.MetricPoint;
import org.marketlink.quality.history.MetricsRepository;
import org.marketlink.quality.rules.Rules;
import org.marketlink.store.Backend;
import org.marketlink.store.MarketStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcMetricsRepositoryTest {
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

    @ParameterizedTest
    @EnumSource(Backend.class)
    void jdbc_roundTripsOnH2AndPostgres(Backend backend) {
        try (MarketStore store = backend.open()) {
            MetricsRepository repo = new JdbcMetricsRepository(store);
            saveDays(repo);
            saveDays(repo); // saving the same points again replaces them
            double[] values = repo.values("orders", "rowCount", Instant.MIN, Instant.MAX);
            assertThat(values).containsExactly(100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
            MetricPoint p = repo.history("orders", "rowCount", T0, T0.plusSeconds(1)).get(0);
            assertThat(p.tags()).isEqualTo(Map.of("source", "erp", "run", "r0"));
            assertThat(p.status()).isEqualTo("PASSED");
        }
    }

}
