package org.marketlink.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Emitter;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.StageReport;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.core.timeseries.Frequency;
import org.marketlink.core.timeseries.TimeSeries;
import org.marketlink.forecast.BatchForecaster;
import org.marketlink.forecast.Forecasters;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.retrieval.MatchRetriever;
import org.marketlink.matching.retrieval.TopKTable;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.WeightedScorer;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.Rules;
import org.marketlink.store.CacheStatistics;
import org.marketlink.store.MarketStore;
import org.marketlink.store.StoreOptions;
import org.marketlink.testing.SyntheticMarket;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters equal the reports they come from: a pipeline run's report and quarantine, a store's cache statistics,
 * a suite's result and a forecast batch's report; and a Prometheus scrape shows them.
 */
class MicrometerMetricsTest {
    private static double count(MeterRegistry registry, String name, String... tags) {
        return Search.in(registry).name(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** A run of 5,000 numbers, some filtered out and some rejected as too large, with the quarantine it wrote. */
    private static RunReport run(MeterRegistry registry, Sinks.ListQuarantine quarantine, int threads) {
        return Pipeline.from(Sources.of("numbers", IntStream.rangeClosed(1, 5_000).boxed().toList()))
                .then("odd", Stages.filter((Integer i) -> i % 7 != 0, "a multiple of 7"))
                .then("small", (Integer i, Emitter<Integer> out) -> {
                    if (i < 4_900) {
                        out.emit(i);
                    } else {
                        out.reject("LARGE", "", "too large");
                    }
                })
                .to(Sinks.list()).quarantineTo(quarantine)
                .run(RunOptions.defaults().withChunkSize(250).withParallelism(threads)
                        .withObserver(PipelineMetrics.of(registry, "numbers")));
    }

    @Test
    void pipelineMeters_equalTheRunReportAndTheQuarantine() {
        MeterRegistry registry = new SimpleMeterRegistry();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = run(registry, quarantine, 2);

        assertThat(count(registry, "marketlink.pipeline.rows.read", "pipeline", "numbers")).isEqualTo(report.rowsIn());
        assertThat(count(registry, "marketlink.pipeline.rows.written")).isEqualTo(report.rowsOut());
        assertThat(count(registry, "marketlink.pipeline.rows.quarantined")).isEqualTo(report.quarantined());
        Map<String, Long> byReason = quarantine.rejections().stream()
                .collect(Collectors.groupingBy(Rejection::reasonCode, Collectors.counting()));
        assertThat(byReason).hasSize(2);
        byReason.forEach((reason, n) -> assertThat(count(registry, "marketlink.pipeline.rows.quarantined",
                "reason", reason)).as(reason).isEqualTo((double) n));
        for (StageReport s : report.stages()) {
            assertThat(count(registry, "marketlink.pipeline.stage.rows", "stage", s.name(), "direction", "in"))
                    .isEqualTo(s.rowsIn());
            assertThat(count(registry, "marketlink.pipeline.stage.rows", "stage", s.name(), "direction",
                    "quarantined")).isEqualTo(s.quarantined());
        }
        assertThat(registry.get("marketlink.pipeline.runs").tags("status", "completed", "balanced", "true").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get("marketlink.pipeline.chunk.write").timer().count()).isEqualTo(report.chunks());
        assertThat(registry.get("marketlink.pipeline.chunk.latency").timer().count()).isEqualTo(report.chunks());
    }

    @Test
    void storeMeters_equalItsCacheStatistics_andItsPoolPublishesHikarisMeters() {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (MarketStore store = MarketStore.inMemory(StoreOptions.defaults(), StoreMetrics.pool(registry))) {
            StoreMetrics.of(store).bindTo(registry);
            for (int i = 0; i < 3; i++) {
                assertThat(store.shgs().findById(UUID.randomUUID())).isEmpty();
            }
            CacheStatistics shg = store.cacheStatistics().get("shg");
            assertThat(shg.misses()).isEqualTo(3);
            assertThat(registry.get("cache.gets").tags("cache", "marketlink.shg", "result", "miss").functionCounter()
                    .count()).isEqualTo(shg.misses());
            assertThat(registry.get("cache.gets").tags("cache", "marketlink.shg", "result", "hit").functionCounter()
                    .count()).isEqualTo(shg.hits());
            assertThat(registry.get("cache.size").tags("cache", "marketlink.product").gauge().value()).isZero();
            assertThat(registry.get("hikaricp.connections").tags("pool", "marketlink").gauge().value())
                    .isGreaterThanOrEqualTo(1);
        }
    }

    private static SuiteResult suiteResult() {
        Schema schema = Schema.of(Field.optional("customer", FieldType.STRING),
                Field.optional("rating", FieldType.DOUBLE));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(Row.of(schema, i % 10 == 0 ? null : "c" + i, (double) (i % 7)));
        }
        return Suite.of("ratings", Rules.complete("customer"), Rules.between("rating", 1, 5)).compile(schema)
                .run(rows);
    }

    @Test
    void qualityMeters_equalTheSuiteResult() {
        MeterRegistry registry = new SimpleMeterRegistry();
        QualityMetrics metrics = QualityMetrics.of(registry);
        SuiteResult result = suiteResult();
        metrics.record(result);
        for (RuleOutcome o : result.outcomes()) {
            assertThat(registry.get("marketlink.quality.rule.metric").tags("suite", "ratings", "rule", o.rule())
                    .gauge().value()).as(o.rule()).isEqualTo(o.metric());
            String outcome = o instanceof RuleOutcome.Passed ? "passed" : "failed";
            assertThat(count(registry, "marketlink.quality.rule.outcomes", "rule", o.rule(), "outcome", outcome))
                    .isEqualTo(1);
        }
        assertThat(registry.get("marketlink.quality.suite.rows").gauge().value()).isEqualTo(1_000);
        metrics.record(result);
        assertThat(count(registry, "marketlink.quality.suite.runs", "suite", "ratings")).isEqualTo(2);
    }

    private static List<BatchForecaster.Task> tasks() {
        Random r = new Random(3);
        List<BatchForecaster.Task> tasks = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            double[] values = new double[k == 0 ? 0 : 60];
            for (int t = 0; t < values.length; t++) {
                values[t] = 20 + 5 * Math.sin(2 * Math.PI * t / 7) + r.nextGaussian();
            }
            tasks.add(new BatchForecaster.Task("series-" + k, TimeSeries.of("series-" + k,
                    LocalDateTime.of(2026, 1, 1, 0, 0), Frequency.DAILY, values)));
        }
        return tasks;
    }

    @Test
    void forecastMeters_equalTheBatchReport() {
        MeterRegistry registry = new SimpleMeterRegistry();
        ForecastMetrics metrics = ForecastMetrics.of(registry);
        List<BatchForecaster.Result> results = new ArrayList<>();
        BatchForecaster.Report report = BatchForecaster.of(Forecasters.auto(),
                BatchForecaster.Options.defaults().withParallelism(2)).run(tasks().iterator(),
                metrics.counting(results::add));
        metrics.record(report);
        assertThat(count(registry, "marketlink.forecast.series")).isEqualTo(report.series()).isEqualTo(12);
        assertThat(count(registry, "marketlink.forecast.failures")).isEqualTo(report.failed());
        assertThat(count(registry, "marketlink.forecast.models"))
                .isEqualTo(results.stream().filter(r -> r.forecast().isPresent()).count());
        assertThat(count(registry, "marketlink.forecast.models", "fallback", "yes"))
                .isEqualTo(results.stream().filter(r -> r.forecast().map(f -> f.fallback().isPresent())
                        .orElse(false)).count());
        assertThat(registry.get("marketlink.forecast.series.rate").gauge().value()).isEqualTo(report.seriesPerSecond());
    }

    @Test
    void matchingMeters_countThePairsAndTimeTheRanking() {
        MeterRegistry registry = new SimpleMeterRegistry();
        MatchRetriever retriever = MatchRetriever.build(SyntheticMarket.shgs(40, 11, ShgProfile::of),
                SyntheticMarket.buyers(90, 12), PairFeatures.Options.defaults(), WeightedScorer.defaults(),
                HardFilters.defaults());
        MatchingMetrics metrics = MatchingMetrics.of(registry);
        TopKTable table = metrics.topBuyersForAll(retriever, 5);
        metrics.topBuyersForAll(retriever, 5);
        assertThat(table.queries()).isEqualTo(40);
        assertThat(count(registry, "marketlink.matching.pairs")).isEqualTo(2 * 40 * 90);
        assertThat(registry.get("marketlink.matching.retrieval").timer().count()).isEqualTo(2);
    }

    @Test
    void aPrometheusScrape_showsTheRunTheStoreTheSuiteAndTheBatch() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RunReport report = run(registry, Sinks.quarantineList(), 1);
        QualityMetrics.of(registry).record(suiteResult());
        ForecastMetrics forecasts = ForecastMetrics.of(registry);
        forecasts.record(BatchForecaster.of(Forecasters.auto(), BatchForecaster.Options.defaults())
                .run(tasks().iterator(), forecasts.counting(r -> {
                })));
        try (MarketStore store = MarketStore.inMemory(StoreOptions.defaults(), StoreMetrics.pool(registry))) {
            StoreMetrics.of(store).bindTo(registry);
            store.shgs().findById(UUID.randomUUID());
            String scrape = registry.scrape();
            assertThat(scrape).contains("marketlink_pipeline_rows_read_total{pipeline=\"numbers\"} "
                    + (double) report.rowsIn());
            assertThat(scrape).contains("marketlink_pipeline_rows_written_total{pipeline=\"numbers\"} "
                    + (double) report.rowsOut());
            assertThat(scrape).contains("marketlink_quality_rule_metric{rule=");
            assertThat(scrape).contains("marketlink_forecast_series_total 12.0");
            assertThat(scrape).contains("cache_gets_total{cache=\"marketlink.shg\",result=\"miss\"} 1.0");
            assertThat(scrape).contains("hikaricp_connections{pool=\"marketlink\"}");
        }
    }
}
