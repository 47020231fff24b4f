package org.marketlink.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.IllegalTransitionException;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.core.model.Shg;
import org.marketlink.testing.Samples;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An upsert cannot do what the life cycle forbids: a final match stays final. */
class MatchUpsertLifecycleTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void upsertingAFinalMatchBackToPending_isRefused_andChangesNothing(Backend backend) {
        try (MarketStore store = backend.open()) {
            Shg shg = Samples.shgWithoutBank("Umoja");
            store.shgs().insert(shg);
            Buyer buyer = Samples.buyer("Nakumatt");
            Buyer another = Samples.buyer("Tuskys");
            store.buyers().insert(buyer);
            store.buyers().insert(another);
            Match pending = Samples.match(shg.id(), buyer.id(), null);
            Match other = Samples.match(shg.id(), another.id(), null);
            store.matches().upsertAll(List.of(pending, other));
            Match declined = store.matches().transition(pending.id(), MatchStatus.DECLINED, Instant.now());
            assertThat(declined.status()).isEqualTo(MatchStatus.DECLINED);
            // the same records again: pending would reset the declined one
            assertThatThrownBy(() -> store.matches().upsertAll(List.of(other, pending)))
                    .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("DECLINED")
                    .hasMessageContaining("final");
            assertThat(store.matches().get(pending.id()).status()).isEqualTo(MatchStatus.DECLINED);
            // an upsert that keeps the stored state, or makes an allowed move, goes through
            assertThat(store.matches().upsertAll(List.of(store.matches().get(pending.id()), other))).isEqualTo(2);
            // a new record for the same group and buyer is the same match: refused as well
            Match again = Samples.match(shg.id(), buyer.id(), null);
            assertThatThrownBy(() -> store.matches().upsertAll(List.of(again)))
                    .isInstanceOf(IllegalTransitionException.class);
        }
    }
}
