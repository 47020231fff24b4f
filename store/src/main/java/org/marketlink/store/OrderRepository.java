package org.marketlink.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.marketlink.core.Checks;
import org.marketlink.core.NoSuchEntityException;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.OrderLine;
import org.marketlink.core.model.OrderStatus;
import org.marketlink.core.model.PaymentStatus;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.Rows;
import org.marketlink.store.internal.StoreContext;
import org.marketlink.store.internal.Table;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Orders with their lines, stored in {@code orders} and {@code order_lines}. Thread-safe. */
public final class OrderRepository {
    private static final String LINE_INSERT = "INSERT INTO order_lines (order_id, line_no, product_id, quantity, "
            + "unit_price) VALUES (:order_id, :line_no, :product_id, :quantity, :unit_price)";

    private final StoreContext ctx;
    private final Table<Order> table;

    OrderRepository(StoreContext ctx) {
        this.ctx = ctx;
        this.table = new Table<>(ctx.dialect(), "orders", "order",
                List.of("id", "reference", "shg_id", "buyer_id", "total_value", "ordered_at", "delivery_date",
                        "status", "payment_status", "delivery_address", "feedback"),
                List.of(),
                List.of("reference"),
                List.of("id"),
                OrderRepository::bind, (rs, c) -> null, Order::reference);
    }

    /** Inserts a new order and its lines in one transaction. */
    public void insert(Order order) {
        Checks.notNull("order", order);
        ctx.sql().write("order " + order.reference(), false, h -> {
            table.insert(h, order);
            insertLines(h, order.id(), order.lines());
            return null;
        });
    }

    /**
     * Inserts or updates every order on its reference, with its lines replaced, all or nothing. An existing
     * order keeps its id.
     */
    public int upsertAll(Collection<Order> orders) {
        List<Order> rows = table.sortedByKey(orders);
        return ctx.sql().write(table.describe(rows.size()), true, h -> {
            table.upsert(h, rows);
            Map<String, UUID> ids = new LinkedHashMap<>();
            for (Order o : rows) {
                UUID stored = h.createQuery("SELECT id FROM orders WHERE reference = :reference")
                        .bind("reference", o.reference()).map((rs, c) -> Rows.uuid(rs, "id")).one();
                ids.put(o.reference(), stored);
            }
            PreparedBatch delete = h.prepareBatch("DELETE FROM order_lines WHERE order_id = :id");
            ids.values().forEach(id -> delete.bind("id", Args.uuid(id)).add());
            delete.execute();
            PreparedBatch insert = h.prepareBatch(LINE_INSERT);
            for (Order o : rows) {
                addLines(insert, ids.get(o.reference()), o.lines());
            }
            insert.execute();
            return rows.size();
        });
    }

    /** The order with {@code id}, with its lines. */
    public Optional<Order> findById(UUID id) {
        Checks.notNull("id", id);
        return ctx.sql().read("order " + id, h -> first(load(h, "o.id = :key", Args.uuid(id), Integer.MAX_VALUE)));
    }

    /** @throws NoSuchEntityException when there is no order with this id */
    public Order get(UUID id) {
        return findById(id).orElseThrow(() -> new NoSuchEntityException("order", id));
    }

    /** The order with the host's {@code reference}, with its lines. */
    public Optional<Order> findByReference(String reference) {
        return ctx.sql().read("order " + reference, h ->
                first(load(h, "o.reference = :key", Args.text(reference), Integer.MAX_VALUE)));
    }

    /** Orders of one producer group, newest first. */
    public List<Order> findByShg(UUID shgId, int limit) {
        return ctx.sql().read("orders of shg " + shgId, h -> load(h, "o.shg_id = :key", Args.uuid(shgId), limit));
    }

    /** Orders of one buyer, newest first. */
    public List<Order> findByBuyer(UUID buyerId, int limit) {
        return ctx.sql().read("orders of buyer " + buyerId, h ->
                load(h, "o.buyer_id = :key", Args.uuid(buyerId), limit));
    }

    /** Orders in one status, newest first. */
    public List<Order> findByStatus(OrderStatus status, int limit) {
        return ctx.sql().read("orders with status " + status, h ->
                load(h, "o.status = :key", Args.text(status.name()), limit));
    }

    /** The number of orders. */
    public long count() {
        return ctx.sql().read("order count", h -> h.createQuery("SELECT COUNT(*) FROM orders")
                .mapTo(Long.class).one());
    }

    private static Optional<Order> first(List<Order> orders) {
        return orders.isEmpty() ? Optional.empty() : Optional.of(orders.get(0));
    }

    /** Headers matching {@code where}, then their lines in one query. */
    private List<Order> load(Handle h, String where, Argument key, int limit) {
        Checks.atLeast("limit", limit, 1);
        List<Header> headers = h.createQuery("SELECT * FROM orders o WHERE " + where
                        + " ORDER BY o.ordered_at DESC, o.id LIMIT :limit")
                .bind("key", key).bind("limit", limit).map((rs, c) -> header(rs)).list();
        if (headers.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<OrderLine>> lines = new LinkedHashMap<>();
        headers.forEach(x -> lines.put(x.id, new ArrayList<>()));
        h.createQuery("SELECT l.* FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE " + where
                        + " ORDER BY l.order_id, l.line_no")
                .bind("key", key)
                .map((rs, c) -> {
                    List<OrderLine> list = lines.get(Rows.uuid(rs, "order_id"));
                    if (list != null) {
                        list.add(new OrderLine(Rows.uuid(rs, "product_id"), rs.getBigDecimal("quantity"),
                                rs.getBigDecimal("unit_price")));
                    }
                    return Boolean.TRUE;
                }).list();
        List<Order> orders = new ArrayList<>(headers.size());
        for (Header x : headers) {
            orders.add(new Order(x.id, x.reference, x.shgId, x.buyerId, lines.get(x.id), x.total, x.orderedAt,
                    Optional.ofNullable(x.deliveryDate), x.status, x.paymentStatus, x.address,
                    Optional.ofNullable(x.feedback)));
        }
        return orders;
    }

    private record Header(UUID id, String reference, UUID shgId, UUID buyerId, BigDecimal total,
                          Instant orderedAt, LocalDate deliveryDate, OrderStatus status,
                          PaymentStatus paymentStatus, String address, String feedback) {
    }

    private static Header header(ResultSet rs) throws SQLException {
        return new Header(Rows.uuid(rs, "id"), rs.getString("reference"), Rows.uuid(rs, "shg_id"),
                Rows.uuid(rs, "buyer_id"), rs.getBigDecimal("total_value"), Rows.instant(rs, "ordered_at"),
                Rows.date(rs, "delivery_date"), OrderStatus.valueOf(rs.getString("status")),
                PaymentStatus.valueOf(rs.getString("payment_status")), rs.getString("delivery_address"),
                rs.getString("feedback"));
    }

    private static void insertLines(Handle h, UUID orderId, List<OrderLine> lines) {
        PreparedBatch batch = h.prepareBatch(LINE_INSERT);
        addLines(batch, orderId, lines);
        batch.execute();
    }

    private static void addLines(PreparedBatch batch, UUID orderId, List<OrderLine> lines) {
        int no = 1;
        for (OrderLine line : lines) {
            batch.bind("order_id", Args.uuid(orderId))
                    .bind("line_no", no++)
                    .bind("product_id", Args.uuid(line.productId()))
                    .bind("quantity", Args.decimal(line.quantity()))
                    .bind("unit_price", Args.decimal(line.unitPrice()))
                    .add();
        }
    }

    private static void bind(Order o, SqlStatement<?> s) {
        s.bind("id", Args.uuid(o.id()))
                .bind("reference", o.reference())
                .bind("shg_id", Args.uuid(o.shgId()))
                .bind("buyer_id", Args.uuid(o.buyerId()))
                .bind("total_value", Args.decimal(o.totalValue()))
                .bind("ordered_at", Args.timestamp(o.orderedAt()))
                .bind("delivery_date", Args.date(o.deliveryDate().orElse(null)))
                .bind("status", o.status().name())
                .bind("payment_status", o.paymentStatus().name())
                .bind("delivery_address", o.deliveryAddress())
                .bind("feedback", Args.text(o.feedback().orElse(null)));
    }
}
