package org.marketlink.store;

import org.jdbi.v3.core.statement.SqlStatement;
import org.marketlink.core.Checks;
import org.marketlink.core.UnableToWriteException;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.TableColumns;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.QuarantineSink;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.Sink;
import org.marketlink.core.pipeline.Stage;
import org.marketlink.core.pipeline.Violation;
import org.marketlink.store.crypto.Sealed;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.StoreContext;
import org.marketlink.store.internal.Table;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Upserts {@link Row}s into an existing table, one transaction per chunk, so a retried chunk is idempotent.
 * Created through {@link MarketStore#tableSink}. Thread-safe.
 */
public final class TableSink implements Sink<Row> {

    private final StoreContext ctx;
    private final String table;
    private final Schema schema;
    private final Table<Row> mapping;
    /** Per field, the decimal places its column keeps, or -1 when the column keeps what it is given. */
    private final int[] scaleOfField;
    /** Per field, the digits in all its fixed-point column keeps, or -1. */
    private final int[] precisionOfField;
    /** Per field, the characters its bounded text column keeps, or -1 (unbounded, or not text, or encrypted). */
    private final int[] lengthOfField;

    /** The store's quarantine, whose writes this sink can join (see {@link #writeTogether}). */
    private final QuarantineRepository quarantine;

    private TableSink(StoreContext ctx, QuarantineRepository quarantine, String table, Schema schema,
                      Table<Row> mapping, int[] scaleOfField, int[] precisionOfField, int[] lengthOfField) {
        this.ctx = ctx;
        this.quarantine = quarantine;
        this.table = table;
        this.schema = schema;
        this.mapping = mapping;
        this.scaleOfField = scaleOfField;
        this.precisionOfField = precisionOfField;
        this.lengthOfField = lengthOfField;
    }

    static TableSink create(StoreContext ctx, QuarantineRepository quarantine, String table, Schema schema,
                            List<String> keyColumns, Set<String> encryptedColumns) {
        Checks.notNull("schema", schema);
        Checks.notNull("keyColumns", keyColumns);
        Checks.notNull("encryptedColumns", encryptedColumns);
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("keyColumns must name at least one column");
        }
        String t = identifier("table", table);
        Map<String, TableColumns.Column> described = columnsOf(ctx, t);
        Set<String> columns = described.keySet();
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no table '" + t + "' in the database");
        }
        List<String> names = new ArrayList<>();
        List<String> json = new ArrayList<>();
        for (Field f : schema.fields()) {
            String c = identifier("field", f.name());
            if (!columns.contains(c)) {
                throw new IllegalArgumentException("table '" + t + "' has no column '" + c + "'; its columns are "
                        + new TreeSet<>(columns));
            }
            names.add(c);
            if (f.type() == FieldType.JSON) {
                json.add(c);
            }
        }
        for (String k : keyColumns) {
            if (!names.contains(k)) {
                throw new IllegalArgumentException("key column '" + k + "' is not a field of " + schema.names());
            }
        }
        Set<String> sealed = new HashSet<>();
        for (String e : encryptedColumns) {
            String c = identifier("encrypted column", e);
            int i = schema.indexOf(c);
            if (i < 0 || schema.field(i).type() != FieldType.STRING) {
                throw new IllegalArgumentException("encrypted column '" + c + "' must be a STRING field of "
                        + schema.names());
            }
            if (keyColumns.contains(c)) {
                throw new IllegalArgumentException("encrypted column '" + c + "' cannot be a key column: its "
                        + "ciphertext differs on every write");
            }
            if (!columns.contains(c + "_key_id")) {
                throw new IllegalArgumentException("table '" + t + "' needs a column '" + c + "_key_id' beside the "
                        + "encrypted column '" + c + "' for the id of the key that sealed it");
            }
            sealed.add(c);
            names.add(c + "_key_id");
        }
        Table<Row> mapping = new Table<>(ctx.dialect(), t, t + " row", names, json, List.copyOf(keyColumns),
                List.of(), (row, st) -> bind(ctx, t, sealed, row, st), (rs, c) -> null, row -> {
                    StringBuilder key = new StringBuilder();
                    for (String k : keyColumns) {
                        key.append(row.get(k)).append('\u0000');
                    }
                    return key.toString();
                });
        int[] scaleOfField = new int[schema.size()];
        int[] precisionOfField = new int[schema.size()];
        int[] lengthOfField = new int[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            Field f = schema.field(i);
            TableColumns.Column c = described.get(f.name().toLowerCase(Locale.ROOT));
            boolean decimal = f.type() == FieldType.DECIMAL;
            boolean text = (f.type() == FieldType.STRING || f.type() == FieldType.JSON)
                    && !sealed.contains(f.name().toLowerCase(Locale.ROOT));
            scaleOfField[i] = decimal ? c.scale() : -1;
            precisionOfField[i] = decimal ? c.precision() : -1;
            lengthOfField[i] = text ? c.maxLength() : -1;
        }
        return new TableSink(ctx, quarantine, t, schema, mapping, scaleOfField, precisionOfField, lengthOfField);
    }

    private static String identifier(String what, String name) {
        Checks.notBlank(what, name);
        return TableColumns.identifier(what, name);
    }

    private static Map<String, TableColumns.Column> columnsOf(StoreContext ctx, String table) {
        return ctx.sql().jdbi().withHandle(h -> {
            try {
                return TableColumns.columns(h.getConnection(), table);
            } catch (SQLException e) {
                throw new UnableToWriteException("could not read the columns of " + table, e);
            }
        });
    }

    /** The field name an encrypted column's ciphertext is bound to, so a value cannot be moved to another column. */
    public static String sealedField(String table, String column) {
        return table + "." + column;
    }

    private static void bind(StoreContext ctx, String table, Set<String> sealed, Row row, SqlStatement<?> s) {
        for (int i = 0; i < row.schema().size(); i++) {
            String name = row.schema().field(i).name().toLowerCase(Locale.ROOT);
            Object v = row.get(i);
            if (sealed.contains(name)) {
                // AES-256-GCM with the current key; the key id goes beside the ciphertext
                Sealed box = v == null ? null : ctx.cipher().sealText(sealedField(table, name), (String) v);
                s.bind(name, Args.bytes(box == null ? null : box.ciphertext()))
                        .bind(name + "_key_id", box == null ? null : box.keyId());
                continue;
            }
            switch (row.schema().field(i).type()) {
                case TIMESTAMP -> s.bind(name, Args.timestamp((Instant) v));
                case DATE -> s.bind(name, Args.date((LocalDate) v));
                case DECIMAL -> s.bind(name, Args.decimal((BigDecimal) v));
                case STRING, JSON -> s.bind(name, Args.text((String) v));
                case LONG -> s.bindBySqlType(name, v, Types.BIGINT);
                case DOUBLE -> s.bindBySqlType(name, v, Types.DOUBLE);
                case BOOLEAN -> s.bindBySqlType(name, v, Types.BOOLEAN);
            }
        }
    }

    @Override
    public String name() {
        return "table " + table;
    }

    /**
     * Upserts one chunk in one transaction.
     *
     * @throws IllegalArgumentException naming the row (by its number in the source) and the field when a row is not
     *                                  of the sink's schema, or holds a decimal with more places than its column
     *                                  keeps (the database would round it silently) or more digits before the point,
     *                                  or text longer than its column or with a NUL character, which PostgreSQL
     *                                  refuses. In a pipeline such rows never get here: {@link #admission()}
     *                                  quarantines them first
     */
    @Override
    public void write(ChunkKey key, List<Row> rows) {
        check(key, rows);
        ctx.sql().write(mapping.describe(rows.size()) + " (chunk " + key.index() + ")", true,
                h -> mapping.upsert(h, rows));
    }

    /**
     * With this store's own quarantine, upserts the chunk's rows and replaces its rejections in one transaction:
     * both are written, or neither. With any other quarantine, writes nothing and returns {@code false}.
     *
     * @throws IllegalArgumentException as {@link #write} does
     */
    @Override
    public boolean writeTogether(ChunkKey key, List<Row> rows, QuarantineSink other, List<Rejection> rejections) {
        if (!quarantine.isSink(other)) {
            return false;
        }
        check(key, rows);
        ctx.sql().write(mapping.describe(rows.size()) + " and " + rejections.size() + " rejections (chunk "
                + key.index() + ")", true, h -> {
                    quarantine.write(h, key, rejections);
                    return mapping.upsert(h, rows);
                });
        return true;
    }

    /**
     * The check {@link Sink#admission()} describes: a row this sink would refuse in {@link #write} is quarantined by
     * the pipeline's last stage, named {@code "fit for table <name>"}, with its reason code ({@code NOT_OF_SCHEMA},
     * {@code NUL_CHARACTER}, {@code TEXT_TOO_LONG}, {@code NUMBER_TOO_LARGE} or {@code DECIMAL_PLACES}), field and
     * what is wrong; every other row goes on to the sink. Stateless and thread-safe.
     */
    @Override
    public Optional<Stage<Row, Row>> admission() {
        return Optional.of((row, out) -> {
            Violation unfit = unfit(row);
            if (unfit == null) {
                out.emit(row);
            } else {
                out.reject(List.of(unfit));
            }
        });
    }

    private void check(ChunkKey key, List<Row> rows) {
        for (int r = 0; r < rows.size(); r++) {
            Violation unfit = unfit(rows.get(r));
            if (unfit != null) {
                throw new IllegalArgumentException("row " + (r + 1) + " of chunk " + key.index() + " (source row "
                        + (key.firstRow() + r) + " or later): " + (unfit.column().isEmpty() ? ""
                        : "field '" + unfit.column() + "' ") + unfit.message());
            }
        }
    }

    /** Why the table cannot hold {@code row} as it is, or null when it can. */
    private Violation unfit(Row row) {
        if (!row.schema().equals(schema)) {
            return new Violation("NOT_OF_SCHEMA", "", "the row is not of the sink's schema " + schema.names());
        }
        for (int f = 0; f < scaleOfField.length; f++) {
            Object v = row.get(f);
            String name = schema.field(f).name();
            if (v instanceof String text) {
                if (text.indexOf('\u0000') >= 0) {
                    // PostgreSQL refuses it for the whole batch, H2 keeps it: refuse it the same on both, by name
                    return new Violation("NUL_CHARACTER", name, "holds a NUL character "
                            + "(U+0000), which the database refuses");
                }
                if (lengthOfField[f] >= 0 && text.length() > lengthOfField[f]) {
                    // a character outside the BMP is two chars here: PostgreSQL counts it once, H2 twice
                    int length = ctx.dialect() == Dialect.H2 ? text.length() : text.codePointCount(0, text.length());
                    if (length > lengthOfField[f]) {
                        return new Violation("TEXT_TOO_LONG", name, "holds " + length + " characters, more than "
                                + "column " + table + "." + name + " keeps (" + lengthOfField[f] + ")");
                    }
                }
            } else if (v instanceof BigDecimal d && scaleOfField[f] >= 0) {
                BigDecimal plain = d.stripTrailingZeros();
                if (plain.scale() > scaleOfField[f]) {
                    return new Violation("DECIMAL_PLACES", name, "holds "
                            + schema.field(f).shown(d) + ", more decimal places than column " + table + "." + name
                            + " keeps (" + scaleOfField[f] + "); it would be rounded");
                }
                // the digits before the point must fit in precision - scale of them
                if (precisionOfField[f] > 0 && plain.precision() - plain.scale() > precisionOfField[f]
                        - scaleOfField[f]) {
                    return new Violation("NUMBER_TOO_LARGE", name, "holds "
                            + schema.field(f).shown(d) + ", more digits before the point than column " + table + "."
                            + name + " keeps (" + (precisionOfField[f] - scaleOfField[f]) + ")");
                }
            }
        }
        return null;
    }
}
