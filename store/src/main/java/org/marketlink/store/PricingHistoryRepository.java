package org.marketlink.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.marketlink.core.Checks;
import org.marketlink.core.UnableToWriteException;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.Copy;
import org.marketlink.store.internal.DatabaseErrors;
import org.marketlink.store.internal.Rows;
import org.marketlink.store.internal.StoreContext;
import org.marketlink.store.internal.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/** Daily sales per product and region. Thread-safe. */
public final class PricingHistoryRepository {
    private static final List<String> COLUMNS = List.of("product_id", "sale_date", "price", "quantity_sold",
            "order_count", "region");

    private final StoreContext ctx;
    private final Table<PricingHistory> table;

    PricingHistoryRepository(StoreContext ctx) {
        this.ctx = ctx;
        this.table = new Table<>(ctx.dialect(), "pricing_history", "pricing history row", COLUMNS, List.of(),
                List.of("product_id", "sale_date", "region"), List.of(),
                PricingHistoryRepository::bind, (rs, c) -> map(rs),
                p -> p.productId() + "\u0000" + p.saleDate() + "\u0000" + p.region());
    }

    /** Inserts or updates every row on {@code (productId, saleDate, region)}, all or nothing. */
    public int upsertAll(Collection<PricingHistory> rows) {
        List<PricingHistory> sorted = table.sortedByKey(rows);
        return ctx.sql().write(table.describe(sorted.size()), true, h -> table.upsert(h, sorted));
    }

    /**
     * Appends many rows in one transaction: {@code COPY} on PostgreSQL, JDBC batches on H2. All or nothing.
     *
     * @return the number of rows loaded
     */
    public long bulkLoad(Iterator<PricingHistory> rows) {
        Checks.notNull("rows", rows);
        return ctx.sql().write("bulk load of pricing history", false, h -> {
            try {
                return ctx.dialect() == Dialect.POSTGRESQL
                        ? Copy.copy(h, "pricing_history", COLUMNS, rows, PricingHistoryRepository::format)
                        : batchInsert(h, rows);
            } catch (SQLException e) {
                throw new UnableToWriteException("could not bulk load pricing history: " + DatabaseErrors.describe(e),
                        DatabaseErrors.withheld(e));
            }
        });
    }

    private long batchInsert(Handle h, Iterator<PricingHistory> rows) {
        String sql = ctx.dialect().insert("pricing_history", COLUMNS, List.of());
        long total = 0;
        int size = ctx.options().bulkBatchSize();
        PreparedBatch batch = h.prepareBatch(sql);
        while (rows.hasNext()) {
            PricingHistory row = rows.next();
            if (row == null) {
                throw new IllegalArgumentException("bulk load of pricing history: row " + (total + 1) + " is null");
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

    /** A product's history with {@code from <= saleDate <= to}, oldest first. */
    public List<PricingHistory> findByProduct(UUID productId, LocalDate from, LocalDate to) {
        Checks.notNull("productId", productId);
        Checks.notNull("from", from);
        Checks.notNull("to", to);
        return ctx.sql().read("pricing history of product " + productId, h ->
                h.createQuery("SELECT * FROM pricing_history WHERE product_id = :p AND sale_date >= :from "
                                + "AND sale_date <= :to ORDER BY sale_date, region")
                        .bind("p", Args.uuid(productId)).bind("from", Args.date(from)).bind("to", Args.date(to))
                        .map(table.mapper()).list());
    }

    /** The number of daily sales rows. */
    public long count() {
        return ctx.sql().read("pricing history count", h ->
                h.createQuery("SELECT COUNT(*) FROM pricing_history").mapTo(Long.class).one());
    }

    private static void format(PricingHistory p, Copy.Line line) {
        line.uuid(p.productId()).date(p.saleDate()).decimal(p.price()).decimal(p.quantitySold())
                .int4(p.orderCount()).text(p.region());
    }

    private static void bind(PricingHistory p, SqlStatement<?> s) {
        s.bind("product_id", Args.uuid(p.productId()))
                .bind("sale_date", Args.date(p.saleDate()))
                .bind("price", Args.decimal(p.price()))
                .bind("quantity_sold", Args.decimal(p.quantitySold()))
                .bind("order_count", p.orderCount())
                .bind("region", p.region());
    }

    private static PricingHistory map(ResultSet rs) throws SQLException {
        return new PricingHistory(Rows.uuid(rs, "product_id"), Rows.date(rs, "sale_date"), rs.getBigDecimal("price"),
                rs.getBigDecimal("quantity_sold"), rs.getInt("order_count"), rs.getString("region"));
    }
}
