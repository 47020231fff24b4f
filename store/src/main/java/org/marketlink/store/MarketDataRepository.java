package org.marketlink.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.marketlink.core.Checks;
import org.marketlink.core.UnableToWriteException;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Trend;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.Copy;
import org.marketlink.store.internal.DatabaseErrors;
import org.marketlink.store.internal.Rows;
import org.marketlink.store.internal.StoreContext;
import org.marketlink.store.internal.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/** Market observations per product over time. Thread-safe. */
public final class MarketDataRepository {
    private static final List<String> COLUMNS = List.of("product_id", "observed_at", "price", "demand_signal",
            "competitor_count", "availability_index", "trend", "source");

    private final StoreContext ctx;
    private final Table<MarketData> table;

    MarketDataRepository(StoreContext ctx) {
        this.ctx = ctx;
        this.table = new Table<>(ctx.dialect(), "market_data", "market data row", COLUMNS, List.of(),
                List.of("product_id", "observed_at", "source"), List.of(),
                MarketDataRepository::bind, (rs, c) -> map(rs),
                m -> m.productId() + "\u0000" + m.observedAt() + "\u0000" + m.source());
    }

    /** Inserts or updates every row on {@code (productId, observedAt, source)}, all or nothing. */
    public int upsertAll(Collection<MarketData> rows) {
        List<MarketData> sorted = table.sortedByKey(rows);
        return ctx.sql().write(table.describe(sorted.size()), true, h -> table.upsert(h, sorted));
    }

    /**
     * Appends many rows in one transaction, as fast as the database allows: {@code COPY} on PostgreSQL, large
     * JDBC batches on H2. All or nothing; a row whose key exists already fails the whole load (use
     * {@link #upsertAll} for idempotent writes).
     *
     * @return the number of rows loaded
     */
    public long bulkLoad(Iterator<MarketData> rows) {
        Checks.notNull("rows", rows);
        return ctx.sql().write("bulk load of market data", false, h -> {
            try {
                return ctx.dialect() == Dialect.POSTGRESQL
                        ? Copy.copy(h, "market_data", COLUMNS, rows, MarketDataRepository::format)
                        : batchInsert(h, rows);
            } catch (SQLException e) {
                throw new UnableToWriteException("could not bulk load market data: " + DatabaseErrors.describe(e),
                        DatabaseErrors.withheld(e));
            }
        });
    }

    private long batchInsert(Handle h, Iterator<MarketData> rows) {
        String sql = ctx.dialect().insert("market_data", COLUMNS, List.of());
        long total = 0;
        int size = ctx.options().bulkBatchSize();
        PreparedBatch batch = h.prepareBatch(sql);
        while (rows.hasNext()) {
            MarketData row = rows.next();
            if (row == null) {
                throw new IllegalArgumentException("bulk load of market data: row " + (total + 1) + " is null");
            }
            bind(row, batch);
            batch.add();
            if (++total % size == 0) {
                batch.execute();
                batch = h.prepareBatch(sql);
            }
        }
        if (batch.size() > 0) {
            batch.execute();
        }
        return total;
    }

    /**
     * A product's observations with {@code from <= observedAt < to}, oldest first. {@code Instant.MIN} and
     * {@code Instant.MAX} may be used as open bounds.
     */
    public List<MarketData> findByProduct(UUID productId, Instant from, Instant to) {
        Checks.notNull("productId", productId);
        Checks.notNull("from", from);
        Checks.notNull("to", to);
        return ctx.sql().read("market data of product " + productId, h ->
                h.createQuery("SELECT * FROM market_data WHERE product_id = :p AND observed_at >= :from "
                                + "AND observed_at < :to ORDER BY observed_at, source")
                        .bind("p", Args.uuid(productId)).bind("from", Args.timestampBound(from))
                        .bind("to", Args.timestampBound(to)).map(table.mapper()).list());
    }

    /**
     * Every product's observations with {@code from <= observedAt < to}, ordered by product, time and source: the
     * input of market features over all products at once. {@code Instant.MIN} and {@code Instant.MAX} may be used
     * as open bounds.
     */
    public List<MarketData> findObservedBetween(Instant from, Instant to) {
        Checks.notNull("from", from);
        Checks.notNull("to", to);
        return ctx.sql().read("market data between " + from + " and " + to, h ->
                h.createQuery("SELECT * FROM market_data WHERE observed_at >= :from AND observed_at < :to "
                                + "ORDER BY product_id, observed_at, source")
                        .bind("from", Args.timestampBound(from)).bind("to", Args.timestampBound(to))
                        .map(table.mapper()).list());
    }

    /** The number of market observations. */
    public long count() {
        return ctx.sql().read("market data count", h ->
                h.createQuery("SELECT COUNT(*) FROM market_data").mapTo(Long.class).one());
    }

    private static void format(MarketData m, Copy.Line line) {
        line.uuid(m.productId())
                .timestamp(m.observedAt())
                .decimal(m.price())
                .float8(m.demandSignal())
                .int4(m.competitorCount())
                .float8(m.availabilityIndex())
                .text(m.trend().name())
                .text(m.source());
    }

    private static void bind(MarketData m, SqlStatement<?> s) {
        s.bind("product_id", Args.uuid(m.productId()))
                .bind("observed_at", Args.timestamp(m.observedAt()))
                .bind("price", Args.decimal(m.price()))
                .bind("demand_signal", m.demandSignal())
                .bind("competitor_count", m.competitorCount())
                .bind("availability_index", m.availabilityIndex())
                .bind("trend", m.trend().name())
                .bind("source", m.source());
    }

    private static MarketData map(ResultSet rs) throws SQLException {
        return new MarketData(Rows.uuid(rs, "product_id"), Rows.instant(rs, "observed_at"),
                rs.getBigDecimal("price"), rs.getDouble("demand_signal"), rs.getInt("competitor_count"),
                rs.getDouble("availability_index"), Trend.valueOf(rs.getString("trend")), rs.getString("source"));
    }
}
