package org.marketlink.examples.marts;

import org.junit.jupiter.api.Test;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.SuiteResult;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsMartsExampleTest {
    @Test
    void martsAreBuiltTestedAndTheExperimentAnalysed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AnalyticsMartsExample.Result r = AnalyticsMartsExample.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(r.rows().get("fact_sales")).isEqualTo(r.rows().get("stg_order_lines") + 1); // plus the late line
        assertThat(r.rows().get("mart_demand_features")).isEqualTo(r.featureRows());
        assertThat(r.tests().get("dim_product").status()).isEqualTo(SuiteResult.Status.PASSED);
        assertThat(r.tests().get("mart_demand_features").status()).isEqualTo(SuiteResult.Status.PASSED);
        SuiteResult facts = r.tests().get("fact_sales");
        assertThat(facts.status()).isEqualTo(SuiteResult.Status.ERROR);
        assertThat(facts.outcomes()).filteredOn(o -> !(o instanceof RuleOutcome.Passed)).singleElement()
                .satisfies(o -> assertThat(o.message()).contains("00000000-0000-0000-0000-000000000000"));
        assertThat(r.conversion().controlTrials() + r.conversion().treatmentTrials()).isEqualTo(300);
        assertThat(r.conversion().pValue()).isBetween(0.0, 1.0);
        assertThat(r.conversion().differenceLow()).isLessThan(r.conversion().difference());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("A/B conversion", "buyers per group");
    }
}
