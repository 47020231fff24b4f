package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.RecordRows;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Product;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.Rules;
import org.marketlink.testing.Samples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class MoreRulesTest {
    private static final Schema S = Schema.of(Field.optional("code", FieldType.STRING),
            Field.optional("qty", FieldType.STRING), Field.optional("at", FieldType.TIMESTAMP),
            Field.optional("x", FieldType.DOUBLE));

    @Test
    void parsesLengthReferencesFreshnessAndStddev() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        List<Row> rows = List.of(Row.of(S, "A1", "12", now.minusSeconds(3600), 1.0),
                Row.of(S, "B22", "12.5", now.minusSeconds(7200), 2.0),
                Row.of(S, "CCC333", "x", now.minusSeconds(60), 3.0), Row.of(S, null, null, null, null));
        SuiteResult r = Suite.of("t", Rules.parsesAs("qty", FieldType.LONG, RuleOptions.strict()),
                Rules.length("code", 1, 3, RuleOptions.strict()),
                Rules.references("code", Set.of("A1", "B22"), "products", RuleOptions.strict()),
                Rules.freshness("at", Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC)),
                Rules.stddevBetween("x", 0.5, 2)).compile(S).run(rows);
        RuleOutcome.Failed parse = (RuleOutcome.Failed) r.outcome("parsesAs(qty, LONG)");
        assertThat(parse.message()).contains("'12.5' ×1", "'x' ×1");
        assertThat(((RuleOutcome.Failed) r.outcome("length(code)")).message()).contains("'CCC333'");
        assertThat(((RuleOutcome.Failed) r.outcome("references(code, products)")).message()).contains("'CCC333'")
                .contains("not found in products");
        assertThat(r.outcome("freshness(at)")).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(r.outcome("stddevBetween(x)").metric()).isCloseTo(1.0, offset(1e-12));
        SuiteResult stale = Suite.of("t", Rules.freshness("at", Duration.ofSeconds(30),
                Clock.fixed(now, ZoneOffset.UTC))).compile(S).run(rows);
        assertThat(stale.outcome("freshness(at)")).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(SuiteFiles.readYaml(SuiteFiles.writeYaml(Suite.of("y", Rules.parsesAs("qty", FieldType.LONG,
                RuleOptions.strict()), Rules.length("code", 1, 3, RuleOptions.strict()), Rules.stddevBetween("x", 0, 1))))
                .rules()).hasSize(3);
    }

    @Test
    void domainSuites_passValidRecords_andCatchOutOfRangeRows() {
        UUID shg = UUID.randomUUID();
        RecordRows<Product> products = RecordRows.of(Product.class);
        SuiteResult ok = DomainSuites.product().compile(products.schema())
                .run(List.of(products.toRow(Samples.product(shg, "A")), products.toRow(Samples.product(shg, "B"))));
        assertThat(ok.status()).isEqualTo(SuiteResult.Status.PASSED);

        RecordRows<MarketData> md = RecordRows.of(MarketData.class);
        Row good = md.toRow(Samples.marketData(UUID.randomUUID(), Samples.T0));
        Row bad = good.with(good.schema().indexOf("availabilityIndex"), 1.7)
                .with(good.schema().indexOf("trend"), "SIDEWAYS");
        SuiteResult r = DomainSuites.marketData().compile(md.schema()).run(List.of(good, bad));
        assertThat(((RuleOutcome.Failed) r.outcome("between(availabilityIndex)")).message())
                .contains("availabilityIndex: 1 row outside [0, 1]: '1.7' ×1");
        assertThat(((RuleOutcome.Failed) r.outcome("inSet(trend)")).message()).contains("'SIDEWAYS'");
        for (Suite s : List.of(DomainSuites.order(), DomainSuites.match(), DomainSuites.buyer(), DomainSuites.shg(),
                DomainSuites.demandForecast())) {
            assertThat(s.rules()).isNotEmpty();
        }
    }
}
