package org.marketlink.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.NoSuchEntityException;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.JdbcSource;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.testing.Samples;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Table sink, JDBC source, quarantine table and lineage on H2 and PostgreSQL. */
class PipelineStorageTest {
    private static final Schema PRICES = Schema.of(Field.required("market", FieldType.STRING),
            Field.required("sale_day", FieldType.DATE), Field.optional("price", FieldType.DECIMAL),
            Field.optional("volume", FieldType.LONG), Field.optional("seen_at", FieldType.TIMESTAMP),
            Field.optional("tags", FieldType.JSON));

    private static void createPricesTable(MarketStore store) {
        String json = store.dialect() == Dialect.POSTGRESQL ? "JSONB" : "JSON";
        store.jdbi().useHandle(h -> h.execute("CREATE TABLE host_prices (market VARCHAR(100) NOT NULL, sale_day DATE NOT NULL, "
                + "price NUMERIC(12,2), volume BIGINT, seen_at TIMESTAMP WITH TIME ZONE, tags " + json
                + ", PRIMARY KEY (market, sale_day))"));
    }

    private static List<Row> prices(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Row.of(PRICES, "M" + (i % 7), LocalDate.of(2026, 1, 1).plusDays(i / 7),
                    new BigDecimal(i + ".50"), (long) i, Instant.parse("2026-01-01T10:00:00Z").plusSeconds(i),
                    "[\"t" + i + "\"]"));
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void tableSink_upsertsChunksAndJdbcSourceStreamsThemBack(Backend backend) {
        try (MarketStore store = backend.open()) {
            createPricesTable(store);
            List<Row> rows = prices(250);
            TableSink sink = store.tableSink("host_prices", PRICES, List.of("market", "sale_day"));
            RunReport first = Pipeline.from(Sources.of("prices", rows)).to(sink)
                    .run(RunOptions.defaults().withChunkSize(40).withParallelism(2));
            RunReport again = Pipeline.from(Sources.of("prices", rows)).to(sink).run();
            assertThat(first.rowsOut()).isEqualTo(250);
            assertThat(again.rowsOut()).isEqualTo(250);
            long count = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM host_prices")
                    .mapTo(Long.class).one());
            assertThat(count).isEqualTo(250);

            Sinks.ListSink<Row> back = Sinks.list();
            RunReport read = Pipeline.from(JdbcSource.of(store.dataSource(),
                            "SELECT market, sale_day, price, volume, seen_at, tags FROM host_prices WHERE volume >= ? "
                                    + "ORDER BY volume", List.of(0L), PRICES, 16))
                    .to(back).run();
            assertThat(read.quarantined()).isZero();
            assertThat(back.rows()).hasSize(250);
            assertThat(back.rows().get(3).getDecimal(2)).isEqualByComparingTo("3.50");
            assertThat(back.rows().get(3).getTimestamp(4)).isEqualTo(rows.get(3).getTimestamp(4));
            // JSON comes back as JSON text, whatever spacing the database uses
            assertThat(back.rows().get(3).getString(5).replace(" ", "")).isEqualTo("[\"t3\"]");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void tableSink_identifiersAreCheckedAgainstTheTable(Backend backend) {
        try (MarketStore store = backend.open()) {
            createPricesTable(store);
            assertThatThrownBy(() -> store.tableSink("no_such_table", PRICES, List.of("market")))
                    .hasMessageContaining("no table 'no_such_table'");
            Schema injected = Schema.of(Field.required("market; DROP TABLE shgs", FieldType.STRING));
            assertThatThrownBy(() -> store.tableSink("host_prices", injected, List.of("market")))
                    .hasMessageContaining("not a plain SQL identifier");
            Schema unknown = Schema.of(Field.required("market", FieldType.STRING),
                    Field.required("colour", FieldType.STRING));
            assertThatThrownBy(() -> store.tableSink("host_prices", unknown, List.of("market")))
                    .hasMessageContaining("no column 'colour'").hasMessageContaining("market");
            assertThatThrownBy(() -> store.tableSink("host_prices", PRICES, List.of("nope")))
                    .hasMessageContaining("key column 'nope'");
            assertThat(store.shgs().count()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void quarantineTable_andLineage_recordAndVerify(Backend backend) {
        try (MarketStore store = backend.open()) {
            Shg shg = Samples.shgWithoutBank("Umoja");
            store.shgs().insert(shg);
            Product p = Samples.product(shg.id(), "Maize");
            store.products().insert(p);
            List<MarketData> rows = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                rows.add(Samples.marketData(p.id(), Samples.T0.plusSeconds(60L * (i % 250))));
            }
            RunReport report = Pipeline.from(Sources.of("feed", rows))
                    .then("dedupe", Stages.deduplicate(MarketData::observedAt, Stages.Keep.FIRST))
                    .to(Sinks.of("market_data", store.marketData()::upsertAll))
                    .quarantineTo(store.quarantine().sink())
                    .run(RunOptions.defaults().withChunkSize(64));
            assertThat(report.rowsOut()).isEqualTo(250);
            assertThat(store.quarantine().countByReason(report.runId())).containsExactly(
                    Map.entry(Stages.DUPLICATE, 50L));
            List<Rejection> stored = store.quarantine().find(report.runId());
            assertThat(stored).hasSize(50).allMatch(r -> r.stage().equals("dedupe") && r.rowNumber() > 250);

            LineageRecord lineage = store.lineage().record(report);
            assertThat(store.lineage().find(report.runId())).contains(lineage);
            assertThat(lineage.stages()).containsExactly("dedupe");
            assertThat(lineage.checksum()).endsWith(":250");

            List<MarketData> target = store.marketData().findByProduct(p.id(), Instant.EPOCH, Instant.MAX);
            Collections.reverse(target);
            assertThat(store.lineage().verify(report.runId(), target.iterator()).matches()).isTrue();

            store.jdbi().useHandle(h -> h.execute("UPDATE market_data SET price = price + 1 WHERE observed_at = ?",
                    Samples.T0.atOffset(ZoneOffset.UTC)));
            LineageCheck changed = store.lineage().verify(report.runId(),
                    store.marketData().findByProduct(p.id(), Instant.EPOCH, Instant.MAX).iterator());
            assertThat(changed.matches()).isFalse();
            assertThat(changed.toString()).contains("does not match");
            assertThatThrownBy(() -> store.lineage().verify("nope", List.of().iterator()))
                    .isInstanceOf(NoSuchEntityException.class);
        }
    }
}
