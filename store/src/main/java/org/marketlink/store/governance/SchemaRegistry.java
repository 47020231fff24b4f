package org.marketlink.store.governance;

import com.fasterxml.jackson.core.type.TypeReference;
import org.jdbi.v3.core.JdbiException;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.UnableToWriteException;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Json;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.store.MarketStore;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.DatabaseErrors;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Versions of each dataset's schema in the store's {@code schema_versions} table. A new version is accepted only when
 * it is compatible with the latest one in the registry's mode (by default both ways); otherwise
 * {@link IncompatibleSchemaException} names every breaking field. Old rows are read with a newer compatible schema by
 * {@link #upgrade}. Thread-safe.
 */
public final class SchemaRegistry {
    private static final TypeReference<List<Map<String, Object>>> FIELDS = new TypeReference<>() { };

    /** Which compatibility a new version must keep with the previous one. */
    public enum Mode {
        /** The new version reads rows of the previous one. */
        BACKWARD,
        /** The previous version reads rows of the new one. */
        FORWARD,
        /** Both. */
        FULL
    }

    private final MarketStore store;
    private final Mode mode;
    private final Clock clock;

    /** A schema registry in {@code store} checking new versions with {@code mode}, stamping them with {@code clock}. */
    public static SchemaRegistry of(MarketStore store, Mode mode, Clock clock) {
        return new SchemaRegistry(store, mode, clock);
    }

    private SchemaRegistry(MarketStore store, Mode mode, Clock clock) {
        if (store == null || mode == null || clock == null) {
            throw new IllegalArgumentException("store, mode and clock must not be null");
        }
        this.store = store;
        this.mode = mode;
        this.clock = clock;
    }

    /**
     * Registers {@code schema} as the next version of {@code dataset} (version 1 for a new dataset). Registering the
     * same schema as the latest again returns the latest version unchanged.
     *
     * @return the version number
     * @throws IncompatibleSchemaException when the schema breaks the registry's mode against the latest version
     */
    public int register(String dataset, Schema schema) {
        if (dataset == null || dataset.isBlank() || schema == null) {
            throw new IllegalArgumentException("dataset and schema must be given");
        }
        Optional<Versioned> latest = latest(dataset);
        if (latest.isPresent()) {
            if (latest.get().schema().equals(schema)) {
                return latest.get().version();
            }
            SchemaCompatibility c = SchemaCompatibility.of(latest.get().schema(), schema);
            List<String> breaking = new ArrayList<>();
            if (mode != Mode.FORWARD) {
                breaking.addAll(c.backwardBreaking());
            }
            if (mode != Mode.BACKWARD) {
                c.forwardBreaking().stream().filter(m -> !breaking.contains(m)).forEach(breaking::add);
            }
            if (!breaking.isEmpty()) {
                throw new IncompatibleSchemaException(dataset, latest.get().version() + 1, mode, breaking);
            }
        }
        int version = latest.map(v -> v.version() + 1).orElse(1);
        try {
            store.jdbi().useHandle(h -> h.createUpdate("INSERT INTO schema_versions (dataset, version, fields, "
                            + "registered_at) VALUES (:dataset, :version, :fields, :at)").bind("dataset", dataset)
                    .bind("version", version).bind("fields", toJson(schema))
                    .bind("at", Args.timestamp(clock.instant())).execute());
        } catch (JdbiException e) {
            throw new UnableToWriteException("could not register version " + version + " of " + dataset + ": "
                    + DatabaseErrors.describe(e), DatabaseErrors.withheld(e));
        }
        return version;
    }

    /** A schema version with its number. */
    public record Versioned(int version, Schema schema) {
    }

    /** The newest version of {@code dataset}'s schema, if any is registered. */
    public Optional<Versioned> latest(String dataset) {
        return read(dataset, "SELECT version, fields FROM schema_versions WHERE dataset = :dataset "
                + "ORDER BY version DESC LIMIT 1", -1);
    }

    /** Version {@code version} of {@code dataset}'s schema, if registered. */
    public Optional<Versioned> version(String dataset, int version) {
        return read(dataset, "SELECT version, fields FROM schema_versions WHERE dataset = :dataset "
                + "AND version = :version", version);
    }

    /**
     * Reads a row written with an older schema as a row of {@code target}: fields matched by name, fields the row
     * does not have left empty, {@code LONG} values widened where the type was widened.
     *
     * @throws IncompatibleSchemaException when {@code target} cannot read rows of the row's schema
     */
    public static Row upgrade(Row row, Schema target) {
        SchemaCompatibility c = SchemaCompatibility.of(row.schema(), target);
        if (!c.backward()) {
            throw new IncompatibleSchemaException("(row)", -1, Mode.BACKWARD, c.backwardBreaking());
        }
        Object[] values = new Object[target.size()];
        for (int i = 0; i < values.length; i++) {
            Field f = target.field(i);
            if (!row.schema().has(f.name())) {
                continue;
            }
            Object v = row.get(f.name());
            if (v instanceof Long l && f.type() == FieldType.DOUBLE) {
                v = l.doubleValue();
            } else if (v instanceof Long l && f.type() == FieldType.DECIMAL) {
                v = BigDecimal.valueOf(l);
            }
            values[i] = v;
        }
        return Row.of(target, values);
    }

    private Optional<Versioned> read(String dataset, String sql, int version) {
        try {
            return store.jdbi().withHandle(h -> {
                var q = h.createQuery(sql).bind("dataset", dataset);
                if (version >= 0) {
                    q.bind("version", version);
                }
                return q.map((rs, ctx) -> new Versioned(rs.getInt("version"), fromJson(rs.getString("fields"))))
                        .findOne();
            });
        } catch (JdbiException e) {
            throw new UnableToReadException("could not read the schema of " + dataset + ": "
                    + DatabaseErrors.describe(e), DatabaseErrors.withheld(e));
        }
    }

    private static String toJson(Schema schema) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            fields.add(Map.of("name", f.name(), "type", f.type().name(), "nullable", f.nullable()));
        }
        return Json.write(fields);
    }

    private static Schema fromJson(String json) {
        try {
            List<Field> fields = new ArrayList<>();
            for (Map<String, Object> m : Json.mapper().readValue(json, FIELDS)) {
                fields.add(new Field((String) m.get("name"), FieldType.valueOf((String) m.get("type")),
                        (Boolean) m.get("nullable")));
            }
            return Schema.of(fields);
        } catch (IOException e) {
            throw new UnableToReadException("a stored schema is not readable: " + json, e);
        }
    }
}
