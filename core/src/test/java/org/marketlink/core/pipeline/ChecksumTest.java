package org.marketlink.core.pipeline;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
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

    @Test
    void aWholeNumbersDigitsHashedWithoutText_hashLikeItsText() {
        long[] edges = {0, 1, -1, 9, 10, -10, 99, 100, 999_999_999_999L, 1_000_000_000_000L, Long.MAX_VALUE,
            Long.MIN_VALUE, Long.MIN_VALUE + 1, 1_733_250_000_000L};
        Random r = new Random(5);
        for (int i = 0; i < 10_000 + edges.length; i++) {
            long v = i < edges.length ? edges[i] : r.nextLong() >> r.nextInt(64);
            long seed = r.nextLong();
            assertThat(Checksum.fnvDecimal(seed, v)).as("%d", v)
                    .isEqualTo(fnvOfText(seed, Long.toString(v)));
        }
    }

    /** FNV-1a over ASCII text, the slow way. */
    private static long fnvOfText(long h, String text) {
        for (char c : text.toCharArray()) {
            h = (h ^ c) * 0x100000001b3L;
        }
        return h;
    }

    @Test
    void aRowsHashComputedAsItGoes_isTheHashOfItsCanonicalText() {
        Schema schema = Schema.of(Field.optional("s", FieldType.STRING), Field.optional("n", FieldType.LONG),
                Field.optional("d", FieldType.DOUBLE), Field.optional("m", FieldType.DECIMAL),
                Field.optional("b", FieldType.BOOLEAN), Field.optional("day", FieldType.DATE));
        Random r = new Random(3);
        String[] pieces = {"a", "é", "\u20ac", "\ud83d\ude00", "\ud800", "\udc00x", "\u0000", "\u001f", "Zürich", ""};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = r.nextInt(5); k > 0; k--) {
                text.append(pieces[r.nextInt(pieces.length)]);
            }
            Row row = Row.of(schema, r.nextInt(5) == 0 ? null : text.toString(),
                    r.nextInt(5) == 0 ? null : r.nextLong(), r.nextInt(5) == 0 ? null : r.nextGaussian() * 1e6,
                    r.nextInt(5) == 0 ? null : new BigDecimal(BigInteger.valueOf(r.nextLong()), r.nextInt(20) - 10),
                    r.nextInt(3) == 0 ? null : r.nextBoolean(),
                    r.nextInt(3) == 0 ? null : LocalDate.ofEpochDay(r.nextInt(40_000)));
            assertThat(Checksum.hashRow(row)).as(Checksum.canonical(row)).isEqualTo(Checksum.hash(
                    Checksum.canonical(row)));
        }
    }
}
