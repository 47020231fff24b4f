package org.marketlink.store;

import org.jdbi.v3.core.statement.SqlStatement;
import org.marketlink.core.Checks;
import org.marketlink.core.NoSuchEntityException;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.PaymentTerms;
import org.marketlink.core.model.Range;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.Binds;
import org.marketlink.store.internal.EntityCache;
import org.marketlink.store.internal.Rows;
import org.marketlink.store.internal.StoreContext;
import org.marketlink.store.internal.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Buyers. Look-ups by id go through the catalog cache. Thread-safe. */
public final class BuyerRepository {
    private final StoreContext ctx;
    private final Table<Buyer> table;
    private final EntityCache<Buyer> cache;

    BuyerRepository(StoreContext ctx, EntityCache<Buyer> cache) {
        this.ctx = ctx;
        this.cache = cache;
        this.table = new Table<>(ctx.dialect(), "buyers", "buyer",
                List.of("id", "name", "type", "place", "region", "country", "latitude", "longitude",
                        "category_preferences", "quality_requirements", "order_volume_min", "order_volume_max",
                        "price_min", "price_max", "certifications_required", "payment_terms", "rating",
                        "created_at", "updated_at"),
                List.of("category_preferences", "quality_requirements", "certifications_required"),
                List.of("name", "region"),
                List.of("id", "created_at"),
                BuyerRepository::bind, (rs, c) -> map(rs), b -> b.name() + "\u0000" + b.location().region());
    }

    /**
     * Inserts a new buyer; {@link org.marketlink.core.MarketLinkException} if its id is taken or a value does not fit
     * its column.
     */
    public void insert(Buyer buyer) {
        Checks.notNull("buyer", buyer);
        ctx.sql().write("buyer " + buyer.id(), false, h -> {
            table.insert(h, buyer);
            return null;
        });
        cache.invalidate(buyer.id());
    }

    /** Inserts or updates every buyer on its natural key {@code (name, region)}, all or nothing. */
    public int upsertAll(Collection<Buyer> buyers) {
        List<Buyer> rows = table.sortedByKey(buyers);
        int n = ctx.sql().write(table.describe(rows.size()), true, h -> table.upsert(h, rows));
        cache.invalidate(rows.stream().map(Buyer::id).toList());
        cache.invalidateAll();
        return n;
    }

    /** The buyer with {@code id}, from the cache when it is there. */
    public Optional<Buyer> findById(UUID id) {
        Checks.notNull("id", id);
        return cache.get(id, key -> ctx.sql().read("buyer " + key, h ->
                h.createQuery("SELECT * FROM buyers WHERE id = :id").bind("id", Args.uuid(key))
                        .map(table.mapper()).findOne()));
    }

    /** @throws NoSuchEntityException when there is no buyer with this id */
    public Buyer get(UUID id) {
        return findById(id).orElseThrow(() -> new NoSuchEntityException("buyer", id));
    }

    /** The buyers of {@code type}, by name and region. */
    public List<Buyer> findByType(BuyerType type) {
        Checks.notNull("type", type);
        return ctx.sql().read("buyers of type " + type, h ->
                h.createQuery("SELECT * FROM buyers WHERE type = :type ORDER BY name, region")
                        .bind("type", type.name()).map(table.mapper()).list());
    }

    /** Every buyer, by name and region. */
    public List<Buyer> findAll() {
        return ctx.sql().read("all buyers", h ->
                h.createQuery("SELECT * FROM buyers ORDER BY name, region").map(table.mapper()).list());
    }

    /** The number of buyers. */
    public long count() {
        return ctx.sql().read("buyer count", h ->
                h.createQuery("SELECT COUNT(*) FROM buyers").mapTo(Long.class).one());
    }

    private static void bind(Buyer b, SqlStatement<?> s) {
        s.bind("id", Args.uuid(b.id()))
                .bind("name", b.name())
                .bind("type", b.type().name())
                .bind("category_preferences", Rows.toJson(b.categoryPreferences()))
                .bind("quality_requirements", Rows.toJson(b.qualityRequirements()))
                .bind("order_volume_min", b.orderVolume().min().longValue())
                .bind("order_volume_max", b.orderVolume().max().longValue())
                .bind("price_min", Args.decimal(b.priceRange().min()))
                .bind("price_max", Args.decimal(b.priceRange().max()))
                .bind("certifications_required", Rows.toJson(b.certificationsRequired()))
                .bind("payment_terms", b.paymentTerms().name())
                .bind("rating", b.rating())
                .bind("created_at", Args.timestamp(b.createdAt()))
                .bind("updated_at", Args.timestamp(b.updatedAt()));
        Binds.location(s, b.location());
    }

    private static Buyer map(ResultSet rs) throws SQLException {
        return new Buyer(Rows.uuid(rs, "id"), rs.getString("name"), BuyerType.valueOf(rs.getString("type")),
                Rows.location(rs), Rows.strings(rs, "category_preferences"),
                Rows.numbers(rs, "quality_requirements"),
                Range.of(rs.getLong("order_volume_min"), rs.getLong("order_volume_max")),
                Range.of(rs.getBigDecimal("price_min"), rs.getBigDecimal("price_max")),
                Rows.strings(rs, "certifications_required"), PaymentTerms.valueOf(rs.getString("payment_terms")),
                rs.getDouble("rating"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
