package org.marketlink.store;

import org.jdbi.v3.core.statement.SqlStatement;
import org.marketlink.core.Checks;
import org.marketlink.core.NoSuchEntityException;
import org.marketlink.core.model.Product;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.EntityCache;
import org.marketlink.store.internal.Rows;
import org.marketlink.store.internal.StoreContext;
import org.marketlink.store.internal.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Products of the producer groups. Look-ups by id go through the catalog cache. Thread-safe. */
public final class ProductRepository {
    private final StoreContext ctx;
    private final Table<Product> table;
    private final EntityCache<Product> cache;

    ProductRepository(StoreContext ctx, EntityCache<Product> cache) {
        this.ctx = ctx;
        this.cache = cache;
        this.table = new Table<>(ctx.dialect(), "products", "product",
                List.of("id", "shg_id", "name", "category", "description", "unit", "unit_price", "cost_price",
                        "images", "certifications", "shelf_life_days", "minimum_order_quantity",
                        "available_quantity", "sustainability_score", "created_at", "updated_at"),
                List.of("images", "certifications"),
                List.of("shg_id", "name"),
                List.of("id", "created_at"),
                ProductRepository::bind, (rs, c) -> map(rs), p -> p.shgId() + "\u0000" + p.name());
    }

    /** Inserts a new product; a duplicate id or natural key, or a missing group, fails. */
    public void insert(Product product) {
        Checks.notNull("product", product);
        ctx.sql().write("product " + product.id(), false, h -> {
            table.insert(h, product);
            return null;
        });
        cache.invalidate(product.id());
    }

    /**
     * Inserts or updates every product on its natural key {@code (shgId, name)}, all or nothing; an existing
     * row keeps its id and creation time.
     */
    public int upsertAll(Collection<Product> products) {
        List<Product> rows = table.sortedByKey(products);
        int n = ctx.sql().write(table.describe(rows.size()), true, h -> table.upsert(h, rows));
        cache.invalidate(rows.stream().map(Product::id).toList());
        cache.invalidateAll();
        return n;
    }

    /** The product with {@code id}, from the cache when it is there. */
    public Optional<Product> findById(UUID id) {
        Checks.notNull("id", id);
        return cache.get(id, key -> ctx.sql().read("product " + key, h ->
                h.createQuery("SELECT * FROM products WHERE id = :id").bind("id", Args.uuid(key))
                        .map(table.mapper()).findOne()));
    }

    /** @throws NoSuchEntityException when there is no product with this id */
    public Product get(UUID id) {
        return findById(id).orElseThrow(() -> new NoSuchEntityException("product", id));
    }

    /** The products of group {@code shgId}, by name. */
    public List<Product> findByShg(UUID shgId) {
        return ctx.sql().read("products of shg " + shgId, h ->
                h.createQuery("SELECT * FROM products WHERE shg_id = :shg ORDER BY name")
                        .bind("shg", Args.uuid(shgId)).map(table.mapper()).list());
    }

    /** The products in {@code category} (matched without regard to case or surrounding spaces), by name. */
    public List<Product> findByCategory(String category) {
        return ctx.sql().read("products of category " + category, h ->
                h.createQuery("SELECT * FROM products WHERE category = :category ORDER BY name, id")
                        .bind("category", category.strip().toLowerCase(Locale.ROOT))
                        .map(table.mapper()).list());
    }

    /** Every product, by name. */
    public List<Product> findAll() {
        return ctx.sql().read("all products", h ->
                h.createQuery("SELECT * FROM products ORDER BY name, id").map(table.mapper()).list());
    }

    /** The number of products. */
    public long count() {
        return ctx.sql().read("product count", h ->
                h.createQuery("SELECT COUNT(*) FROM products").mapTo(Long.class).one());
    }

    private static void bind(Product p, SqlStatement<?> s) {
        s.bind("id", Args.uuid(p.id()))
                .bind("shg_id", Args.uuid(p.shgId()))
                .bind("name", p.name())
                .bind("category", p.category())
                .bind("description", p.description())
                .bind("unit", p.unit())
                .bind("unit_price", Args.decimal(p.unitPrice()))
                .bind("cost_price", Args.decimal(p.costPrice()))
                .bind("images", Rows.toJson(p.images()))
                .bind("certifications", Rows.toJson(p.certifications()))
                .bind("shelf_life_days", p.shelfLifeDays())
                .bind("minimum_order_quantity", p.minimumOrderQuantity())
                .bind("available_quantity", p.availableQuantity())
                .bind("sustainability_score", p.sustainabilityScore())
                .bind("created_at", Args.timestamp(p.createdAt()))
                .bind("updated_at", Args.timestamp(p.updatedAt()));
    }

    private static Product map(ResultSet rs) throws SQLException {
        return new Product(Rows.uuid(rs, "id"), Rows.uuid(rs, "shg_id"), rs.getString("name"),
                rs.getString("category"), rs.getString("description"), rs.getString("unit"),
                rs.getBigDecimal("unit_price"), rs.getBigDecimal("cost_price"), Rows.strings(rs, "images"),
                Rows.strings(rs, "certifications"), rs.getInt("shelf_life_days"),
                rs.getInt("minimum_order_quantity"), rs.getInt("available_quantity"),
                rs.getDouble("sustainability_score"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
