package org.marketlink.testing;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.RecordRows;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RecordRows} round trips on every record the seeded marketplace makes (core cannot see this module). */
class MarketFixturesRecordRowsTest {

    @Test
    void fromRow_isTheReverseOfToRow_forEveryDomainRecord() {
        MarketFixtures market = MarketFixtures.generate(7, MarketFixtures.Options.defaults().withSize(20, 30));
        roundTrips(Shg.class, market.shgs());
        roundTrips(Buyer.class, market.buyers());
        roundTrips(Product.class, market.products());
        roundTrips(Match.class, market.matchHistory());
        roundTrips(Match.class, List.of(Samples.match(UUID.randomUUID(), UUID.randomUUID(), null)));
    }

    private static <T extends Record> void roundTrips(Class<T> type, List<T> records) {
        RecordRows<T> rows = RecordRows.of(type);
        assertThat(records).isNotEmpty();
        for (T r : records) {
            assertThat(rows.fromRow(rows.toRow(r))).isEqualTo(r);
        }
    }

}
