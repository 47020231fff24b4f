package org.marketlink.store;

import org.jdbi.v3.core.statement.SqlStatement;
import org.marketlink.core.Checks;
import org.marketlink.core.model.OrderReturn;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.Rows;
import org.marketlink.store.internal.StoreContext;
import org.marketlink.store.internal.Table;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Units buyers sent back, per order and product, in {@code order_returns}. A return goes with its order: deleting
 * or erasing the order deletes it. Thread-safe.
 */
public final class OrderReturnRepository {
    private static final List<String> COLUMNS = List.of("order_id", "product_id", "quantity", "returned_at",
            "reason");

    private final StoreContext ctx;
    private final Table<OrderReturn> table;

    OrderReturnRepository(StoreContext ctx) {
        this.ctx = ctx;
        this.table = new Table<>(ctx.dialect(), "order_returns", "order return", COLUMNS, List.of(),
                List.of("order_id", "product_id"), List.of(), OrderReturnRepository::bind, (rs, c) -> map(rs),
                r -> r.orderId() + "\u0000" + r.productId());
    }

    /**
     * Inserts or replaces each return on {@code (orderId, productId)}, all or nothing.
     *
     * @throws org.marketlink.core.UnableToWriteException when an order or a product does not exist
     */
    public int upsertAll(Collection<OrderReturn> returns) {
        List<OrderReturn> sorted = table.sortedByKey(returns);
        return ctx.sql().write(table.describe(sorted.size()), true, h -> table.upsert(h, sorted));
    }

    /** The returns from one order, by product. */
    public List<OrderReturn> findByOrder(UUID orderId) {
        Checks.notNull("orderId", orderId);
        return ctx.sql().read("returns of order " + orderId, h -> h.createQuery(table.selectAll()
                        + " WHERE order_id = :id ORDER BY product_id").bind("id", Args.uuid(orderId))
                .map(table.mapper()).list());
    }

    /**
     * The units returned with {@code from <= returnedAt < to}, by product; products without returns are absent.
     * {@code Instant.MIN} and {@code Instant.MAX} may be used as open bounds.
     */
    public Map<UUID, BigDecimal> unitsByProduct(Instant from, Instant to) {
        Checks.notNull("from", from);
        Checks.notNull("to", to);
        return ctx.sql().read("returns by product", h -> {
            Map<UUID, BigDecimal> out = new LinkedHashMap<>();
            h.createQuery("SELECT product_id, SUM(quantity) AS units FROM order_returns WHERE returned_at >= :from "
                            + "AND returned_at < :to GROUP BY product_id ORDER BY product_id")
                    .bind("from", Args.timestampBound(from)).bind("to", Args.timestampBound(to))
                    .map((rs, c) -> out.put(Rows.uuid(rs, "product_id"), rs.getBigDecimal("units"))).list();
            return out;
        });
    }

    /** The number of returns. */
    public long count() {
        return ctx.sql().read("return count", h ->
                h.createQuery("SELECT COUNT(*) FROM order_returns").mapTo(Long.class).one());
    }

    private static void bind(OrderReturn r, SqlStatement<?> s) {
        s.bind("order_id", Args.uuid(r.orderId())).bind("product_id", Args.uuid(r.productId()))
                .bind("quantity", Args.decimal(r.quantity())).bind("returned_at", Args.timestamp(r.returnedAt()))
                .bind("reason", r.reason());
    }

    private static OrderReturn map(ResultSet rs) throws SQLException {
        return new OrderReturn(Rows.uuid(rs, "order_id"), Rows.uuid(rs, "product_id"), rs.getBigDecimal("quantity"),
                Rows.instant(rs, "returned_at"), rs.getString("reason"));
    }
}
