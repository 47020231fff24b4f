package org.marketlink.core.pipeline;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChecksumTest {

    @Test
    void parse_ofValue_mergesLikeTheOriginals() {
        Checksum a = new Checksum();
        Checksum b = new Checksum();
        List.of("x", "y", "z").forEach(a::add);
        List.of("w", "x").forEach(b::add);
        Checksum whole = new Checksum();
        List.of("x", "y", "z", "w", "x").forEach(whole::add);

        assertThat(Checksum.parse(a.value()).value()).isEqualTo(a.value());
        assertThat(Checksum.parse(a.value()).merge(Checksum.parse(b.value())).value()).isEqualTo(whole.value());
        assertThat(Checksum.parse(new Checksum().value()).count()).isZero();
    }

    @Test
    void parse_notAChecksum_namesTheText() {
        for (String bad : new String[] {null, "", "abc:1", "zzzzzzzzzzzzzzzz:1", "0000000000000001:x"}) {
            assertThatThrownBy(() -> Checksum.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a checksum");
        }
    }

    /** Random rows of every field type, with nulls, odd characters, signed zeros, NaN and decimals of any scale. */
    private static Row randomRow(Schema schema, Random r) {
        String[] pieces = {"a", "é", "\u20ac", "\ud83d\ude00", "\ud800", "\udc00x", "\u0000", "\u001f", "Zürich", "",
            "c1", "Aa", "BB"};
        StringBuilder text = new StringBuilder();
        for (int k = r.nextInt(6); k > 0; k--) {
            text.append(pieces[r.nextInt(pieces.length)]);
        }
        double[] doubles = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, 1.0, r.nextGaussian() * 1e6};
        return Row.of(schema, r.nextInt(5) == 0 ? null : text.toString(),
                r.nextInt(5) == 0 ? null : r.nextInt(3) == 0 ? (long) r.nextInt(100) : r.nextLong(),
                r.nextInt(5) == 0 ? null : doubles[r.nextInt(doubles.length)],
                r.nextInt(5) == 0 ? null : new BigDecimal(BigInteger.valueOf(r.nextInt(3) == 0 ? r.nextInt(20)
                        : r.nextLong()), r.nextInt(20) - 10),
                r.nextInt(3) == 0 ? null : r.nextBoolean(),
                r.nextInt(3) == 0 ? null : LocalDate.ofEpochDay(r.nextInt(40_000)),
                r.nextInt(3) == 0 ? null : Instant.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(3) == 0 ? 0
                        : r.nextInt(1_000_000_000)));
    }

    /** A value next to {@code v}: one nanosecond, one unit in the last place, one character, one day on. */
    private static Object nudged(Object v) {
        if (v instanceof Instant t) {
            return t.plusNanos(1);
        }
        if (v instanceof Long l) {
            return l ^ 1L << (l & 63);
        }
        if (v instanceof Double d) {
            return Math.nextUp(d);
        }
        if (v instanceof BigDecimal m) {
            return m.add(BigDecimal.ONE.movePointLeft(m.scale()));
        }
        if (v instanceof LocalDate day) {
            return day.plusDays(1);
        }
        if (v instanceof Boolean b) {
            return !b;
        }
        return v + "a";
    }

    /**
     * The slow, obviously right definition is the canonical text: rows hash alike exactly when their texts are
     * equal. Over many random rows, made small so that equal texts recur, hashes agree where texts agree and no
     * two different texts share a hash.
     */
    @Test
    void aRowsHash_fromItsValues_isEqualExactlyWhenItsCanonicalTextIs() {
        Schema schema = Schema.of(Field.optional("s", FieldType.STRING), Field.optional("n", FieldType.LONG),
                Field.optional("d", FieldType.DOUBLE), Field.optional("m", FieldType.DECIMAL),
                Field.optional("b", FieldType.BOOLEAN), Field.optional("day", FieldType.DATE),
                Field.optional("at", FieldType.TIMESTAMP));
        Random r = new Random(3);
        Map<String, Long> hashOfText = new HashMap<>();
        Map<Long, String> textOfHash = new HashMap<>();
        int repeats = 0;
        for (int i = 0; i < 200_000; i++) {
            Row row = randomRow(schema, r);
            String text = Checksum.canonical(row);
            long hash = Checksum.hashRow(row);
            Long before = hashOfText.putIfAbsent(text, hash);
            if (before != null) {
                repeats++;
                assertThat(hash).as(text).isEqualTo(before.longValue());
            }
            String other = textOfHash.putIfAbsent(hash, text);
            assertThat(other == null ? text : other).as("a hash shared by two texts").isEqualTo(text);
            // the same row with one value from another: a near twin, the case a value left out of the hash misses
            Object[] values = new Object[schema.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = row.get(k);
            }
            int k = r.nextInt(values.length);
            values[k] = values[k] == null || r.nextInt(4) == 0 ? randomRow(schema, r).get(k) : nudged(values[k]);
            Row twin = Row.of(schema, values);
            if (!Checksum.canonical(twin).equals(text)) {
                assertThat(Checksum.hashRow(twin)).as(text + " / " + Checksum.canonical(twin)).isNotEqualTo(hash);
            }
        }
        assertThat(repeats).as("equal rows were made and compared").isGreaterThan(100);
        // the same values as other objects hash alike (a fresh string, a decimal of another scale)
        Row a = Row.of(schema, new String("x€"), 7L, 1.5, new BigDecimal("1.50"), true, LocalDate.of(2026, 1, 2),
                Instant.parse("2026-01-02T03:04:05.123Z"));
        Row b = Row.of(schema, "x€", 7L, 1.5, new BigDecimal("1.5"), true, LocalDate.of(2026, 1, 2),
                Instant.parse("2026-01-02T03:04:05.123Z"));
        assertThat(Checksum.hashRow(a)).isEqualTo(Checksum.hashRow(b));
    }

    @Test
    void aRowsHash_dependsOnWhereEachValueIs() {
        Schema two = Schema.of(Field.optional("x", FieldType.STRING), Field.optional("y", FieldType.STRING));
        assertThat(Checksum.hashRow(Row.of(two, "a", "b"))).isNotEqualTo(Checksum.hashRow(Row.of(two, "b", "a")));
        assertThat(Checksum.hashRow(Row.of(two, "a", null))).isNotEqualTo(Checksum.hashRow(Row.of(two, null, "a")));
        assertThat(Checksum.hashRow(Row.of(two, "", null))).isNotEqualTo(Checksum.hashRow(Row.of(two, null, "")));
        assertThat(Checksum.hashRow(Row.of(two, "ab", ""))).isNotEqualTo(Checksum.hashRow(Row.of(two, "a", "b")));
    }
}
