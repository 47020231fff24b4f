package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.profile.DatasetProfile;
import org.marketlink.quality.profile.Profiler;
import org.marketlink.quality.rules.Rules;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A long suite run and a long profile tell their progress every 100,000 rows and once at the end. */
class ProgressTest {
    private static final Schema SCHEMA = Schema.of(Field.optional("n", FieldType.LONG));

    private static List<Row> rows(int n) {
        List<Row> rows = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            rows.add(Row.of(SCHEMA, i));
        }
        return rows;
    }

    @Test
    void aSuiteRunAndAProfile_tellTheirProgress() {
        List<Row> rows = rows(250_000);
        List<Long> suite = new ArrayList<>();
        SuiteResult result = Suite.of("n", Rules.nonNegative("n")).compile(SCHEMA).run(rows, suite::add);
        assertThat(result.rows()).isEqualTo(250_000);
        assertThat(suite).containsExactly(100_000L, 200_000L, 250_000L);
        List<Long> profile = new ArrayList<>();
        DatasetProfile p = Profiler.profile(SCHEMA, rows, profile::add);
        assertThat(p.rows()).isEqualTo(250_000);
        assertThat(profile).containsExactly(100_000L, 200_000L, 250_000L);
    }
}
