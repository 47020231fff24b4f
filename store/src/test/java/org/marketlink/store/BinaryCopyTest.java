package org.marketlink.store;

import org.junit.jupiter.api.Test;
import org.marketlink.store.internal.Copy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binary COPY writer against PostgreSQL itself: every value of every type it writes reads back equal, decimals
 * of any sign, scale and size included (the long fast path and the text path for the rest), NULLs and text outside
 * ASCII.
 */
class BinaryCopyTest {
    record Value(long id, BigDecimal n, Instant at, LocalDate day, UUID u, double f, int i, String s) {
    }

    private static final List<String> COLUMNS = List.of("id", "n", "at", "day", "u", "f", "i", "s");

    @Test
    void everyValueReadsBackEqual() throws Exception {
        Random r = new Random(11);
        List<Value> values = new ArrayList<>();
        String[] fixed = {"0", "0.00", "-0.0001", "1E-20", "12345678901234567890.123", "1E+5", "-1E+3", "0.5",
                "9999.9999", "10000", "10000.0001", "-99999999999999.99", "999999999999.99", "0.0010",
                "123456789012345678", "4611686018427387903.5", "-7.000000000000000000001"};
        for (int k = 0; k < 2_000; k++) {
            BigDecimal n = k < fixed.length ? new BigDecimal(fixed[k])
                    : k % 7 == 0 ? null
                    : BigDecimal.valueOf(r.nextLong() >> r.nextInt(60), r.nextInt(25) - 4);
            Instant at = k % 11 == 0 ? null : Instant.ofEpochSecond(r.nextInt() * 3L, r.nextInt(1_000_000) * 1_000L);
            LocalDate day = k % 13 == 0 ? null : LocalDate.ofEpochDay(r.nextInt(200_000) - 100_000);
            UUID u = k % 17 == 0 ? null : new UUID(r.nextLong(), r.nextLong());
            String s = k % 5 == 0 ? null : k % 5 == 1 ? "Gikomba 𝄞 ñ " + k : "plain\ttab\\ and\nnewline " + k;
            values.add(new Value(k, n, at, day, u, r.nextGaussian() * 1e6, r.nextInt(), s));
        }
        try (MarketStore store = Backend.POSTGRESQL.open()) {
            store.jdbi().useHandle(h -> h.execute("CREATE TABLE copied (id BIGINT PRIMARY KEY, n NUMERIC, "
                    + "at TIMESTAMPTZ, day DATE, u UUID, f DOUBLE PRECISION, i INTEGER, s TEXT)"));
            long copied = store.jdbi().inTransaction(h -> Copy.copy(h, "copied", COLUMNS, values.iterator(),
                    (v, line) -> line.int8(v.id()).decimal(v.n()).timestamp(v.at()).date(v.day()).uuid(v.u())
                            .float8(v.f()).int4(v.i()).text(v.s())));
            assertThat(copied).isEqualTo(values.size());
            List<Value> back = store.jdbi().withHandle(h -> h.createQuery("SELECT * FROM copied ORDER BY id")
                    .map((rs, ctx) -> new Value(rs.getLong("id"), rs.getBigDecimal("n"),
                            rs.getObject("at", OffsetDateTime.class) == null ? null
                                    : rs.getObject("at", OffsetDateTime.class).toInstant(),
                            rs.getObject("day", LocalDate.class), rs.getObject("u", UUID.class), rs.getDouble("f"),
                            rs.getInt("i"), rs.getString("s"))).list());
            assertThat(back).hasSize(values.size());
            for (int k = 0; k < values.size(); k++) {
                Value want = values.get(k);
                Value got = back.get(k);
                if (want.n() == null) {
                    assertThat(got.n()).as("row %d", k).isNull();
                } else {
                    // the same number, shown with the same decimal places (a negative scale shows none)
                    assertThat(got.n()).as("row %d: %s", k, want.n().toPlainString())
                            .isEqualByComparingTo(want.n());
                    assertThat(got.n().scale()).as("row %d scale", k).isEqualTo(Math.max(0, want.n().scale()));
                }
                assertThat(got).as("row %d", k).usingRecursiveComparison().ignoringFields("n").isEqualTo(want);
            }
        }
    }
}
