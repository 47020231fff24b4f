package org.marketlink.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.io.JsonLinesSink;
import org.marketlink.core.io.JsonLinesSource;
import org.marketlink.core.model.Shg;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.testsupport.Samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A group written as JSON carries no bank details; they are written only on their own, to be sealed. */
class JsonBankDetailsTest {
    @Test
    void aGroupAsJson_hasNoBankDetails_butTheyStillReadAndWriteAlone(@TempDir Path dir) throws Exception {
        Shg shg = Samples.shg("Umoja");
        assertThat(shg.bankDetails()).isPresent();
        String json = Json.write(shg);
        assertThat(json).doesNotContain(Samples.ACCOUNT_NUMBER).doesNotContain("bank_details")
                .contains("\"name\":\"Umoja\"");
        // alone (how the store seals them) they are written whole
        assertThat(Json.write(shg.bankDetails().get())).contains(Samples.ACCOUNT_NUMBER);
        // a file that does hold them is still read
        String withBank = json.substring(0, json.length() - 1) + ",\"bank_details\":"
                + Json.write(shg.bankDetails().get()) + "}";
        assertThat(Json.read(withBank, Shg.class).bankDetails()).isEqualTo(shg.bankDetails());

        Path file = dir.resolve("shgs.jsonl");
        try (JsonLinesSink<Shg> sink = JsonLinesSink.create(file)) {
            Pipeline.from(Sources.of("shgs", List.of(shg, Samples.shg("Tumaini")))).to(sink).run();
        }
        assertThat(Files.readString(file)).doesNotContain(Samples.ACCOUNT_NUMBER).contains("Tumaini");
        Sinks.ListSink<Shg> back = Sinks.list();
        Pipeline.from(JsonLinesSource.records(file, Shg.class)).to(back).run();
        assertThat(back.rows()).extracting(Shg::name).containsExactlyInAnyOrder("Umoja", "Tumaini");
    }
}
