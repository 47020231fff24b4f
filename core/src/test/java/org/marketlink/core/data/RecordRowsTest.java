package org.marketlink.core.data;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.Product;
import org.marketlink.core.testsupport.Samples;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void fromRow_badValues_nameTheRecordAndField() {
        RecordRows<Product> rows = RecordRows.of(Product.class);
        Row good = rows.toRow(Samples.product(UUID.randomUUID(), "Shawl"));
        assertThatThrownBy(() -> rows.fromRow(good.with(good.schema().indexOf("id"), "nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Product field 'id'")
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> rows.fromRow(good.with(good.schema().indexOf("images"), "{not json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Product field 'images'");
        assertThatThrownBy(() -> rows.fromRow(good.with(good.schema().indexOf("availableQuantity"), -5L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Product: ")
                .hasMessageContaining("availableQuantity");
        assertThatThrownBy(() -> rows.fromRow(good.with(good.schema().indexOf("availableQuantity"), 1L << 40)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Product field 'availableQuantity'")
                .hasMessageContaining("1099511627776 does not fit in an int");
        RecordRows<Match> matches = RecordRows.of(Match.class);
        Row match = matches.toRow(Samples.match(UUID.randomUUID(), UUID.randomUUID(), null));
        assertThatThrownBy(() -> matches.fromRow(match.with(match.schema().indexOf("status"), "LOST")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Match field 'status'")
                .hasMessageContaining("'LOST' is not one of");
        assertThatThrownBy(() -> RecordRows.of(DemandForecast.class).fromRow(good))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a DemandForecast row");
    }

    @Test
    void aRecordViewReadsTheSameValuesAsItsRow_andMasksPersonalDataTheSameWay() {
        RecordRows<Product> products = RecordRows.of(Product.class);
        RecordRows<Match> matches = RecordRows.of(Match.class);
        RecordRows<Buyer> buyers = RecordRows.of(Buyer.class);
        Product p = Samples.product(UUID.randomUUID(), "Shawl");
        Match m = Samples.match(UUID.randomUUID(), UUID.randomUUID(), null);
        Buyer b = Samples.buyer("Asha Stores");
        sameAsRow(products, p);
        sameAsRow(matches, m);
        sameAsRow(buyers, b);
        RowView view = buyers.view(b);
        assertThat(view.schema()).isEqualTo(buyers.schema());
        assertThat(view.getString("name")).isEqualTo(b.name());
        assertThat(products.view(p).getLong(products.schema().indexOf("availableQuantity"))).isEqualTo(120L);
        assertThat(matches.view(m).isNull(matches.schema().indexOf("productId"))).isTrue();
        assertThat(view.toString()).contains("***");
        assertThatThrownBy(() -> products.view(null)).hasMessageContaining("record");
    }

    private static <T extends Record> void sameAsRow(RecordRows<T> rows, T record) {
        Row row = rows.toRow(record);
        RowView view = rows.view(record);
        for (int i = 0; i < row.schema().size(); i++) {
            assertThat(view.get(i)).as(row.schema().field(i).name()).isEqualTo(row.get(i));
        }
        assertThat(view.toString()).isEqualTo(row.toString());
        assertThat(view.toRow()).isEqualTo(row);
    }
}
