package org.marketlink.core.features.interaction;

import org.marketlink.core.Checks;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;

/**
 * Where the rows of one schema hold an interaction, bound once by name so that
 * {@link LiveInteractionFeatures#update(java.util.List, InteractionFields)} reads each row by position: the user and
 * the item ({@code STRING} fields), the time (a {@code TIMESTAMP}, or a {@code LONG} of epoch milliseconds, as
 * stream events often carry it) and, optionally, the rating ({@code DOUBLE} or {@code LONG}; empty for none).
 *
 * <p>Immutable and thread-safe.
 */
public final class InteractionFields {
    private final Schema schema;
    private final int user;
    private final int item;
    private final int time;
    private final boolean timeInMillis;
    /** -1 when the rows carry no rating. */
    private final int rating;
    private final boolean ratingIsLong;

    private InteractionFields(Schema schema, String user, String item, String time, String rating) {
        this.schema = Checks.notNull("schema", schema);
        this.user = index(schema, "user", user, FieldType.STRING);
        this.item = index(schema, "item", item, FieldType.STRING);
        this.time = index(schema, "time", time, FieldType.TIMESTAMP, FieldType.LONG);
        this.timeInMillis = schema.field(this.time).type() == FieldType.LONG;
        this.rating = rating == null ? -1 : index(schema, "rating", rating, FieldType.DOUBLE, FieldType.LONG);
        this.ratingIsLong = rating != null && schema.field(this.rating).type() == FieldType.LONG;
    }

    /**
     * The fields of {@code schema} holding each part of an interaction.
     *
     * @param schema the rows' schema
     * @param user   the user's field ({@code STRING})
     * @param item   the item's field ({@code STRING})
     * @param time   the time's field ({@code TIMESTAMP}, or {@code LONG} epoch milliseconds)
     * @param rating the rating's field ({@code DOUBLE} or {@code LONG}), or null when the rows carry none
     * @return the binding
     * @throws IllegalArgumentException when a field is missing from the schema or of another type
     */
    public static InteractionFields of(Schema schema, String user, String item, String time, String rating) {
        return new InteractionFields(schema, user, item, time, rating);
    }

    private static int index(Schema schema, String part, String name, FieldType... types) {
        Checks.notNull(part, name);
        if (!schema.has(name)) {
            throw new IllegalArgumentException("interaction " + part + ": the schema has no field '" + name + "'");
        }
        int i = schema.indexOf(name);
        FieldType type = schema.field(i).type();
        for (FieldType t : types) {
            if (t == type) {
                return i;
            }
        }
        throw new IllegalArgumentException("interaction " + part + ": field '" + name + "' is " + type + ", not "
                + (types.length == 1 ? types[0] : types[0] + " or " + types[1]));
    }

    /** Checks that {@code row} (at {@code position} in its batch) is of the schema and holds an interaction. */
    void check(Row row, int position) {
        if (row == null || row.schema() != schema && !row.schema().equals(schema)) {
            throw new IllegalArgumentException("row " + position + ": " + (row == null ? "missing"
                    : "not of the schema the interaction fields were bound to"));
        }
        blank(row, user, position);
        blank(row, item, position);
        if (row.isNull(time)) {
            throw new IllegalArgumentException("row " + position + ": interaction time '"
                    + schema.field(time).name() + "' is empty");
        }
        if (rating >= 0 && !ratingIsLong && Double.isInfinite(row.getDouble(rating))) {
            throw new IllegalArgumentException("row " + position + ": rating '" + schema.field(rating).name()
                    + "' is not finite");
        }
    }

    private void blank(Row row, int field, int position) {
        String v = row.getString(field);
        if (v == null || v.isBlank()) {
            // the value is never quoted: a user id may be personal
            throw new IllegalArgumentException("row " + position + ": interaction field '"
                    + schema.field(field).name() + "' is empty or blank");
        }
    }

    String user(Row row) {
        return row.getString(user);
    }

    String item(Row row) {
        return row.getString(item);
    }

    /** The time's whole seconds since the epoch, rounded down (epoch milliseconds before 1970 included). */
    long epochSecond(Row row) {
        return timeInMillis ? Math.floorDiv(row.getLong(time), 1000L) : row.getTimestamp(time).getEpochSecond();
    }

    /** The time's nanoseconds within its second, 0 to 999,999,999. */
    int nano(Row row) {
        return timeInMillis ? (int) Math.floorMod(row.getLong(time), 1000L) * 1_000_000
                : row.getTimestamp(time).getNano();
    }

    /** The rating, NaN when there is none. */
    double rating(Row row) {
        if (rating < 0 || row.isNull(rating)) {
            return Double.NaN;
        }
        return ratingIsLong ? row.getLong(rating) : row.getDouble(rating);
    }
}
