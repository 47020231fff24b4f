package org.marketlink.core.pipeline.normalize;

import org.marketlink.core.Checks;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Emitter;
import org.marketlink.core.pipeline.Stage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Normalising stages over {@link Row}s. Each binds its column names to positions once, when it is built, and
 * knows the schema of the rows it emits ({@link RowStage#outputSchema()}). A value that cannot be normalised
 * sends its row to quarantine with a reason code naming the column and the value; nothing is guessed.
 */
public final class Normalize {
    /** Reason codes. */
    public static final String UNKNOWN_UNIT = "UNKNOWN_UNIT";
    /** Reason code of a cell that is not a percentage. */
    public static final String BAD_PERCENTAGE = "BAD_PERCENTAGE";
    /** Reason code of a cell that is not a decimal. */
    public static final String BAD_DECIMAL = "BAD_DECIMAL";

    private Normalize() {
    }

    /** A stage from rows of one schema to rows of another. */
    public interface RowStage extends Stage<Row, Row> {
        /** The schema of the rows this stage emits. */
        Schema outputSchema();
    }

    /** Cleans the named string columns with {@link Names#clean}; the schema is unchanged. */
    public static RowStage names(Schema in, String... columns) {
        int[] idx = indexes(in, columns, FieldType.STRING);
        return new RowStage() {
            @Override
            public Schema outputSchema() {
                return in;
            }

            @Override
            public void apply(Row row, Emitter<Row> out) {
                Object[] v = row.values();
                for (int i : idx) {
                    if (v[i] != null) {
                        v[i] = Names.clean((String) v[i]);
                    }
                }
                out.emit(Row.of(in, v));
            }
        };
    }

    /**
     * Adds {@code base_unit} (kg, l or unit) and {@code price_per_base_unit} from a pack price and its pack size
     * text (for example 1480 for "90 KG" gives kg and 16.4444).
     */
    public static RowStage pricePerBaseUnit(Schema in, String priceColumn, String unitColumn) {
        int price = indexes(in, new String[] {priceColumn}, FieldType.DECIMAL)[0];
        int unit = indexes(in, new String[] {unitColumn}, FieldType.STRING)[0];
        List<Field> fields = new ArrayList<>(in.fields());
        fields.add(Field.required("base_unit", FieldType.STRING));
        fields.add(Field.required("price_per_base_unit", FieldType.DECIMAL));
        Schema outSchema = Schema.of(fields);
        return new RowStage() {
            @Override
            public Schema outputSchema() {
                return outSchema;
            }

            @Override
            public void apply(Row row, Emitter<Row> out) {
                String text = row.getString(unit);
                Optional<Quantity> q = Units.parse(text);
                BigDecimal p = row.getDecimal(price);
                if (q.isEmpty() || p == null) {
                    out.reject(UNKNOWN_UNIT, unitColumn, q.isEmpty() ? unitColumn + " '" + text
                            + "' is not a known pack size" : priceColumn + " is empty");
                    return;
                }
                Object[] v = Arrays.copyOf(row.values(), outSchema.size());
                v[in.size()] = q.get().baseUnit();
                v[in.size() + 1] = Units.pricePerBaseUnit(p, text).orElseThrow();
                out.emit(Row.of(outSchema, v));
            }
        };
    }

    /** Turns a string column of percentages into a DECIMAL fraction by {@link Percentages}' rule. */
    public static RowStage percentage(Schema in, String column, Percentages.BareNumbers bare) {
        return retype(in, column, BAD_PERCENTAGE, text -> Percentages.parse(text, bare),
                "is not a percentage (bare numbers above 1 are " + (bare == Percentages.BareNumbers.FRACTIONS_ONLY
                        ? "refused as ambiguous)" : "read as percent)"));
    }

    /** Turns a string column of decimals written with either separator into DECIMAL, by {@link Decimals}. */
    public static RowStage decimal(Schema in, String column) {
        return retype(in, column, BAD_DECIMAL, Decimals::parse,
                "is not an unambiguous decimal (a single separator before exactly 3 digits could be either)");
    }

    private static RowStage retype(Schema in, String column, String code,
                                   Function<String, Optional<BigDecimal>> parse, String why) {
        int idx = indexes(in, new String[] {column}, FieldType.STRING)[0];
        List<Field> fields = new ArrayList<>(in.fields());
        fields.set(idx, new Field(column, FieldType.DECIMAL, in.field(idx).nullable()));
        Schema outSchema = Schema.of(fields);
        return new RowStage() {
            @Override
            public Schema outputSchema() {
                return outSchema;
            }

            @Override
            public void apply(Row row, Emitter<Row> out) {
                Object[] v = row.values();
                String text = (String) v[idx];
                if (text != null && !text.isBlank()) {
                    Optional<BigDecimal> parsed = parse.apply(text);
                    if (parsed.isEmpty()) {
                        out.reject(code, column, column + " '" + text + "' " + why);
                        return;
                    }
                    v[idx] = parsed.get();
                } else {
                    v[idx] = null;
                }
                try {
                    out.emit(Row.of(outSchema, v));
                } catch (IllegalArgumentException e) {
                    out.reject(code, column, e.getMessage());
                }
            }
        };
    }

    private static int[] indexes(Schema in, String[] columns, FieldType type) {
        Checks.notNull("schema", in);
        int[] idx = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            idx[i] = in.indexOf(columns[i]);
            if (in.field(idx[i]).type() != type) {
                throw new IllegalArgumentException("column '" + columns[i] + "' must be " + type + ", is "
                        + in.field(idx[i]).type());
            }
        }
        return idx;
    }
}
