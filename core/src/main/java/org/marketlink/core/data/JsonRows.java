package org.marketlink.core.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.marketlink.core.privacy.Masking;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object as a {@link Row} of a schema, or as a record, the way every JSON reader of the library reads it
 * (JSON Lines files, message values): an object's members by field name, missing members empty, each value
 * through {@link Cells} so that numbers, dates and booleans read as they do from CSV. And what to say when it
 * does not read, without quoting a personal value.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonRows {
    private JsonRows() {
    }

    /**
     * {@code json} as a row of {@code schema}.
     *
     * @param json   one JSON object
     * @param schema the fields to read
     * @return the row
     * @throws IOException              when the text is not JSON
     * @throws IllegalArgumentException when it is not an object, or a member is not a valid value of its field
     *                                  (naming the field, and the value unless the field is personal)
     */
    public static Row parse(String json, Schema schema) throws IOException {
        try (JsonParser p = Json.mapper().getFactory().createParser(json)) {
            return read(p, schema);
        }
    }

    /**
     * {@code json} (UTF-8 bytes) as a row of {@code schema}; see {@link #parse(String, Schema)}.
     *
     * @param json   one JSON object as UTF-8
     * @param schema the fields to read
     * @return the row
     * @throws IOException when the bytes are not JSON
     */
    public static Row parse(byte[] json, Schema schema) throws IOException {
        try (JsonParser p = Json.mapper().getFactory().createParser(json)) {
            return read(p, schema);
        }
    }

    /** How a field's last member was given: a number read as its field's type, or text for {@link Cells#parse}. */
    private static final byte ABSENT = 0;
    private static final byte NUMBER = 1;
    private static final byte TEXT = 2;

    /**
     * Reads the object token by token into the fields' values: no tree of nodes is built. A member given twice
     * counts by its last value (as a tree would keep it), so text is converted once the object is read (an earlier,
     * invalid duplicate does not reject the row). Numbers go straight to {@code long} and {@code double} where the
     * token is one (with the same checks as the text), everything else through {@link Cells#parse}; members the
     * schema does not name are skipped; a missing member is empty.
     *
     * <p>Messages of one producer list their members in the same order, so each member's field is first guessed as
     * the one after the last member's, and looked up by name only when the guess is wrong: one string comparison
     * per member instead of two hash look-ups (a profile of a stream showed the look-ups).
     */
    private static Row read(JsonParser p, Schema schema) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("not a JSON object");
        }
        int n = schema.size();
        byte[] kind = new byte[n];
        Object[] values = new Object[n];
        int guess = 0;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            int i;
            if (guess < n && schema.field(guess).name().equals(name)) {
                i = guess;
            } else if (schema.has(name)) {
                i = schema.indexOf(name);
            } else {
                p.skipChildren();
                continue;
            }
            guess = i + 1;
            FieldType type = schema.field(i).type();
            double real;
            if (value == JsonToken.VALUE_NUMBER_INT && type == FieldType.LONG
                    && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                kind[i] = NUMBER;
                values[i] = p.getLongValue();
            } else if ((value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT)
                    && type == FieldType.DOUBLE && Double.isFinite(real = p.getDoubleValue())) {
                kind[i] = NUMBER;
                values[i] = real;
            } else {
                kind[i] = TEXT;
                values[i] = value == JsonToken.VALUE_NULL ? ""
                        : value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY
                        ? Json.mapper().readTree(p).toString() : p.getText();
            }
        }
        for (int i = 0; i < n; i++) {
            if (kind[i] == TEXT) {
                values[i] = cell(schema.field(i), (String) values[i]);
            } else if (kind[i] == ABSENT) {
                values[i] = cell(schema.field(i), "");
            }
        }
        return Row.ofOwned(schema, values);
    }

    private static Object cell(Field field, String text) {
        try {
            return Cells.parse(field, text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field.name() + ": '" + Masking.show(field, text)
                    + "' is not a valid " + field.type(), e);
        }
    }

    /**
     * A row as the members of a JSON object, field name to value in field order: what the JSON writers write (JSON
     * Lines files, message values) and {@link #parse} reads back.
     *
     * @param row the row
     * @return a new ordered map
     */
    public static Map<String, Object> toMap(Row row) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < row.schema().size(); i++) {
            map.put(row.schema().field(i).name(), row.get(i));
        }
        return map;
    }

    /**
     * What a reader of JSON values of {@code type} masks when it quotes a value that did not read: a record's schema
     * ({@link Personal} components and those holding personal data inside), nothing for other classes.
     *
     * @param type the class the values are read as
     * @return a schema whose personal fields are masked
     */
    @SuppressWarnings("unchecked")
    public static Schema maskingOf(Class<?> type) {
        return type.isRecord() ? Schema.of((Class<? extends Record>) type) : Schema.of(List.of());
    }

    /**
     * The field a reading failure is about, when the JSON mapping names one; empty otherwise.
     *
     * @param e the failure
     * @return the field's name, or {@code ""}
     */
    public static String fieldOf(Exception e) {
        if (e instanceof JsonMappingException jm && !jm.getPath().isEmpty()) {
            String name = jm.getPath().get(jm.getPath().size() - 1).getFieldName();
            return name == null ? "" : name;
        }
        return "";
    }

    /**
     * What to say about a reading failure: the parser's or the mapping's own message, or only the field's name when
     * the field is personal in {@code masking} (the message may quote the value).
     *
     * @param e       the failure
     * @param masking the schema whose personal fields are withheld
     * @return a message for a rejection
     */
    public static String describe(Exception e, Schema masking) {
        String field = fieldOf(e);
        if (!field.isEmpty() && masking.isPersonal(field)) {
            return field + ": value withheld (personal data)";
        }
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
    }
}
