package org.marketlink.store;

import org.jdbi.v3.core.statement.SqlStatement;
import org.marketlink.core.Checks;
import org.marketlink.core.NoSuchEntityException;
import org.marketlink.core.data.Json;
import org.marketlink.core.model.BankDetails;
import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.model.Shg;
import org.marketlink.store.crypto.Sealed;
import org.marketlink.store.crypto.UnableToDecryptException;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.Binds;
import org.marketlink.store.internal.EntityCache;
import org.marketlink.store.internal.Rows;
import org.marketlink.store.internal.StoreContext;
import org.marketlink.store.internal.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Self-help groups. Bank details are sealed with AES-256-GCM under the store's current key before they reach the
 * database, and the key id is stored beside them. Thread-safe.
 */
public final class ShgRepository {
    private static final Logger LOG = LoggerFactory.getLogger(ShgRepository.class);
    /** The encrypted field's name, bound into each ciphertext. */
    public static final String BANK_DETAILS_FIELD = "shgs.bank_details";

    /**
     * What a group's bank details are sealed to: the column and the row's natural key (name, region), which an
     * upsert never changes. Ciphertext copied into another group's row does not open there.
     */
    static String bankField(String name, String region) {
        return BANK_DETAILS_FIELD + "/" + name.length() + ":" + name + "/" + region;
    }

    private final StoreContext ctx;
    private final Table<Shg> table;
    private final EntityCache<Shg> cache;

    ShgRepository(StoreContext ctx, EntityCache<Shg> cache) {
        this.ctx = ctx;
        this.cache = cache;
        this.table = new Table<>(ctx.dialect(), "shgs", "shg",
                List.of("id", "name", "place", "region", "country", "latitude", "longitude", "category",
                        "member_count", "monthly_capacity", "certifications", "quality_metrics", "contact_person",
                        "contact_phone", "contact_email", "bank_details", "bank_key_id", "created_at", "updated_at"),
                List.of("certifications", "quality_metrics"),
                List.of("name", "region"),
                List.of("id", "created_at"),
                this::bind, (rs, c) -> map(rs), s -> s.name() + '\u0000' + s.location().region());
    }

    /**
     * Inserts a new group.
     *
     * @throws org.marketlink.core.UnableToWriteException when its id or natural key exists already
     */
    public void insert(Shg shg) {
        Checks.notNull("shg", shg);
        ctx.sql().write("shg " + shg.id(), false, h -> {
            table.insert(h, shg);
            return null;
        });
        cache.invalidate(shg.id());
    }

    /**
     * Inserts or updates every group on its natural key {@code (name, region)}, all or nothing. An existing row
     * keeps its id and creation time. Running the same batch twice leaves the same rows.
     *
     * @return the number of groups written
     */
    public int upsertAll(Collection<Shg> shgs) {
        List<Shg> rows = table.sortedByKey(shgs);
        int n = ctx.sql().write(table.describe(rows.size()), true, h -> table.upsert(h, rows));
        cache.invalidate(rows.stream().map(Shg::id).toList());
        cache.invalidateAll();
        return n;
    }

    /** The group with this id, through the catalog cache. */
    public Optional<Shg> findById(UUID id) {
        Checks.notNull("id", id);
        return cache.get(id, key -> ctx.sql().read("shg " + key, h ->
                h.createQuery("SELECT * FROM shgs WHERE id = :id").bind("id", Args.uuid(key))
                        .map(table.mapper()).findOne()));
    }

    /**
     * The group with this id.
     *
     * @throws NoSuchEntityException when there is none
     */
    public Shg get(UUID id) {
        return findById(id).orElseThrow(() -> new NoSuchEntityException("shg", id));
    }

    /** The group with this natural key. */
    public Optional<Shg> findByNaturalKey(String name, String region) {
        return ctx.sql().read("shg " + name, h ->
                h.createQuery("SELECT * FROM shgs WHERE name = :name AND region = :region")
                        .bind("name", name).bind("region", region).map(table.mapper()).findOne());
    }

    /**
     * Groups of one category, by name. A group whose bank details cannot be opened comes back without them (see
     * {@link #findAll()}).
     */
    public List<Shg> findByCategory(String category) {
        return ctx.sql().read("shgs of category " + category, h ->
                h.createQuery("SELECT * FROM shgs WHERE category = :category ORDER BY name, region")
                        .bind("category", category.strip().toLowerCase(Locale.ROOT))
                        .map((rs, c) -> map(rs, false)).list());
    }

    /**
     * Every group, by name. Meant for modest catalogs; page through larger ones by category.
     *
     * <p>One row whose bank details cannot be opened (a missing key, altered or copied ciphertext) does not hide
     * every other group: that group comes back with its bank details empty, as "not known", and a warning naming
     * only its id is logged. Reading it by {@link #get(UUID)} throws {@link UnableToDecryptException}.
     */
    public List<Shg> findAll() {
        return ctx.sql().read("all shgs", h ->
                h.createQuery("SELECT * FROM shgs ORDER BY name, region").map((rs, c) -> map(rs, false)).list());
    }

    /** The number of producer groups. */
    public long count() {
        return ctx.sql().read("shg count", h -> h.createQuery("SELECT COUNT(*) FROM shgs").mapTo(Long.class).one());
    }

    /**
     * Re-encrypts, in batches of {@code batchSize} rows each in its own transaction, the bank details still
     * sealed under a key other than the current one. Old keys must stay available until this returns.
     *
     * @return the number of rows re-encrypted
     */
    public int rotateBankDetailsKey(int batchSize) {
        Checks.atLeast("batchSize", batchSize, 1);
        String current = ctx.cipher().keys().currentKeyId();
        int total = 0;
        while (true) {
            int done = ctx.sql().write("bank details key rotation", false, h -> {
                List<UUID> ids = h.createQuery("SELECT id FROM shgs WHERE bank_key_id IS NOT NULL "
                                + "AND bank_key_id <> :current ORDER BY id LIMIT " + batchSize)
                        .bind("current", current).map((rs, c) -> Rows.uuid(rs, "id")).list();
                int n = 0;
                for (UUID id : ids) {
                    String[] field = new String[1];
                    var row = h.createQuery("SELECT name, region, bank_details, bank_key_id FROM shgs WHERE id = :id "
                                    + "FOR UPDATE")
                            .bind("id", Args.uuid(id))
                            .map((rs, c) -> {
                                field[0] = bankField(rs.getString("name"), rs.getString("region"));
                                return new Sealed(rs.getString("bank_key_id"), rs.getBytes("bank_details"));
                            })
                            .one();
                    byte[] plain = ctx.cipher().open(field[0], row);
                    Sealed resealed = ctx.cipher().seal(field[0], plain);
                    Arrays.fill(plain, (byte) 0);
                    n += h.createUpdate("UPDATE shgs SET bank_details = :bytes, bank_key_id = :key WHERE id = :id")
                            .bind("bytes", Args.bytes(resealed.ciphertext())).bind("key", resealed.keyId())
                            .bind("id", Args.uuid(id)).execute();
                }
                return n;
            });
            total += done;
            if (done < batchSize) {
                cache.invalidateAll();
                return total;
            }
        }
    }

    private void bind(Shg s, SqlStatement<?> st) {
        st.bind("id", Args.uuid(s.id()))
                .bind("name", s.name())
                .bind("category", s.category())
                .bind("member_count", s.memberCount())
                .bind("monthly_capacity", s.monthlyCapacity())
                .bind("certifications", Rows.toJson(s.certifications()))
                .bind("quality_metrics", Rows.toJson(s.qualityMetrics()))
                .bind("contact_person", s.contact().person())
                .bind("contact_phone", s.contact().phone())
                .bind("contact_email", s.contact().email())
                .bind("created_at", Args.timestamp(s.createdAt()))
                .bind("updated_at", Args.timestamp(s.updatedAt()));
        Binds.location(st, s.location());
        if (s.bankDetails().isPresent()) {
            Sealed sealed = ctx.cipher().sealText(bankField(s.name(), s.location().region()),
                    Json.write(s.bankDetails().get()));
            st.bind("bank_details", Args.bytes(sealed.ciphertext())).bind("bank_key_id", sealed.keyId());
        } else {
            st.bind("bank_details", Args.bytes(null)).bind("bank_key_id", Args.text(null));
        }
    }

    private Shg map(ResultSet rs) throws SQLException {
        return map(rs, true);
    }

    /**
     * The group of the current row; {@code strict} fails on bank details that do not open, otherwise they are left
     * out with a warning (lists must not fail for every group because of one).
     */
    private Shg map(ResultSet rs, boolean strict) throws SQLException {
        byte[] bank = rs.getBytes("bank_details");
        Optional<BankDetails> bankDetails = Optional.empty();
        UUID id = Rows.uuid(rs, "id");
        if (bank != null) {
            String json;
            try {
                json = ctx.cipher().openText(bankField(rs.getString("name"), rs.getString("region")),
                        new Sealed(rs.getString("bank_key_id"), bank));
                bankDetails = Optional.of(Json.read(json, BankDetails.class));
            } catch (UnableToDecryptException e) {
                if (strict) {
                    throw new UnableToDecryptException("shg " + id + ": " + e.getMessage(), e);
                }
                // the id and the key id only: the message of a decryption failure holds no plaintext either
                LOG.warn("shg {}: bank details sealed under key '{}' could not be opened; read without them",
                        id, rs.getString("bank_key_id"));
            }
        }
        return new Shg(id, rs.getString("name"), Rows.location(rs), rs.getString("category"),
                rs.getInt("member_count"), rs.getLong("monthly_capacity"), Rows.strings(rs, "certifications"),
                Rows.numbers(rs, "quality_metrics"),
                new ContactInfo(rs.getString("contact_person"), rs.getString("contact_phone"),
                        rs.getString("contact_email")),
                bankDetails, Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
