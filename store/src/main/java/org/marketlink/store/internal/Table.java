package org.marketlink.store.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.marketlink.core.Checks;
import org.marketlink.store.Dialect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * How one record type maps to one table: its columns, natural key, binder and row mapper, and the insert and
 * upsert statements built from them once.
 *
 * @param <T> the record type
 */
public final class Table<T> {

    /** Binds a record's fields to a statement's named parameters (one per column). */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(T value, SqlStatement<?> statement);
    }

    private final String name;
    private final String entity;
    private final List<String> columns;
    private final Binder<T> binder;
    private final RowMapper<T> mapper;
    private final Function<T, String> naturalKey;
    private final String insertSql;
    private final String upsertSql;
    private final String updateSql;

    public Table(Dialect dialect, String name, String entity, List<String> columns, List<String> jsonColumns,
                 List<String> keyColumns, List<String> insertOnly, Binder<T> binder, RowMapper<T> mapper,
                 Function<T, String> naturalKey) {
        this.name = name;
        this.entity = entity;
        this.columns = List.copyOf(columns);
        this.binder = binder;
        this.mapper = mapper;
        this.naturalKey = naturalKey;
        this.insertSql = dialect.insert(name, columns, jsonColumns);
        this.upsertSql = dialect.hasAtomicUpsert()
                ? dialect.upsert(name, columns, jsonColumns, keyColumns, insertOnly) : null;
        this.updateSql = dialect.updateByKey(name, columns, jsonColumns, keyColumns, insertOnly);
    }

    public String name() {
        return name;
    }

    public RowMapper<T> mapper() {
        return mapper;
    }

    public String selectAll() {
        return "SELECT * FROM " + name;
    }

    /** Inserts one row; a duplicate key fails. */
    public void insert(Handle handle, T value) {
        var update = handle.createUpdate(insertSql);
        binder.bind(value, update);
        update.execute();
    }

    /**
     * Inserts or updates every row on its natural key in one batch. Rows are written in natural-key order so
     * that two concurrent batches lock rows in the same order and cannot deadlock.
     */
    public int upsert(Handle handle, Collection<T> values) {
        List<T> sorted = sortedByKey(values);
        if (sorted.isEmpty()) {
            return 0;
        }
        if (upsertSql != null) {
            execute(handle, upsertSql, sorted);
            return sorted.size();
        }
        int[] updated = execute(handle, updateSql, sorted);
        List<T> missing = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                missing.add(sorted.get(i));
            }
        }
        if (!missing.isEmpty()) {
            execute(handle, insertSql, missing);
        }
        return sorted.size();
    }

    private int[] execute(Handle handle, String sql, List<T> values) {
        PreparedBatch batch = handle.prepareBatch(sql);
        for (T value : values) {
            binder.bind(value, batch);
            batch.add();
        }
        return batch.execute();
    }

    public List<T> sortedByKey(Collection<T> values) {
        Checks.notNull(entity + "s", values);
        List<T> sorted = new ArrayList<>(values.size());
        int i = 0;
        for (T v : values) {
            if (v == null) {
                throw new IllegalArgumentException(entity + "s[" + i + "] must not be null");
            }
            sorted.add(v);
            i++;
        }
        sorted.sort(Comparator.comparing(naturalKey));
        return sorted;
    }

    /** {@code n entities}, for messages. */
    public String describe(int count) {
        return count + " " + entity + (count == 1 ? "" : "s");
    }

    public String entity() {
        return entity;
    }

    public List<String> columns() {
        return columns;
    }
}
