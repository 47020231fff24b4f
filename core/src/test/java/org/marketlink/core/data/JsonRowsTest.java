package org.marketlink.core.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token-by-token JSON reader, whose numbers go straight to {@code long} and {@code double}, against the obvious
 * one (each member's literal text through {@link Cells#parse}, as CSV cells are read): on seeded random objects — numbers as tokens and as strings, floats, huge and non-finite
 * numbers, nulls, booleans, nested values, missing, repeated and unknown members — both give the same row or both
 * refuse.
 */
class JsonRowsTest {
    private static final Schema SCHEMA = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("price", FieldType.DOUBLE), Field.optional("amount", FieldType.DECIMAL),
            Field.optional("name", FieldType.STRING), Field.optional("ok", FieldType.BOOLEAN),
            Field.optional("tags", FieldType.JSON), Field.optional("day", FieldType.DATE));

    /** The obvious reader: every member's literal text (a nested value's JSON) through the one cell parser. */
    private static Row oracle(String json) throws Exception {
        try (JsonParser p = Json.mapper().getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            String[] texts = new String[SCHEMA.size()];
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                String text = value == JsonToken.VALUE_NULL ? ""
                        : value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY
                        ? Json.mapper().readTree(p).toString() : p.getText();
                if (SCHEMA.has(name)) {
                    texts[SCHEMA.indexOf(name)] = text;
                }
            }
            Object[] values = new Object[SCHEMA.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = Cells.parse(SCHEMA.field(i), texts[i] == null ? "" : texts[i]);
            }
            return Row.of(SCHEMA, values);
        }
    }

    private static final String[] VALUES = {"1", "-7", "12345678901234567890", "3.5", "1e3", "1e999", "-0.0", "\"42\"",
        "\"4.25\"", "\" 9 \"", "\"\"", "null", "true", "false", "\"yes\"", "[1,2]", "{\"a\":[1,{\"b\":null}]}",
        "\"2026-01-05\"", "\"x\\u00e9y\"", "0.1", "1.5d", "\"0x1p3\""};

    @Test
    void sameRowsOrSameRefusalsAsTheTreeReader() {
        Random r = new Random(31);
        List<String> names = new ArrayList<>(SCHEMA.names());
        names.add("unknown");
        int compared = 0;
        for (int c = 0; c < 20_000; c++) {
            StringBuilder json = new StringBuilder("{");
            int members = r.nextInt(9);
            for (int m = 0; m < members; m++) {
                json.append(m == 0 ? "" : ",").append('"').append(names.get(r.nextInt(names.size()))).append("\":")
                        .append(VALUES[r.nextInt(VALUES.length)]);
            }
            String text = json.append('}').toString();
            Object expected;
            try {
                expected = oracle(text);
            } catch (Exception e) {
                expected = "refused";
            }
            Object actual;
            try {
                actual = JsonRows.parse(text, SCHEMA);
            } catch (Exception e) {
                actual = "refused";
            }
            assertThat(actual).as(text).isEqualTo(expected);
            compared++;
        }
        assertThat(compared).isEqualTo(20_000);
    }
}
