package org.marketlink.store.governance;

import org.jdbi.v3.core.JdbiException;
import org.marketlink.core.Checks;
import org.marketlink.core.UnableToWriteException;
import org.marketlink.store.Dialect;
import org.marketlink.store.MarketStore;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.DatabaseErrors;

import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import java.util.stream.Collectors;

/**
 * Applies each dataset's retention: rows whose time column is older than the period go, in batches of bounded size
 * (each batch its own transaction, so a large backlog neither locks a table for long nor needs a huge undo log).
 * {@link #dryRun} reports what would go without changing anything. For {@code ARCHIVE} datasets each batch is handed
 * to the archive consumer before it is deleted. Thread-safe; run one job per store at a time.
 */
public final class RetentionJob {
    private final MarketStore store;
    private final Catalog catalog;
    private final Clock clock;
    private final int batchSize;

    /**
     * A retention job over {@code store} applying {@code catalog}'s retention rules as of {@code clock}'s now,
     * {@code batchSize} rows per transaction.
     */
    public static RetentionJob of(MarketStore store, Catalog catalog, Clock clock, int batchSize) {
        return new RetentionJob(store, catalog, clock, batchSize);
    }

    private RetentionJob(MarketStore store, Catalog catalog, Clock clock, int batchSize) {
        if (store == null || catalog == null || clock == null || batchSize < 1) {
            throw new IllegalArgumentException("store, catalog and clock are required and batchSize must be ≥ 1");
        }
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Per dataset: the cut-off and the rows older than it (that would go, or went). */
    public record Report(Map<String, Instant> cutoffs, Map<String, Long> rows, boolean dryRun) {
        /** The rows removed (or, in a dry run, that would be) over all datasets. */
        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Counts what {@link #apply} would remove, changing nothing. */
    public Report dryRun() {
        Map<String, Instant> cutoffs = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Dataset d : withRetention()) {
            Instant cutoff = cutoff(d);
            cutoffs.put(d.name(), cutoff);
            rows.put(d.name(), store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + d.name()
                            + " WHERE " + d.retention().orElseThrow().timeColumn() + " < :cutoff")
                    .bind("cutoff", Args.timestamp(cutoff)).mapTo(Long.class).one()));
        }
        return new Report(cutoffs, rows, true);
    }

    /**
     * Removes every expired row.
     *
     * @param archive receives each batch of an {@code ARCHIVE} dataset (table name, rows as column maps) before the
     *                batch is deleted; may be null when no dataset archives
     */
    public Report apply(BiConsumer<String, List<Map<String, Object>>> archive) {
        return apply(archive, (dataset, removed) -> {
        });
    }

    /**
     * As {@link #apply(BiConsumer)}, telling {@code progress} after each batch the dataset and the rows removed from
     * it so far (on the calling thread, after the batch's transaction committed).
     *
     * @param archive  as {@link #apply(BiConsumer)}
     * @param progress the dataset's name and its rows removed so far
     * @return the report
     */
    public Report apply(BiConsumer<String, List<Map<String, Object>>> archive, ObjLongConsumer<String> progress) {
        Checks.notNull("progress", progress);
        Map<String, Instant> cutoffs = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Dataset d : withRetention()) {
            Dataset.Retention r = d.retention().orElseThrow();
            if (r.action() == Dataset.RetentionAction.ARCHIVE && archive == null) {
                throw new IllegalArgumentException("dataset " + d.name() + " archives expired rows: give an archive");
            }
            Instant cutoff = cutoff(d);
            cutoffs.put(d.name(), cutoff);
            long removed = 0;
            while (true) {
                int n = batch(d, r, cutoff, archive == null ? null : batchRows -> archive.accept(d.name(), batchRows));
                removed += n;
                progress.accept(d.name(), removed);
                if (n < batchSize) {
                    break;
                }
            }
            rows.put(d.name(), removed);
        }
        return new Report(cutoffs, rows, false);
    }

    private int batch(Dataset d, Dataset.Retention r, Instant cutoff, Consumer<List<Map<String, Object>>> archive) {
        // PostgreSQL has no DELETE ... LIMIT: the batch is chosen by row address instead
        String rowId = store.dialect() == Dialect.POSTGRESQL ? "ctid" : "_ROWID_";
        String select = "SELECT " + rowId + " AS row_address, * FROM " + d.name() + " WHERE " + r.timeColumn()
                + " < :cutoff LIMIT " + batchSize;
        try {
            return store.jdbi().inTransaction(h -> {
                List<Object> addresses = new ArrayList<>();
                List<Map<String, Object>> batch = new ArrayList<>();
                h.createQuery(select).bind("cutoff", Args.timestamp(cutoff)).map((rs, ctx) -> {
                    addresses.add(rs.getObject("row_address"));
                    if (r.action() == Dataset.RetentionAction.ARCHIVE) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        ResultSetMetaData meta = rs.getMetaData();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            String label = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                            if (!label.equals("row_address")) {
                                row.put(label, rs.getObject(i));
                            }
                        }
                        batch.add(row);
                    }
                    return 0;
                }).list();
                if (addresses.isEmpty()) {
                    return 0;
                }
                if (archive != null && r.action() == Dataset.RetentionAction.ARCHIVE) {
                    archive.accept(batch);
                }
                if (store.dialect() == Dialect.POSTGRESQL) {
                    // row addresses (tid) travel as one array literal: '{"(0,1)","(0,2)"}'
                    String array = addresses.stream().map(a -> "\"" + a + "\"")
                            .collect(Collectors.joining(",", "{", "}"));
                    return h.createUpdate("DELETE FROM " + d.name() + " WHERE ctid = ANY (CAST(:addresses AS tid[]))")
                            .bind("addresses", array).execute();
                }
                return h.createUpdate("DELETE FROM " + d.name() + " WHERE " + rowId + " IN (<addresses>)")
                        .bindList("addresses", addresses).execute();
            });
        } catch (JdbiException e) {
            throw new UnableToWriteException("retention of " + d.name() + " failed: " + DatabaseErrors.describe(e),
                    DatabaseErrors.withheld(e));
        }
    }

    private List<Dataset> withRetention() {
        return catalog.datasets().stream().filter(d -> d.retention().isPresent()).toList();
    }

    private Instant cutoff(Dataset d) {
        return clock.instant().minus(d.retention().orElseThrow().period());
    }
}
