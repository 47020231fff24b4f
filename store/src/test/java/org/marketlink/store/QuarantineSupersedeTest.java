package org.marketlink.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.Stages;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A daily batch run again over the same input keeps one copy of its rejections, and never loses a different one. */
class QuarantineSupersedeTest {

    private static RunReport run(MarketStore store, List<Integer> input) {
        RunReport report = Pipeline.from(Sources.of("extract-2026-11-25.csv", input))
                .then("positive", Stages.filter((Integer i) -> i > 0, "not positive"))
                .to(Sinks.<Integer>discard()).quarantineTo(store.quarantine().sink()).run();
        store.lineage().record(report);
        return report;
    }

    private static long rows(MarketStore store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM quarantine").mapTo(Long.class).one());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anIdenticalRerunSupersedesTheEarlierRejections_aDifferentOneDoesNot(Backend backend) {
        try (MarketStore store = backend.open()) {
            List<Integer> input = List.of(3, -1, 4, 0, 5, -9);
            RunReport first = run(store, input);
            RunReport again = run(store, input);
            assertThat(rows(store)).isEqualTo(6);
            assertThat(store.quarantine().supersedeIdenticalRuns(again)).isEqualTo(3);
            assertThat(rows(store)).isEqualTo(3);
            assertThat(store.quarantine().find(first.runId())).isEmpty();
            assertThat(store.quarantine().find(again.runId())).hasSize(3);
            // both runs stay in the lineage
            assertThat(store.lineage().find(first.runId())).isPresent();

            // the same counts and the same rows written, but other rejected values: nothing is superseded
            RunReport changed = run(store, List.of(3, -2, 4, 0, 5, -9));
            assertThat(changed.checksum()).isEqualTo(again.checksum());
            assertThat(store.quarantine().supersedeIdenticalRuns(changed)).isZero();
            assertThat(store.quarantine().find(again.runId())).hasSize(3);
            // the same rejections after other rows were written: nothing is superseded either
            RunReport other = run(store, List.of(7, -1, 4, 0, 5, -9));
            assertThat(store.quarantine().supersedeIdenticalRuns(other)).isZero();
            assertThat(rows(store)).isEqualTo(9);
        }
    }
}
