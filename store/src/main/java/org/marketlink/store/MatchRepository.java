package org.marketlink.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.marketlink.core.Checks;
import org.marketlink.core.NoSuchEntityException;
import org.marketlink.core.model.IllegalTransitionException;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.Rows;
import org.marketlink.store.internal.StoreContext;
import org.marketlink.store.internal.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Matches between producer groups and buyers, unique per pair. Thread-safe. */
public final class MatchRepository {
    private final StoreContext ctx;
    private final Table<Match> table;

    MatchRepository(StoreContext ctx) {
        this.ctx = ctx;
        this.table = new Table<>(ctx.dialect(), "matches", "match",
                List.of("id", "shg_id", "buyer_id", "product_id", "score", "status", "initial_message",
                        "last_interaction", "metadata", "created_at"),
                List.of("metadata"),
                List.of("shg_id", "buyer_id"),
                List.of("id", "created_at"),
                MatchRepository::bind, (rs, c) -> map(rs), m -> m.shgId() + "\u0000" + m.buyerId());
    }

    /** Inserts a new match; {@link org.marketlink.core.MarketLinkException} if its id is taken. */
    public void insert(Match match) {
        Checks.notNull("match", match);
        ctx.sql().write("match " + match.id(), false, h -> {
            table.insert(h, match);
            return null;
        });
    }

    /**
     * Inserts or updates every match on its natural key {@code (shgId, buyerId)}, all or nothing. The life cycle holds here too: a stored match
     * keeps its state unless the incoming one is a move it allows, so a final match (completed, declined) is never
     * reset by an upsert.
     *
     * @throws IllegalTransitionException naming both states when an incoming match would break the life cycle
     */
    public int upsertAll(Collection<Match> matches) {
        List<Match> rows = table.sortedByKey(matches);
        return ctx.sql().write(table.describe(rows.size()), true, h -> {
            refuseIllegalMoves(h, rows);
            return table.upsert(h, rows);
        });
    }

    // matches are upserted on their natural key (group, buyer): the stored state is found by it, not by id
    private static void refuseIllegalMoves(Handle h, List<Match> rows) {
        for (int from = 0; from < rows.size(); from += 500) {
            List<Match> batch = rows.subList(from, Math.min(rows.size(), from + 500));
            Map<List<UUID>, MatchStatus> incoming = new HashMap<>();
            Set<UUID> groups = new HashSet<>();
            for (Match m : batch) {
                incoming.put(List.of(m.shgId(), m.buyerId()), m.status());
                groups.add(m.shgId());
            }
            List<Object> ids = new ArrayList<>(groups.size());
            groups.forEach(g -> ids.add(Args.uuid(g)));
            h.createQuery("SELECT shg_id, buyer_id, status FROM matches WHERE shg_id IN (<ids>) FOR UPDATE")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> {
                        List<UUID> key = List.of(UUID.fromString(rs.getString("shg_id")),
                                UUID.fromString(rs.getString("buyer_id")));
                        MatchStatus stored = MatchStatus.valueOf(rs.getString("status"));
                        MatchStatus next = incoming.get(key);
                        if (next != null && next != stored && !stored.canMoveTo(next)) {
                            throw new IllegalTransitionException(stored, next);
                        }
                        return key;
                    }).list();
        }
    }

    /** The match with {@code id}. */
    public Optional<Match> findById(UUID id) {
        Checks.notNull("id", id);
        return ctx.sql().read("match " + id, h -> h.createQuery("SELECT * FROM matches WHERE id = :id")
                .bind("id", Args.uuid(id)).map(table.mapper()).findOne());
    }

    /** @throws NoSuchEntityException when there is no match with this id */
    public Match get(UUID id) {
        return findById(id).orElseThrow(() -> new NoSuchEntityException("match", id));
    }

    /** Matches in one state, best score first (ties by id, so the order is stable). */
    public List<Match> findByStatus(MatchStatus status, int limit) {
        Checks.notNull("status", status);
        Checks.atLeast("limit", limit, 1);
        return ctx.sql().read("matches with status " + status, h ->
                h.createQuery("SELECT * FROM matches WHERE status = :status ORDER BY score DESC, id LIMIT :limit")
                        .bind("status", status.name()).bind("limit", limit).map(table.mapper()).list());
    }

    /** The matches of group {@code shgId}, best score first. */
    public List<Match> findByShg(UUID shgId) {
        return ctx.sql().read("matches of shg " + shgId, h ->
                h.createQuery("SELECT * FROM matches WHERE shg_id = :id ORDER BY score DESC, id")
                        .bind("id", Args.uuid(shgId)).map(table.mapper()).list());
    }

    /** The matches of buyer {@code buyerId}, best score first. */
    public List<Match> findByBuyer(UUID buyerId) {
        return ctx.sql().read("matches of buyer " + buyerId, h ->
                h.createQuery("SELECT * FROM matches WHERE buyer_id = :id ORDER BY score DESC, id")
                        .bind("id", Args.uuid(buyerId)).map(table.mapper()).list());
    }

    /**
     * Moves a stored match to {@code target}, checking the life cycle against the stored state (not a state the
     * caller remembers), and records the interaction time.
     *
     * @return the match as stored afterwards
     * @throws org.marketlink.core.model.IllegalTransitionException when the move is not allowed
     * @throws NoSuchEntityException                                 when there is no such match
     */
    public Match transition(UUID id, MatchStatus target, Instant at) {
        return ctx.sql().write("match " + id + " to " + target, false, h -> {
            Match current = h.createQuery("SELECT * FROM matches WHERE id = :id FOR UPDATE")
                    .bind("id", Args.uuid(id)).map(table.mapper()).findOne()
                    .orElseThrow(() -> new NoSuchEntityException("match", id));
            Match next = current.moveTo(target, at);
            h.createUpdate("UPDATE matches SET status = :status, last_interaction = :at WHERE id = :id")
                    .bind("status", next.status().name()).bind("at", Args.timestamp(at))
                    .bind("id", Args.uuid(id)).execute();
            return next;
        });
    }

    /** The number of matches. */
    public long count() {
        return ctx.sql().read("match count", h ->
                h.createQuery("SELECT COUNT(*) FROM matches").mapTo(Long.class).one());
    }

    private static void bind(Match m, SqlStatement<?> s) {
        s.bind("id", Args.uuid(m.id()))
                .bind("shg_id", Args.uuid(m.shgId()))
                .bind("buyer_id", Args.uuid(m.buyerId()))
                .bind("product_id", Args.uuid(m.productId().orElse(null)))
                .bind("score", m.score())
                .bind("status", m.status().name())
                .bind("initial_message", m.initialMessage())
                .bind("last_interaction", Args.timestamp(m.lastInteraction()))
                .bind("metadata", Rows.toJson(m.metadata()))
                .bind("created_at", Args.timestamp(m.createdAt()));
    }

    private static Match map(ResultSet rs) throws SQLException {
        return new Match(Rows.uuid(rs, "id"), Rows.uuid(rs, "shg_id"), Rows.uuid(rs, "buyer_id"),
                Optional.ofNullable(Rows.uuid(rs, "product_id")), rs.getDouble("score"),
                MatchStatus.valueOf(rs.getString("status")), rs.getString("initial_message"),
                Rows.instant(rs, "last_interaction"), Rows.texts(rs, "metadata"), Rows.instant(rs, "created_at"));
    }
}
