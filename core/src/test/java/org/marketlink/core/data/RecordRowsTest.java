package org.marketlink.core.data;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.Product;
import org.marketlink.core.testsupport.Samples;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RecordRowsTest {

    @Test
    void records_becomeRowsOfTheirSchema() {
        Product p = Samples.product(UUID.randomUUID(), "Shawl");
        Row row = RecordRows.of(Product.class).toRow(p);
        assertThat(row.schema()).isEqualTo(Schema.of(Product.class));
        assertThat(row.get("name")).isEqualTo("Shawl");
        assertThat(row.get("unitPrice")).isEqualTo(p.unitPrice());
        assertThat(row.get("availableQuantity")).isEqualTo(120L);
        assertThat(row.get("images")).isEqualTo("[\"img/1.jpg\"]");
        assertThat(row.get("id")).isEqualTo(p.id().toString());
        Match m = Samples.match(UUID.randomUUID(), UUID.randomUUID(), null);
        Row mr = RecordRows.of(Match.class).toRow(m);
        assertThat(mr.get("productId")).isNull();
        assertThat(mr.get("status")).isEqualTo("PENDING");
        assertThat(mr.get("lastInteraction")).isEqualTo(m.lastInteraction());
    }
}
