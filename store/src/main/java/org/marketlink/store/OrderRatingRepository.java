package org.marketlink.store;

import org.jdbi.v3.core.statement.SqlStatement;
import org.marketlink.core.Checks;
import org.marketlink.core.model.OrderRating;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.Rows;
import org.marketlink.store.internal.StoreContext;
import org.marketlink.store.internal.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Buyers' ratings of their orders, one per order, in {@code order_ratings}. A rating goes with its order: deleting
 * or erasing the order deletes it. Thread-safe.
 */
public final class OrderRatingRepository {
    private static final List<String> COLUMNS = List.of("order_id", "stars", "rated_at");

    private final StoreContext ctx;
    private final Table<OrderRating> table;

    OrderRatingRepository(StoreContext ctx) {
        this.ctx = ctx;
        this.table = new Table<>(ctx.dialect(), "order_ratings", "order rating", COLUMNS, List.of(),
                List.of("order_id"), List.of(), OrderRatingRepository::bind, (rs, c) -> map(rs),
                r -> r.orderId().toString());
    }

    /**
     * Inserts or replaces the rating of each order, all or nothing.
     *
     * @throws org.marketlink.core.UnableToWriteException when an order does not exist
     */
    public int upsertAll(Collection<OrderRating> ratings) {
        List<OrderRating> sorted = table.sortedByKey(ratings);
        return ctx.sql().write(table.describe(sorted.size()), true, h -> table.upsert(h, sorted));
    }

    /** The rating of one order, if it has one. */
    public Optional<OrderRating> findByOrder(UUID orderId) {
        Checks.notNull("orderId", orderId);
        return ctx.sql().read("rating of order " + orderId, h -> h.createQuery(table.selectAll()
                + " WHERE order_id = :id").bind("id", Args.uuid(orderId)).map(table.mapper()).findOne());
    }

    /**
     * The stars of the ratings given with {@code from <= ratedAt < to}, by product: an order's rating counts for
     * every product on its lines (once per product). Products without ratings are absent. {@code Instant.MIN} and
     * {@code Instant.MAX} may be used as open bounds.
     */
    public Map<UUID, List<Integer>> starsByProduct(Instant from, Instant to) {
        Checks.notNull("from", from);
        Checks.notNull("to", to);
        return ctx.sql().read("ratings by product", h -> {
            Map<UUID, List<Integer>> out = new LinkedHashMap<>();
            h.createQuery("SELECT p.product_id, r.stars FROM order_ratings r JOIN (SELECT DISTINCT order_id, "
                            + "product_id FROM order_lines) p ON p.order_id = r.order_id WHERE r.rated_at >= :from "
                            + "AND r.rated_at < :to ORDER BY p.product_id, r.rated_at, r.order_id")
                    .bind("from", Args.timestampBound(from)).bind("to", Args.timestampBound(to))
                    .map((rs, c) -> {
                        out.computeIfAbsent(Rows.uuid(rs, "product_id"), k -> new ArrayList<>())
                                .add(rs.getInt("stars"));
                        return null;
                    }).list();
            return out;
        });
    }

    /** The number of ratings. */
    public long count() {
        return ctx.sql().read("rating count", h ->
                h.createQuery("SELECT COUNT(*) FROM order_ratings").mapTo(Long.class).one());
    }

    private static void bind(OrderRating r, SqlStatement<?> s) {
        s.bind("order_id", Args.uuid(r.orderId())).bind("stars", r.stars())
                .bind("rated_at", Args.timestamp(r.ratedAt()));
    }

    private static OrderRating map(ResultSet rs) throws SQLException {
        return new OrderRating(Rows.uuid(rs, "order_id"), rs.getInt("stars"), Rows.instant(rs, "rated_at"));
    }
}
