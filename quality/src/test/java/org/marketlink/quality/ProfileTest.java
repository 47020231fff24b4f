package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.profile.ColumnProfile;
import org.marketlink.quality.profile.DatasetProfile;
import org.marketlink.quality.profile.Profiler;
import org.marketlink.quality.profile.Suggestions;
import org.marketlink.quality.rules.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class ProfileTest {
    private static final Schema S = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("status", FieldType.STRING), Field.optional("qty", FieldType.STRING),
            Field.optional("code", FieldType.STRING), Field.optional("x", FieldType.DOUBLE));

    private static List<Row> rows(long seed, int from, int n) {
        Random r = new Random(seed);
        String[] statuses = {"PAID", "PENDING", "CANCELLED"};
        List<Row> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            out.add(Row.of(S, (long) i, statuses[r.nextInt(3)], String.valueOf(r.nextInt(100)),
                    i % 10 == 0 ? null : "AB-" + (1000 + r.nextInt(9000)), r.nextGaussian() * 5 + 20));
        }
        return out;
    }

    @Test
    void profile_describesEachColumn() {
        DatasetProfile p = Profiler.profile(S, rows(1, 0, 2000));
        assertThat(p.rows()).isEqualTo(2000);
        ColumnProfile id = p.column("id");
        assertThat(id.distinct()).isEqualTo(2000);
        assertThat(id.min()).isEqualTo(0);
        assertThat(id.max()).isEqualTo(1999);
        ColumnProfile qty = p.column("qty");
        assertThat(qty.inferredType()).isEqualTo(FieldType.LONG);
        ColumnProfile code = p.column("code");
        assertThat(code.nullFraction()).isCloseTo(0.1, offset(1e-9));
        assertThat(code.patterns().get(0).value()).isEqualTo("AA-9999");
        assertThat(p.column("status").distinct()).isEqualTo(3);
        ColumnProfile x = p.column("x");
        assertThat(x.mean()).isCloseTo(20, offset(0.5));
        assertThat(x.stddev()).isCloseTo(5, offset(0.5));
        assertThat(x.quantiles()[1]).isCloseTo(20, offset(0.6));
    }

    @Test
    void suggestion_validatedOnHeldOutRows_passesOnCleanData() {
        List<Row> train = rows(2, 0, 3000);
        List<Row> holdout = rows(3, 3000, 1000);
        Suite suggested = Suggestions.suggest("auto", Profiler.profile(S, train));
        assertThat(suggested.rules()).extracting(Rule::name).contains("complete(id)", "unique(id)",
                "inSet(status)", "parsesAs(qty, LONG)", "between(x)");
        Suite kept = Suggestions.validated(suggested, S, holdout);
        // the observed range of id (0..2999) cannot hold for the held-out ids, so it is dropped
        assertThat(kept.rules()).extracting(Rule::name).doesNotContain("between(id)").contains("inSet(status)");
        List<Row> moreClean = rows(4, 4000, 1000);
        assertThat(kept.compile(S).run(moreClean).outcomes()).allMatch(o -> o instanceof RuleOutcome.Passed
                || o.rule().startsWith("between("));
    }
}
