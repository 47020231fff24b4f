package org.marketlink.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.pipeline.Emitter;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
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

    @ParameterizedTest
    @EnumSource(Backend.class)
    void namesLongerThanTheirColumns_areCutToFit_andTheRunIsRecorded(Backend backend) {
        // a CSV header of 300 characters names the column of a rejection; a host's source path of 2,000 characters
        String column = "c".repeat(300);
        String source = "/data/" + "d".repeat(2_000) + ".csv";
        try (MarketStore store = backend.open()) {
            RunReport report = Pipeline.from(Sources.of(source, List.of(1, -1)))
                    .then("s".repeat(250), (Integer i, Emitter<Integer> out) -> {
                        if (i > 0) {
                            out.emit(i);
                        } else {
                            out.reject("R".repeat(150), column, "not positive");
                        }
                    })
                    .to(Sinks.<Integer>discard()).quarantineTo(store.quarantine().sink()).run();
            assertThat(report.balanced()).isTrue();
            store.lineage().record(report);
            assertThat(store.quarantine().supersedeIdenticalRuns(report)).isZero();
            Rejection stored = store.quarantine().find(report.runId()).get(0);
            assertThat(stored.column()).hasSize(200).startsWith("ccc").endsWith("[cut: 300 characters in all]");
            assertThat(stored.reasonCode()).hasSize(100).endsWith("[cut: 150 characters in all]");
            assertThat(stored.stage()).hasSize(200).endsWith("[cut: 250 characters in all]");
            assertThat(stored.source()).hasSize(1000).startsWith("/data/ddd").endsWith("[cut: 2010 characters in all]");
            assertThat(store.lineage().find(report.runId()).orElseThrow().source()).hasSize(1000);
        }
    }
}
