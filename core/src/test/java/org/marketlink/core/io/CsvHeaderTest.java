package org.marketlink.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.MarketLinkException;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Sinks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvHeaderTest {

    @Test
    void aColumnTheSchemaReadsThatStandsTwiceInTheHeader_isRefusedByName(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("twice.csv"), "id,price,price\n1,2,3\n");
        Schema schema = Schema.of(Field.required("id", FieldType.LONG), Field.optional("price", FieldType.DECIMAL));
        assertThatThrownBy(() -> Pipeline.from(CsvSource.of(f, schema, CsvOptions.defaults())).to(Sinks.discard())
                .run()).isInstanceOf(MarketLinkException.class).hasMessageContaining("'price' more than once");
    }
}
