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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

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
        // one value written with more than 18 digits (trailing zeros) and with few: one hash, whichever way it is made
        Schema one = Schema.of(Field.optional("m", FieldType.DECIMAL));
        assertThat(Checksum.hashRow(Row.of(one, new BigDecimal("12.5000000000000000000000000"))))
                .isEqualTo(Checksum.hashRow(Row.of(one, new BigDecimal("12.5"))));
        assertThat(Checksum.hashRow(Row.of(one, new BigDecimal("0E-30"))))
                .isEqualTo(Checksum.hashRow(Row.of(one, BigDecimal.ZERO)));
        assertThat(Checksum.hashRow(Row.of(one, new BigDecimal("123456789012345678901234567890"))))
                .isNotEqualTo(Checksum.hashRow(Row.of(one, new BigDecimal("123456789012345678901234567891"))));
    }

    @Test
    void aRowsHash_dependsOnWhereEachValueIs() {
        Schema two = Schema.of(Field.optional("x", FieldType.STRING), Field.optional("y", FieldType.STRING));
        assertThat(Checksum.hashRow(Row.of(two, "a", "b"))).isNotEqualTo(Checksum.hashRow(Row.of(two, "b", "a")));
        assertThat(Checksum.hashRow(Row.of(two, "a", null))).isNotEqualTo(Checksum.hashRow(Row.of(two, null, "a")));
        assertThat(Checksum.hashRow(Row.of(two, "", null))).isNotEqualTo(Checksum.hashRow(Row.of(two, null, "")));
        assertThat(Checksum.hashRow(Row.of(two, "ab", ""))).isNotEqualTo(Checksum.hashRow(Row.of(two, "a", "b")));
    }

    enum Grade { A, B }

    /** Private, with every kind of component a record of the model has. */
    private record Lot(UUID id, String name, int units, long weight, double price, BigDecimal total, Instant at,
                       LocalDate day, Grade grade, Optional<String> note, List<String> tags, Map<String, Double> attrs,
                       boolean organic) {
    }

    private static Lot lot(Random r) {
        return new Lot(new UUID(r.nextInt(3), r.nextInt(3)), r.nextBoolean() ? "maize" : "millet", r.nextInt(3),
                r.nextInt(3), r.nextInt(3) / 2.0, BigDecimal.valueOf(r.nextInt(3), 2),
                Instant.ofEpochSecond(r.nextInt(3)), LocalDate.ofEpochDay(r.nextInt(3)),
                Grade.values()[r.nextInt(2)], r.nextBoolean() ? Optional.empty() : Optional.of("n" + r.nextInt(2)),
                r.nextBoolean() ? List.of() : List.of("t" + r.nextInt(2)), r.nextBoolean() ? Map.of()
                : Map.of("k", (double) r.nextInt(2)), r.nextBoolean());
    }

    /**
     * A record is hashed from its components, without making its JSON: equal records hash equal (fresh strings and
     * decimals of another scale too), records that differ in any component differ, over many small random ones.
     */
    @Test
    void aRecordsHash_fromItsComponents_isEqualExactlyWhenTheRecordsAre() {
        Random r = new Random(9);
        Map<Lot, Long> hashOf = new HashMap<>();
        Map<Long, Lot> lotOf = new HashMap<>();
        int repeats = 0;
        for (int i = 0; i < 100_000; i++) {
            Lot lot = lot(r);
            long hash = Checksum.hashRecord(lot);
            Long before = hashOf.putIfAbsent(lot, hash);
            if (before != null) {
                repeats++;
                assertThat(hash).as(lot.toString()).isEqualTo(before.longValue());
            }
            Lot other = lotOf.putIfAbsent(hash, lot);
            assertThat(other == null ? lot : other).as("a hash shared by two records").isEqualTo(lot);
        }
        assertThat(repeats).isGreaterThan(100);
        Lot a = new Lot(new UUID(1, 2), new String("maize"), 1, 2, 0.5, new BigDecimal("1.50"), Instant.EPOCH,
                LocalDate.EPOCH, Grade.A, Optional.of("x"), List.of("t"), Map.of("k", 1.0), true);
        Lot b = new Lot(new UUID(1, 2), "maize", 1, 2, 0.5, new BigDecimal("1.5"), Instant.EPOCH, LocalDate.EPOCH,
                Grade.A, Optional.of("x"), List.of("t"), Map.of("k", 1.0), true);
        assertThat(Checksum.hashRecord(a)).isEqualTo(Checksum.hashRecord(b));
        // equal maps that iterate in other orders
        Map<String, Double> oneWay = new LinkedHashMap<>();
        oneWay.put("x", 1.0);
        oneWay.put("y", 2.0);
        Map<String, Double> otherWay = new LinkedHashMap<>();
        otherWay.put("y", 2.0);
        otherWay.put("x", 1.0);
        assertThat(Checksum.hashRecord(new Lot(a.id(), "m", 1, 2, 0.5, BigDecimal.ONE, Instant.EPOCH, LocalDate.EPOCH,
                Grade.A, Optional.empty(), List.of(), oneWay, true))).isEqualTo(Checksum.hashRecord(new Lot(a.id(), "m",
                1, 2, 0.5, BigDecimal.ONE, Instant.EPOCH, LocalDate.EPOCH, Grade.A, Optional.empty(), List.of(),
                otherWay, true)));
        // the same values in another order of components are another record
        record Pair(String x, String y) {
        }
        assertThat(Checksum.hashRecord(new Pair("a", "b"))).isNotEqualTo(Checksum.hashRecord(new Pair("b", "a")));
        assertThat(Checksum.hashRecord(new Pair("a", null))).isNotEqualTo(Checksum.hashRecord(new Pair(null, "a")));
    }
}
