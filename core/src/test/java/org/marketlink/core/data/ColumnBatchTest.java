package org.marketlink.core.data;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A batch holds each type in its array, gives rows back as they were set, and drops rows keeping their order. */
class ColumnBatchTest {
    private static final Schema EVERY = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("name", FieldType.STRING), Field.optional("price", FieldType.DECIMAL),
            Field.optional("score", FieldType.DOUBLE), Field.optional("active", FieldType.BOOLEAN),
            Field.optional("day", FieldType.DATE), Field.optional("at", FieldType.TIMESTAMP),
            Field.optional("attributes", FieldType.JSON));

    private static Row row(long i) {
        boolean empty = i % 3 == 2;
        return Row.of(EVERY, i, empty ? null : "n" + i, empty ? null : new BigDecimal(i + ".50"),
                empty ? null : i / 4.0, empty ? null : i % 2 == 0, empty ? null : LocalDate.ofEpochDay(-400 + i),
                empty ? null : Instant.ofEpochSecond(-86_400 + i, 123_456_000), empty ? null : "{\"i\":" + i + "}");
    }

    @Test
    void rowsSetValueByValue_comeBackEqual_andTheArraysHoldThePrimitives() {
        ColumnBatch b = ColumnBatch.allocate(EVERY, 10);
        for (int r = 0; r < 10; r++) {
            Row row = row(r);
            for (int f = 0; f < EVERY.size(); f++) {
                b.set(f, r, row.get(f));
            }
            b.rowNumbers()[r] = 100 + r;
        }
        b.setSize(10);
        for (int r = 0; r < 10; r++) {
            assertThat(b.row(r)).isEqualTo(row(r));
            // read in place, the same values, the same text and the same row when copied
            RowView view = b.view(r);
            for (int f = 0; f < EVERY.size(); f++) {
                assertThat(view.get(f)).isEqualTo(row(r).get(f));
            }
            assertThat(view.toString()).isEqualTo(row(r).toString());
            assertThat(view.toRow()).isEqualTo(row(r));
        }
        assertThatThrownBy(() -> b.view(10)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(b.longs(0)[4]).isEqualTo(4);
        assertThat(b.dates(5)[4]).isEqualTo(-396);
        assertThat(b.timestamps(6)[4]).isEqualTo(-86_396_000_000L + 123_456);
        assertThat(b.nulls(1)[2]).isTrue();
        assertThat(b.nulls(1)[3]).isFalse();
        assertThat(b.texts(7)[3]).isEqualTo("{\"i\":3}");

        boolean[] drop = new boolean[10];
        drop[0] = true;
        drop[5] = true;
        drop[9] = true;
        b.removeRows(drop);
        assertThat(b.size()).isEqualTo(7);
        long[] expected = {1, 2, 3, 4, 6, 7, 8};
        for (int r = 0; r < 7; r++) {
            assertThat(b.row(r)).isEqualTo(row(expected[r]));
            assertThat(b.rowNumbers()[r]).isEqualTo(100 + expected[r]);
        }
    }

    @Test
    void finerThanMicroseconds_isDroppedTowardThePast() {
        Instant t = Instant.ofEpochSecond(-1, 999_999_999);
        assertThat(ColumnBatch.microsOf(t)).isEqualTo(-1);
        assertThat(ColumnBatch.instantOfMicros(-1)).isEqualTo(Instant.ofEpochSecond(-1, 999_999_000));
        assertThatThrownBy(() -> ColumnBatch.microsOf(Instant.MAX)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void misuse_isRefusedNamingTheField() {
        ColumnBatch b = ColumnBatch.allocate(EVERY, 2);
        assertThatThrownBy(() -> b.doubles(0)).hasMessage("field 'id' holds LONG, not DOUBLE");
        assertThatThrownBy(() -> b.texts(0)).hasMessage("field 'id' holds LONG, not STRING");
        assertThatThrownBy(() -> b.setSize(3)).hasMessageContaining("from 0 to 2");
        assertThatThrownBy(() -> ColumnBatch.allocate(EVERY, 0)).hasMessageContaining("at least 1");
        b.set(0, 0, null);
        b.setSize(1);
        assertThatThrownBy(() -> b.row(0)).hasMessageContaining("'id' is required");
    }

    @Test
    void fewDistinctTexts_areDictionaryEncoded_andReadLikeAnyOther() {
        Schema s = Schema.of(Field.optional("status", FieldType.STRING), Field.optional("code", FieldType.STRING));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(Row.of(s, i % 7 == 0 ? null : new String[] {"NEW", "PAID", ""}[i % 3], "C" + i));
        }
        ColumnBatch b = ColumnBatch.of(s, rows);
        assertThat(b.encoded(0)).isTrue();
        assertThat(b.encoded(1)).as("100 distinct of 100: plain").isFalse();
        assertThat(b.dictionarySize(0)).isEqualTo(3);
        for (int r = 0; r < 100; r++) {
            assertThat(b.row(r)).isEqualTo(rows.get(r));
            if (!b.nulls(0)[r]) {
                assertThat(b.dictionary(0)[b.codes(0)[r]]).isEqualTo(rows.get(r).get(0));
            }
        }
        assertThatThrownBy(() -> b.codes(1)).hasMessage("field 'code' is not dictionary-encoded");
        // a reader's own dictionary: values decode on demand, and a set makes the field plain again
        ColumnBatch own = ColumnBatch.allocate(s, 4);
        own.encode(0, new String[] {"x", "y", "unused"}, 2);
        own.codes(0)[0] = 1;
        own.codes(0)[1] = 0;
        own.nulls(0)[2] = true;
        own.codes(0)[3] = 1;
        own.setSize(4);
        assertThat(own.get(0, 0)).isEqualTo("y");
        assertThat(own.texts(0)).startsWith("y", "x", null, "y");
        own.set(0, 3, "z");
        assertThat(own.encoded(0)).isFalse();
        assertThat(own.get(0, 3)).isEqualTo("z");
        assertThat(own.get(0, 1)).isEqualTo("x");
        // dropping rows keeps the values
        ColumnBatch drop = ColumnBatch.of(s, rows);
        boolean[] gone = new boolean[100];
        gone[0] = true;
        drop.removeRows(gone);
        assertThat(drop.row(0)).isEqualTo(rows.get(1));
        assertThatThrownBy(() -> own.encode(0, new String[1], 2)).hasMessageContaining("size must be from 0 to 1");
    }

    @Test
    void manyDistinctTexts_areHeldInlineAsUtf8_andReadLikeAnyOther() {
        Schema s = Schema.of(Field.optional("code", FieldType.STRING), Field.optional("n", FieldType.LONG));
        String[] odd = {"", "Zoë", "🍅x", "naïve façade", "\u0000", "中文"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(Row.of(s, i % 9 == 0 ? null : i % 5 == 0 ? odd[i % odd.length] + i : "C" + i, (long) i));
        }
        ColumnBatch b = ColumnBatch.of(s, rows);
        assertThat(b.inline(0)).isTrue();
        assertThat(b.encoded(0)).isFalse();
        byte[] bytes = b.utf8(0);
        int[] at = b.utf8Offsets(0);
        for (int r = 0; r < 200; r++) {
            Object want = rows.get(r).get(0);
            String held = new String(bytes, at[r], at[r + 1] - at[r], StandardCharsets.UTF_8);
            assertThat(b.nulls(0)[r] ? null : held).isEqualTo(want);
            assertThat(b.get(0, r)).isEqualTo(want);
            assertThat(b.row(r)).isEqualTo(rows.get(r));
        }
        assertThatThrownBy(() -> b.utf8(1)).hasMessage("field 'n' is not held inline");
        // the String array, once asked for, is the field's values from then on
        assertThat(b.texts(0)).startsWith(rows.stream().limit(5).map(row -> row.get(0)).toArray(String[]::new));
        assertThat(b.inline(0)).isFalse();
        assertThatThrownBy(() -> b.utf8(0)).hasMessage("field 'code' is not held inline");

        // a smaller size keeps the rows left, their values decoded
        ColumnBatch shrunk = ColumnBatch.of(s, rows);
        shrunk.setSize(3);
        assertThat(shrunk.inline(0)).isFalse();
        assertThat(shrunk.row(2)).isEqualTo(rows.get(2));
        // a set makes the field plain, keeping the other values
        ColumnBatch set = ColumnBatch.of(s, rows);
        set.set(0, 1, "new");
        assertThat(set.inline(0)).isFalse();
        assertThat(set.get(0, 1)).isEqualTo("new");
        assertThat(set.get(0, 2)).isEqualTo("C2");

        // a reader's own bytes, checked against the rows they claim to be
        ColumnBatch own = ColumnBatch.allocate(s, 3);
        own.nulls(0)[1] = true;
        own.setSize(3);
        byte[] abc = "abcé".getBytes(StandardCharsets.UTF_8);
        own.holdUtf8(0, abc, new int[] {0, 2, 2, 5});
        assertThat(own.get(0, 0)).isEqualTo("ab");
        assertThat(own.get(0, 1)).isNull();
        assertThat(own.get(0, 2)).isEqualTo("cé");
        assertThatThrownBy(() -> own.holdUtf8(0, abc, new int[] {0, 2, 2}))
                .hasMessage("offsets must have 4 entries ending within the 5 bytes");
        assertThatThrownBy(() -> own.holdUtf8(0, abc, new int[] {0, 2, 3, 5}))
                .hasMessage("offsets of row 1 are out of order or hold bytes for an empty row");
        assertThatThrownBy(() -> own.holdUtf8(0, abc, new int[] {0, 2, 2, 6}))
                .hasMessage("offsets must have 4 entries ending within the 5 bytes");
    }

    @Test
    void noBlanks_isVouchedOnlyWhereItHolds() {
        Schema s = Schema.of(Field.optional("a", FieldType.STRING), Field.optional("b", FieldType.STRING));
        ColumnBatch b = ColumnBatch.of(s, List.of(Row.of(s, "x", " "), Row.of(s, null, "y")));
        assertThat(b.noBlanks(0)).isTrue();
        assertThat(b.noBlanks(1)).as("' ' is blank").isFalse();
        b.set(0, 1, "\t");
        assertThat(b.noBlanks(0)).as("a blank value set unsays it").isFalse();
        b.declareNoBlanks(0);
        assertThat(b.noBlanks(0)).isTrue();
        b.setSize(1);
        assertThat(b.noBlanks(0)).as("new rows: nobody vouched for them").isFalse();
        assertThat(ColumnBatch.allocate(s, 4).noBlanks(0)).isFalse();
        assertThatThrownBy(() -> ColumnBatch.allocate(Schema.of(Field.optional("n", FieldType.LONG)), 1)
                .declareNoBlanks(0)).hasMessage("field 'n' holds LONG, not STRING");
    }
}
