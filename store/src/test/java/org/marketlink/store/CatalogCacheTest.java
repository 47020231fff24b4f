package org.marketlink.store;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.testing.Samples;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogCacheTest {

    @Test
    void findById_countsHitsAndMisses_andWritesInvalidate() {
        try (MarketStore store = MarketStore.inMemory()) {
            Shg shg = Samples.shgWithoutBank("Umoja");
            store.shgs().insert(shg);
            Product p = Samples.product(shg.id(), "Shawl");
            store.products().insert(p);

            assertThat(store.products().findById(p.id())).contains(p);
            assertThat(store.products().findById(p.id())).contains(p);
            assertThat(store.products().findById(p.id())).contains(p);
            CacheStatistics stats = store.cacheStatistics().get("product");
            assertThat(stats.misses()).isEqualTo(1);
            assertThat(stats.hits()).isEqualTo(2);
            assertThat(stats.hitRate()).isCloseTo(2 / 3.0, Offset.offset(1e-9));

            Product restocked = p.withAvailableQuantity(7, Samples.T0.plusSeconds(9));
            store.products().upsertAll(List.of(restocked));
            assertThat(store.products().findById(p.id())).contains(restocked);
            assertThat(store.cacheStatistics().get("product").misses()).isEqualTo(2);
        }
    }

    @Test
    void absentEntity_isNotCached() {
        try (MarketStore store = MarketStore.inMemory()) {
            Shg shg = Samples.shgWithoutBank("Umoja");
            assertThat(store.shgs().findById(shg.id())).isEmpty();
            store.shgs().insert(shg);
            assertThat(store.shgs().findById(shg.id())).contains(shg);
        }
    }

    @Test
    void disabledCache_alwaysReadsTheDatabase() {
        try (MarketStore store = MarketStore.inMemory(StoreOptions.defaults().withCache(0,
                Duration.ofMinutes(1)))) {
            Shg shg = Samples.shgWithoutBank("Umoja");
            store.shgs().insert(shg);
            store.shgs().findById(shg.id());
            store.shgs().findById(shg.id());
            assertThat(store.cacheStatistics().get("shg").hits()).isZero();
        }
    }
}
