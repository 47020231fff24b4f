package org.marketlink.store;

import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.marketlink.core.Checks;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Sink;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.Rows;
import org.marketlink.store.internal.StoreContext;
import org.marketlink.store.internal.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Demand forecasts per product and period. A newer forecast for the same period replaces the older. Thread-safe. */
public final class DemandForecastRepository {
    private final StoreContext ctx;
    private final Table<DemandForecast> table;

    DemandForecastRepository(StoreContext ctx) {
        this.ctx = ctx;
        this.table = new Table<>(ctx.dialect(), "demand_forecasts", "demand forecast",
                List.of("product_id", "forecast_date", "period_days", "predicted_demand", "lower_bound",
                        "upper_bound", "model_used", "generated_at"),
                List.of(), List.of("product_id", "forecast_date", "period_days"), List.of(),
                DemandForecastRepository::bind, (rs, c) -> map(rs),
                f -> f.productId() + "\u0000" + f.forecastDate() + "\u0000" + f.periodDays());
    }

    /**
     * Inserts or replaces every forecast on {@code (productId, forecastDate, periodDays)}, all or nothing. The
     * forecasts belong to no run: a replaced forecast loses the run id it had.
     */
    public int upsertAll(Collection<DemandForecast> forecasts) {
        return upsertAll(forecasts, null);
    }

    /**
     * As {@link #upsertAll(Collection)}, recording {@code runId} (a pipeline run whose lineage the host records) as the
     * run that wrote them; null for none.
     */
    public int upsertAll(Collection<DemandForecast> forecasts, String runId) {
        List<DemandForecast> sorted = table.sortedByKey(forecasts);
        return ctx.sql().write(table.describe(sorted.size()), true, h -> {
            int n = table.upsert(h, sorted);
            if (!sorted.isEmpty()) {
                PreparedBatch run = h.prepareBatch("UPDATE demand_forecasts SET run_id = :run WHERE product_id = :p "
                        + "AND forecast_date = :d AND period_days = :k");
                for (DemandForecast f : sorted) {
                    run.bind("run", runId).bind("p", Args.uuid(f.productId())).bind("d", Args.date(f.forecastDate()))
                            .bind("k", f.periodDays()).add();
                }
                run.execute();
            }
            return n;
        });
    }

    /**
     * A sink that writes each chunk's forecasts with the run's id, so that every stored forecast can be traced to its
     * run's lineage. Retried chunks write the same rows over themselves.
     */
    public Sink<DemandForecast> sink() {
        return new Sink<>() {
            @Override
            public String name() {
                return "demand_forecasts";
            }

            @Override
            public void write(ChunkKey chunk, List<DemandForecast> rows) {
                upsertAll(rows, chunk.runId());
            }
        };
    }

    /** The run that wrote a forecast, when it was written by one. */
    public Optional<String> runOf(UUID productId, LocalDate date, int periodDays) {
        return ctx.sql().read("run of a forecast of product " + productId, h -> h.createQuery("SELECT run_id FROM "
                        + "demand_forecasts WHERE product_id = :p AND forecast_date = :d AND period_days = :k")
                .bind("p", Args.uuid(productId)).bind("d", Args.date(date)).bind("k", periodDays).mapTo(String.class)
                .findOne());
    }

    /** A product's forecasts with {@code from <= forecastDate <= to}, by date then period. */
    public List<DemandForecast> findByProduct(UUID productId, LocalDate from, LocalDate to) {
        Checks.notNull("productId", productId);
        return ctx.sql().read("forecasts of product " + productId, h ->
                h.createQuery("SELECT * FROM demand_forecasts WHERE product_id = :p AND forecast_date >= :from "
                                + "AND forecast_date <= :to ORDER BY forecast_date, period_days")
                        .bind("p", Args.uuid(productId)).bind("from", Args.date(from)).bind("to", Args.date(to))
                        .map(table.mapper()).list());
    }

    /** The forecast of a product for one date and period length. */
    public Optional<DemandForecast> find(UUID productId, LocalDate date, int periodDays) {
        return ctx.sql().read("forecast of product " + productId, h ->
                h.createQuery("SELECT * FROM demand_forecasts WHERE product_id = :p AND forecast_date = :d "
                                + "AND period_days = :n")
                        .bind("p", Args.uuid(productId)).bind("d", Args.date(date)).bind("n", periodDays)
                        .map(table.mapper()).findOne());
    }

    /** Every forecast made for one date, by product. */
    public List<DemandForecast> findByDate(LocalDate date) {
        return ctx.sql().read("forecasts for " + date, h ->
                h.createQuery("SELECT * FROM demand_forecasts WHERE forecast_date = :d ORDER BY product_id, "
                        + "period_days").bind("d", Args.date(date)).map(table.mapper()).list());
    }

    /** The number of stored forecasts. */
    public long count() {
        return ctx.sql().read("forecast count", h ->
                h.createQuery("SELECT COUNT(*) FROM demand_forecasts").mapTo(Long.class).one());
    }

    private static void bind(DemandForecast f, SqlStatement<?> s) {
        s.bind("product_id", Args.uuid(f.productId()))
                .bind("forecast_date", Args.date(f.forecastDate()))
                .bind("period_days", f.periodDays())
                .bind("predicted_demand", f.predictedDemand())
                .bind("lower_bound", f.lowerBound())
                .bind("upper_bound", f.upperBound())
                .bind("model_used", f.modelUsed())
                .bind("generated_at", Args.timestamp(f.generatedAt()));
    }

    private static DemandForecast map(ResultSet rs) throws SQLException {
        return new DemandForecast(Rows.uuid(rs, "product_id"), Rows.date(rs, "forecast_date"),
                rs.getInt("period_days"), rs.getDouble("predicted_demand"), rs.getDouble("lower_bound"),
                rs.getDouble("upper_bound"), rs.getString("model_used"), Rows.instant(rs, "generated_at"));
    }
}
