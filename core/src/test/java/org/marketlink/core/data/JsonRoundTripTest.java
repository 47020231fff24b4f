package org.marketlink.core.data;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.testsupport.Samples;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonRoundTripTest {

    @Test
    void everyRecord_roundTrips() {
        UUID id = UUID.randomUUID();
        List<Object> values = List.of(
                Samples.shg("Umoja"), Samples.shgWithoutBank("Tumaini"), Samples.product(id, "Shawl"),
                Samples.buyer("Gikomba Traders"), Samples.match(id, id, id), Samples.match(id, id, null),
                Samples.order("INV-1", id, id, id), Samples.marketData(id, Samples.T0),
                Samples.pricing(id, LocalDate.of(2026, 1, 3)), Samples.forecast(id, LocalDate.of(2026, 2, 1)));
        for (Object value : values) {
            String json = Json.write(value);
            if (value instanceof Shg shg && shg.bankDetails().isPresent()) {
                // bank details are never written inside a record (issue #16): everything else comes back
                Shg back = Json.read(json, Shg.class);
                assertThat(back.bankDetails()).isEmpty();
                assertThat(back).usingRecursiveComparison().ignoringFields("bankDetails").isEqualTo(shg);
                continue;
            }
            assertThat(Json.read(json, value.getClass())).as(json).isEqualTo(value);
        }
    }

    @Test
    void names_areSnakeCaseLikeTheColumns() {
        UUID id = UUID.randomUUID();
        assertThat(Json.write(Samples.product(id, "Shawl"))).contains("\"unit_price\":450.00", "\"shg_id\"",
                "\"minimum_order_quantity\"", "\"created_at\":\"2026-01-05T08:30:00Z\"");
        assertThat(Json.write(Samples.shg("Umoja"))).contains("\"member_count\"", "\"monthly_capacity\"",
                "\"quality_metrics\"");
        assertThat(Json.write(Samples.pricing(id, LocalDate.of(2026, 1, 3)))).contains("\"sale_date\":\"2026-01-03\"",
                "\"quantity_sold\"");
    }

    @Test
    void invalidValues_failWithTheFieldName() {
        String json = Json.write(Samples.forecast(UUID.randomUUID(), LocalDate.of(2026, 2, 1)))
                .replace("\"lower_bound\":60.25", "\"lower_bound\":500");
        assertThatThrownBy(() -> Json.read(json, DemandForecast.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lowerBound");
        assertThatThrownBy(() -> Json.read("{not json", MarketData.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MarketData");
    }

    @Test
    void readTypes_areTheRecords() {
        assertThat(List.of(Shg.class, Product.class, Buyer.class, Match.class, Order.class, MarketData.class,
                PricingHistory.class, DemandForecast.class)).allMatch(Class::isRecord);
    }
}
