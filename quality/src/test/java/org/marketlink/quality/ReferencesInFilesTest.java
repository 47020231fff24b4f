package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.drift.DriftRules;
import org.marketlink.quality.drift.ReferenceProfile;
import org.marketlink.quality.rules.References;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** References and drift rules read from suite files, against keys and stored reference profiles the host gives. */
class ReferencesInFilesTest {
    private static final Schema S = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("product_id", FieldType.STRING), Field.optional("price", FieldType.DOUBLE),
            Field.optional("region", FieldType.STRING), Field.optional("phone", FieldType.STRING))
            .withPersonal("phone");

    private static final String SUITE = """
            name: prices
            rules:
              - type: references
                column: product_id
                reference: products.product_id
                mostly: 0.99
              - type: ksDrift
                column: price
                reference: prices-2026-11
                max: 0.1
              - type: psiDrift
                column: region
                reference: prices-2026-11
                max: 0.1
              - type: chiSquareDrift
                column: region
                reference: prices-2026-11
                min: 0.01
            """;

    /** Prices around {@code centre}, regions in the shares given, one unknown product per 1000 rows. */
    private static List<Row> rows(long seed, int n, double centre, double north) {
        Random r = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String product = i % 1000 == 999 ? "P-unknown" : "P-" + r.nextInt(50);
            String region = r.nextDouble() < north ? "north" : r.nextBoolean() ? "south" : "east";
            rows.add(Row.of(S, (long) i, product, centre + r.nextGaussian() * 5, region, "+91 98" + i));
        }
        return rows;
    }

    private static ReferenceProfile profile(List<Row> rows) {
        ReferenceProfile.Builder b = ReferenceProfile.builder("prices-2026-11", S).maxSample(2_000).seed(7);
        rows.forEach(b::accept);
        return b.build();
    }

    private static References references(ReferenceProfile profile) {
        Set<String> products = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            products.add("P-" + i);
        }
        return References.of(Map.of("products.product_id", products), List.of(profile));
    }

    @Test
    void sameDistribution_passes_shiftedOne_fails_andEachRuleSaysWhy() {
        ReferenceProfile november = profile(rows(1, 20_000, 100, 0.5));
        Suite suite = SuiteFiles.readYaml(SUITE, references(november));

        SuiteResult same = suite.compile(S).run(rows(2, 5_000, 100, 0.5));
        assertThat(same.outcomes()).allMatch(o -> o instanceof RuleOutcome.Passed, "all pass on like data");
        assertThat(same.outcomes()).extracting(RuleOutcome::rule).containsExactly(
                "references(product_id, products.product_id)", "ksDrift(price)", "psiDrift(region)",
                "chiSquareDrift(region)");

        SuiteResult shifted = suite.compile(S).run(rows(3, 5_000, 110, 0.8));
        assertThat(shifted.outcomes().subList(1, 4)).allMatch(o -> o instanceof RuleOutcome.Failed,
                "drift is seen");
        // five unknown products of 5000 rows are within mostly 0.99
        assertThat(shifted.outcomes().get(0)).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(shifted.outcomes().get(0).metric()).isEqualTo(1 - 5 / 5000.0);
    }

    @Test
    void aRuleFromTheFile_judgesAsTheRuleFromCode() {
        ReferenceProfile november = profile(rows(1, 20_000, 100, 0.5));
        Suite fromFile = SuiteFiles.readYaml(SUITE, references(november));
        Suite fromCode = Suite.of("prices", List.of(
                DriftRules.ksDrift("price", november.sample("price"), 0.1),
                DriftRules.psiDrift("region", november.shares("region"), 0.1),
                DriftRules.chiSquareDrift("region", november.shares("region"), 0.01)));
        List<Row> data = rows(4, 3_000, 102, 0.55);
        List<RuleOutcome> file = fromFile.compile(S).run(data).outcomes();
        List<RuleOutcome> code = fromCode.compile(S).run(data).outcomes();
        assertThat(file.subList(1, 4)).isEqualTo(code);
    }

    @Test
    void theFile_goesBackToTheSameText_andTheProfileThroughJson() {
        ReferenceProfile november = profile(rows(1, 20_000, 100, 0.5));
        Suite suite = SuiteFiles.readYaml(SUITE, references(november));
        Suite back = SuiteFiles.readYaml(SuiteFiles.writeYaml(suite), references(november));
        assertThat(SuiteFiles.writeYaml(back)).isEqualTo(SuiteFiles.writeYaml(suite));

        ReferenceProfile read = ReferenceProfile.fromJson(november.toJson());
        assertThat(read).isEqualTo(november);
        assertThat(read.toJson()).isEqualTo(november.toJson());
    }

    @Test
    void aProfile_isReproducibleFromItsSeed_sampledUniformly_andKeepsNoPersonalColumn() {
        List<Row> data = rows(1, 20_000, 100, 0.5);
        ReferenceProfile a = profile(data);
        assertThat(profile(data)).isEqualTo(a);
        ReferenceProfile.Builder other = ReferenceProfile.builder("prices-2026-11", S).maxSample(2_000).seed(8);
        data.forEach(other::accept);
        assertThat(other.build().sample("price")).isNotEqualTo(a.sample("price"));
        // the 2000 kept of 20000 ids are spread over the whole range, not the first ones
        double[] ids = a.sample("id");
        assertThat(ids).hasSize(2_000);
        assertThat(ids[ids.length / 2]).isBetween(8_000.0, 12_000.0);
        assertThat(a.columns()).extracting(ReferenceProfile.Column::name).doesNotContain("phone");
        assertThat(a.toJson()).doesNotContain("+91");
        assertThat(a.shares("region")).containsOnlyKeys("north", "south", "east");
    }

    @Test
    void anUnknownReference_isAnErrorNamingItsPlace() {
        ReferenceProfile november = profile(rows(1, 1_000, 100, 0.5));
        assertThatThrownBy(() -> SuiteFiles.readYaml(SUITE)).hasMessageStartingWith(
                "rules[0].reference: no keys of 'products.product_id' were given");
        assertThatThrownBy(() -> SuiteFiles.readYaml(SUITE.replace("prices-2026-11", "prices-2026-10"),
                references(november))).hasMessage("rules[1].reference: no reference profile 'prices-2026-10' was "
                + "given (known: prices-2026-11)");
        assertThatThrownBy(() -> SuiteFiles.readYaml(SUITE.replace("column: region", "column: phone"),
                references(november))).hasMessage("rules[2].reference: profile 'prices-2026-11' has no column "
                + "'phone'");
        assertThatThrownBy(() -> SuiteFiles.readYaml(SUITE.replace("max: 0.1\n  - type: psiDrift",
                "\n  - type: psiDrift"), references(november))).hasMessage("rules[1].max: missing");
    }
}
