package org.marketlink.store.features;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.features.interaction.Interaction;
import org.marketlink.core.features.interaction.InteractionFeatures;
import org.marketlink.core.features.interaction.InteractionSummary;
import org.marketlink.core.features.interaction.LiveInteractionFeatures;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.store.Backend;
import org.marketlink.store.MarketStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interaction profiles updated chunk by chunk as a stream arrives: after each chunk is committed, the feature store
 * serves every user's profile as of that chunk (the online cache refreshed, even for a user read before), equal to
 * the batch features over everything up to it; a retried chunk is not counted twice.
 */
class StreamingFeaturesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theOnlineProfileOfEveryUser_isThatOfTheLastCommittedChunk(Backend backend) {
        Random r = new Random(5);
        List<Interaction> stream = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            stream.add(new Interaction("c" + r.nextInt(40), "item-" + r.nextInt(90), T0.plusSeconds(i * 7L),
                    r.nextInt(3) == 0 ? 1 + r.nextInt(5) : Double.NaN));
        }
        try (MarketStore store = backend.open()) {
            FeatureStore features = FeatureStore.of(store);
            InteractionFeatureSink sink = InteractionFeatureSink.of(features, LiveInteractionFeatures.keepingRecent(5),
                    "customer");
            FeatureSet<InteractionSummary> profile = sink.profile();
            // read once before the stream: a cached "no value" must not survive the first chunk
            assertThat(features.latest(profile, "c1")[0]).isNaN();
            List<String> wrong = new ArrayList<>();
            Pipeline.from(Sources.of("interactions", stream)).to(sink).run(RunOptions.defaults().withChunkSize(1_000)
                    .withCommitListener(c -> {
                        InteractionFeatures upTo = InteractionFeatures.of(stream.subList(0, (int) c.throughRow()), 5);
                        for (String user : upTo.users()) {
                            double[] served = features.latest(profile, user);
                            InteractionSummary expected = upTo.user(user);
                            if (served[0] != expected.interactions() || served[1] != expected.distinctCounterparts()
                                    || served[3] != expected.last().orElseThrow().getEpochSecond()) {
                                wrong.add("after row " + c.throughRow() + " user " + user);
                            }
                        }
                    }));
            assertThat(wrong).isEmpty();
            InteractionSummary c1 = InteractionFeatures.of(stream, 5).user("c1");
            assertThat(features.latest(profile, "c1")[2]).isEqualTo(c1.averageRating());

            // the runner's retry of a chunk writes it again without counting it twice
            ChunkKey again = new ChunkKey("retried-run", 0, 1);
            List<Interaction> extra = List.of(new Interaction("solo", "item-1", T0, 4));
            sink.write(again, extra);
            sink.write(again, extra);
            assertThat(features.latest(profile, "solo")[0]).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = "H2")
    void aUserIdLongerThanTheStoresKeys_isQuarantinedWithoutItsText_andTheStreamGoesOn(Backend backend) {
        String longId = "u".repeat(201);
        List<Interaction> stream = List.of(new Interaction("c1", "item-1", T0, 4),
                new Interaction(longId, "item-2", T0.plusSeconds(1), 3), new Interaction("c1", "item-3", T0.plusSeconds(2),
                        Double.NaN));
        try (MarketStore store = backend.open()) {
            FeatureStore features = FeatureStore.of(store);
            InteractionFeatureSink sink = InteractionFeatureSink.of(features, LiveInteractionFeatures.keepingRecent(5),
                    "customer");
            Sinks.ListQuarantine quarantine = Sinks.quarantineList();
            RunReport run = Pipeline.from(Sources.of("interactions", stream)).to(sink).quarantineTo(quarantine).run();
            assertThat(run.balanced()).isTrue();
            assertThat(quarantine.rejections()).singleElement().satisfies(r -> {
                assertThat(r.reasonCode()).isEqualTo("KEY_TOO_LONG");
                assertThat(r.message()).contains("201 characters").doesNotContain(longId);
            });
            assertThat(features.latest(sink.profile(), "c1")[0]).isEqualTo(2);
        }
    }
}
