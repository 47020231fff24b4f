package org.marketlink.store.governance;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.marketlink.core.NoSuchEntityException;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.UnableToWriteException;
import org.marketlink.core.data.Json;
import org.marketlink.store.MarketStore;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.DatabaseErrors;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Everything the store holds about one data subject (a producer group, a buyer, a customer), found through the
 * catalog's subject links: exported as JSON, or erased in one transaction. Erasing the caches' copies is the store's
 * job: call {@link MarketStore#invalidateCaches()} (done here).
 *
 * <p>The built-in catalog finds quarantined rows by the subject's key in their text (rejected input has no columns
 * to search), as a whole word: erasing customer {@code 123} erases the rows that mention {@code 123}, not those of
 * customer {@code 1234} (see {@link Dataset.SubjectLink#mentionedIn()}). Thread-safe.
 */
public final class SubjectData {
    /**
     * Identifiers looked for in one query: their conditions are OR-ed, so a subject that names itself in thousands
     * of ways (a group with thousands of orders) costs a few scans of each text table, not thousands, and no
     * identifier is left out.
     */
    private static final int IDENTIFIERS_PER_QUERY = 50;
    /** A decimal number (a coordinate, an amount): too common a value to name a subject by. */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]*[.,][0-9]+([eE][-+]?[0-9]+)?");
    private final MarketStore store;
    private final Catalog catalog;

    /** Erase and export over {@code store}, finding each subject's rows through {@code catalog}. */
    public SubjectData(MarketStore store, Catalog catalog) {
        if (store == null || catalog == null) {
            throw new IllegalArgumentException("store and catalog must not be null");
        }
        this.store = store;
        this.catalog = catalog;
    }

    /**
     * What erasing did, per table: rows deleted or anonymised.
     *
     * @param id the erase's row in the {@code erasures} table, which records kind, time and counts but not the
     *           subject; keep it beside the request that asked for the erase
     */
    public record Erasure(UUID id, String kind, String subject, Map<String, Integer> rowsByTable) {
        /** The rows erased over all tables. */
        public int total() {
            return rowsByTable.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Every row about the subject, by table, as JSON ({@code {"table": [{column: value, ...}, ...], ...}}); binary
     * values (ciphertext) in base64.
     *
     * @throws IllegalArgumentException when the catalog knows no subject of this kind
     * @throws NoSuchEntityException    when no table holds anything about the subject
     */
    public String export(String kind, String key) {
        String subject = checkedKey(kind, key);
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        try {
            store.jdbi().useHandle(h -> {
                List<String> identifiers = identifiers(h, kind, subject);
                for (Dataset d : catalog.datasets()) {
                    for (Dataset.SubjectLink link : links(d, kind)) {
                        if (link.action() == Dataset.EraseAction.REFUSE) {
                            continue; // other subjects' rows that depend on this one: not its data
                        }
                        List<Map<String, Object>> rows = link.byMentions()
                                ? mentioning(h, d, link, identifiers).stream().map(Mention::row).toList()
                                : bind(h.createQuery("SELECT * FROM " + d.name() + " WHERE " + link.where()), subject)
                                        .map((rs, ctx) -> row(rs)).list();
                        if (!rows.isEmpty()) {
                            out.computeIfAbsent(d.name(), k -> new ArrayList<>()).addAll(rows);
                        }
                    }
                }
            });
        } catch (JdbiException e) {
            throw new UnableToReadException("could not export " + kind + " " + subject + ": "
                    + DatabaseErrors.describe(e), DatabaseErrors.withheld(e));
        }
        if (out.isEmpty()) {
            throw new NoSuchEntityException(kind, subject);
        }
        return Json.write(out);
    }

    /**
     * Erases the subject from every table the catalog links to it, in catalog order, in one transaction: all of it
     * or (on any error) none of it.
     *
     * @throws IllegalArgumentException when the catalog knows no subject of this kind
     * @throws NoSuchEntityException    when no table held anything about the subject (nothing is changed)
     * @throws ErasureRefusedException  when other subjects' rows depend on this one (a {@code REFUSE} link found
     *                                  rows); the message names the tables and counts, and nothing is changed
     */
    public Erasure erase(String kind, String key) {
        String subject = checkedKey(kind, key);
        Map<String, Integer> counts = new LinkedHashMap<>();
        UUID id = UUID.randomUUID();
        try {
            store.jdbi().useTransaction(h -> {
                refuseWhenOthersDependOn(h, kind, subject);
                // read before anything is deleted: the rows that name the subject go first
                List<String> identifiers = identifiers(h, kind, subject);
                for (Dataset d : catalog.datasets()) {
                    for (Dataset.SubjectLink link : links(d, kind)) {
                        if (link.action() == Dataset.EraseAction.REFUSE) {
                            continue;
                        }
                        int n = 0;
                        if (link.byMentions()) {
                            n = eraseMentions(h, d, link, identifiers);
                        } else {
                            n = bind(h.createUpdate(statement(d, link)), subject).execute();
                        }
                        if (n > 0) {
                            counts.merge(d.name(), n, Integer::sum);
                        }
                    }
                }
                if (counts.isEmpty()) {
                    throw new NoSuchEntityException(kind, subject);
                }
                // the audit row, in the same transaction: that an erase happened, never whom it was about
                h.createUpdate("INSERT INTO erasures (id, kind, erased_at, rows_by_table) VALUES (:id, :kind, :at, "
                                + ":rows)")
                        .bind("id", Args.uuid(id)).bind("kind", kind).bind("at", Args.timestamp(Instant.now()))
                        .bind("rows", Json.write(counts)).execute();
            });
        } catch (JdbiException e) {
            throw new UnableToWriteException("could not erase " + kind + " " + subject + "; nothing was erased: "
                    + DatabaseErrors.describe(e), DatabaseErrors.withheld(e));
        }
        store.invalidateCaches();
        return new Erasure(id, kind, subject, counts);
    }

    /**
     * Everything that names the subject in free text, for the links by mention (quarantined rows have no columns):
     * its key, and from the rows its direct links find, their ids, names and references and the values of their
     * personal columns (a contact's name, phone and e-mail; a product's id). Short values and plain numbers are left
     * out, since they would also name others (a region, a price).
     */
    private List<String> identifiers(Handle h, String kind, String subject) {
        Set<String> found = new LinkedHashSet<>();
        found.add(subject);
        for (Dataset d : catalog.datasets()) {
            Set<String> personal = new HashSet<>();
            for (Dataset.Column c : d.columns()) {
                if (c.pii() && !c.encrypted()) {
                    personal.add(c.name().toLowerCase(Locale.ROOT));
                }
            }
            personal.addAll(List.of("id", "name", "reference"));
            for (Dataset.SubjectLink link : links(d, kind)) {
                if (link.byMentions() || link.action() == Dataset.EraseAction.REFUSE) {
                    continue;
                }
                for (Map<String, Object> r : bind(h.createQuery("SELECT * FROM " + d.name() + " WHERE "
                        + link.where()), subject).mapToMap().list()) {
                    for (Map.Entry<String, Object> e : r.entrySet()) {
                        if (personal.contains(e.getKey().toLowerCase(Locale.ROOT)) && e.getValue() != null
                                && names(String.valueOf(e.getValue()))) {
                            found.add(String.valueOf(e.getValue()));
                        }
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /**
     * Whether a value is specific enough to name someone: six characters or more, and not a decimal number (a
     * coordinate or an amount); a phone number or a long id does name someone.
     */
    private static boolean names(String value) {
        String v = value.strip();
        return v.length() >= 6 && !DECIMAL.matcher(v).matches();
    }

    /** Refuses, before anything changes, when rows of other subjects depend on this one (REFUSE links). */
    private void refuseWhenOthersDependOn(Handle h, String kind, String subject) {
        List<String> blockers = new ArrayList<>();
        for (Dataset d : catalog.datasets()) {
            for (Dataset.SubjectLink link : links(d, kind)) {
                if (link.action() == Dataset.EraseAction.REFUSE) {
                    long n = bind(h.createQuery("SELECT COUNT(*) FROM " + d.name() + " WHERE " + link.where()),
                            subject).mapTo(Long.class).one();
                    if (n > 0) {
                        blockers.add(n + " row" + (n == 1 ? "" : "s") + " of " + d.name());
                    }
                }
            }
        }
        if (!blockers.isEmpty()) {
            throw new ErasureRefusedException("erase of " + kind + " " + subject + " refused: other subjects' data "
                    + "depends on it (" + String.join(", ", blockers) + "); nothing was erased. Resolve those rows "
                    + "first (for example correct or remove the other orders' lines naming its products).");
        }
    }

    private static String statement(Dataset d, Dataset.SubjectLink link) {
        return statement(d, link, link.where());
    }

    private static String statement(Dataset d, Dataset.SubjectLink link, String where) {
        if (link.action() == Dataset.EraseAction.DELETE) {
            return "DELETE FROM " + d.name() + " WHERE " + where;
        }
        return "UPDATE " + d.name() + " SET " + link.anonymise().entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", "))
                + " WHERE " + where;
    }

    /** A row whose text names the subject: its key columns' values as stored, and the row for the export. */
    private record Mention(List<Object> key, Map<String, Object> row) {
    }

    /**
     * The rows of a link by mention whose text columns hold one of {@code identifiers} as a whole word: found by a
     * case-insensitive {@code LIKE} on the text columns for up to {@link #IDENTIFIERS_PER_QUERY} identifiers at a
     * time, then checked word by word in Java (the {@code LIKE} alone would also take rows where an identifier is
     * part of a longer one). Each row once, in the order found.
     */
    private static List<Mention> mentioning(Handle h, Dataset d, Dataset.SubjectLink link, List<String> identifiers) {
        Map<List<Object>, Mention> found = new LinkedHashMap<>();
        for (int from = 0; from < identifiers.size(); from += IDENTIFIERS_PER_QUERY) {
            List<String> batch = identifiers.subList(from, Math.min(identifiers.size(), from + IDENTIFIERS_PER_QUERY));
            List<String> conditions = new ArrayList<>();
            for (String column : link.mentionedIn()) {
                for (int i = 0; i < batch.size(); i++) {
                    // as text whatever the column's type: JSON columns (JSONB on PostgreSQL) have no LOWER of their own
                    conditions.add("LOWER(CAST(" + column + " AS VARCHAR(1000000))) LIKE :like" + i + " ESCAPE '!'");
                }
            }
            Query query = h.createQuery("SELECT * FROM " + d.name() + " WHERE " + String.join(" OR ", conditions));
            for (int i = 0; i < batch.size(); i++) {
                query.bind("like" + i, likePattern(batch.get(i)));
            }
            query.map((rs, ctx) -> {
                for (String column : link.mentionedIn()) {
                    String text = rs.getString(column);
                    for (String identifier : batch) {
                        if (Dataset.SubjectLink.mentions(text, identifier)) {
                            List<Object> key = new ArrayList<>();
                            for (String k : link.keyColumns()) {
                                key.add(rs.getObject(k));
                            }
                            return new Mention(key, row(rs));
                        }
                    }
                }
                return null;
            }).forEach(m -> {
                if (m != null) {
                    found.putIfAbsent(m.key().isEmpty() ? List.of(m.row()) : m.key(), m);
                }
            });
        }
        return List.copyOf(found.values());
    }

    /** {@code %identifier%} in lower case, with the {@code LIKE} wildcards in it escaped. */
    private static String likePattern(String identifier) {
        String escaped = identifier.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }

    /** Erases the rows that {@link #mentioning} finds, one statement per row by its key columns. */
    private static int eraseMentions(Handle h, Dataset d, Dataset.SubjectLink link, List<String> identifiers) {
        List<Mention> mentions = mentioning(h, d, link, identifiers);
        if (mentions.isEmpty()) {
            return 0;
        }
        String byKey = IntStream.range(0, link.keyColumns().size())
                .mapToObj(i -> link.keyColumns().get(i) + " = :k" + i).collect(Collectors.joining(" AND "));
        PreparedBatch batch = h.prepareBatch(statement(d, link, byKey));
        for (Mention m : mentions) {
            for (int i = 0; i < m.key().size(); i++) {
                batch.bind("k" + i, m.key().get(i));
            }
            batch.add();
        }
        return Arrays.stream(batch.execute()).sum();
    }

    private static List<Dataset.SubjectLink> links(Dataset d, String kind) {
        return d.subjects().stream().filter(s -> s.kind().equals(kind)).toList();
    }

    private static <S extends SqlStatement<S>> S bind(S statement, String subject) {
        String sql = statement.getContext().getRawSql();
        if (sql.contains(":subject_like")) {
            statement.bind("subject_like", likePattern(subject));
        }
        if (sql.matches("(?s).*:subject\\b(?!_).*")) {
            statement.bind("subject", subject);
        }
        return statement;
    }

    /**
     * The subject's key as the store writes it, once the kind and key are checked: a UUID in its canonical
     * lower-case form (whatever case the caller wrote), anything else as given.
     */
    private String checkedKey(String kind, String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject key must not be blank");
        }
        if (!catalog.subjectKinds().contains(kind)) {
            throw new IllegalArgumentException("the catalog knows no data subject of kind '" + kind + "'; it knows "
                    + catalog.subjectKinds());
        }
        if (kind.equals("shg") || kind.equals("buyer")) {
            try {
                return UUID.fromString(subject).toString();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(kind + " keys are UUIDs, was '" + subject + "'", e);
            }
        }
        return subject;
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object v = rs.getObject(i);
            if (v instanceof byte[] bytes) {
                v = Base64.getEncoder().encodeToString(bytes);
            } else if (v instanceof Timestamp t) {
                v = t.toInstant().toString();
            } else if (v instanceof OffsetDateTime o) {
                v = o.toInstant().toString();
            } else if (v != null && !(v instanceof Number) && !(v instanceof Boolean)) {
                v = v.toString();
            }
            row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), v);
        }
        return row;
    }
}
