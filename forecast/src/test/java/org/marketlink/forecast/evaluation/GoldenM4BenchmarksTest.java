package org.marketlink.forecast.evaluation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.models.Naive2;
import org.marketlink.forecast.models.Ses;
import org.marketlink.forecast.models.Theta;
import org.marketlink.testing.SharedData;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Naive2, SES and classic Theta against the figures in shared/data/forecast/REFERENCE.md (R's forecast package
 * and the M4 benchmark code on the same series), to 3 decimals.
 */
class GoldenM4BenchmarksTest {
    private static Path folder() {
        return SharedData.file("forecast").resolve(".");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "M4-Weekly, Naive2, 8.783, 2.639",
            "M4-Weekly, SES, 8.657, 2.534",
            "M4-Weekly, Theta, 8.702, 2.490",
            "M4-Hourly, Naive2, 18.541, 2.358",
            "M4-Hourly, SES, 18.349, 2.349",
            "M4-Hourly, Theta, 18.386, 2.413",
            "M3-Yearly, Naive2, 17.442, 3.161",
            "M3-Yearly, SES, 17.253, 3.155",
            "M3-Yearly, Theta, 16.061, 2.776",
            "M3-Quarterly, Naive2, 10.046, 1.251",
            "M3-Quarterly, SES, 9.754, 1.238",
            "M3-Quarterly, Theta, 9.317, 1.136",
            "M3-Monthly, Naive2, 16.240, 1.011",
            "M3-Monthly, SES, 13.853, 0.901",
            "M3-Monthly, Theta, 13.564, 0.845",
            "M3-Other, Naive2, 6.646, 3.262",
            "M3-Other, SES, 6.542, 3.262",
            "M3-Other, Theta, 5.309, 2.475",
    })
    void method_onSet_matchesReference(String set, String method, double smape, double mase) {
        Forecaster f = switch (method) {
            case "Naive2" -> Naive2.create();
            case "SES" -> Ses.create();
            case "Theta" -> Theta.create();
            default -> throw new IllegalArgumentException(method);
        };
        SetScore score = SetScore.of(f, CompetitionSet.read(folder(), set));
        assertThat(score.smape()).as("sMAPE").isCloseTo(smape, within(0.0005));
        assertThat(score.mase()).as("MASE").isCloseTo(mase, within(0.0005));
    }
}
