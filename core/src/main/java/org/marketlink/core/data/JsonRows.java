package org.marketlink.core.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.marketlink.core.privacy.Masking;

import java.io.IOException;

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
        return toRow(Json.mapper().readTree(json), schema);
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
        return toRow(Json.mapper().readTree(json), schema);
    }

    private static Row toRow(JsonNode node, Schema schema) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) {
            Field field = schema.field(i);
            JsonNode member = node.get(field.name());
            String text = member == null || member.isNull() ? ""
                    : member.isValueNode() ? member.asText() : member.toString();
            try {
                values[i] = Cells.parse(field, text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(field.name() + ": '" + Masking.show(field, text)
                        + "' is not a valid " + field.type(), e);
            }
        }
        return Row.of(schema, values);
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
