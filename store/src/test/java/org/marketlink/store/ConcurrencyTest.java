package org.marketlink.store;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.testing.Samples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 16 threads upsert overlapping batches of the same products (in different orders) and read them back. No write
 * may be lost: every product ends with a value some thread wrote in its last round, each thread's own products
 * all exist, and nothing deadlocks.
 */
class ConcurrencyTest {
    private static final int THREADS = 16;
    private static final int ROUNDS = 15;

    @ParameterizedTest
    @EnumSource(Backend.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sixteenThreads_upsertAndRead_loseNothing(Backend backend) throws Exception {
        long seed = System.nanoTime();
        try (MarketStore store = backend.open()) {
            Shg shg = Samples.shgWithoutBank("Umoja");
            store.shgs().insert(shg);
            List<Product> shared = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                shared.add(Samples.product(shg.id(), "Shared " + i));
            }
            Map<String, Set<Integer>> finalWrites = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Product>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Random random = new Random(seed + thread);
                    start.await();
                    List<Product> own = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        int quantity = thread * 1000 + round;
                        List<Product> batch = new ArrayList<>();
                        for (Product p : shared) {
                            batch.add(p.withAvailableQuantity(quantity, Samples.T0.plusSeconds(round)));
                        }
                        Product mine = Samples.product(shg.id(), "Own " + thread + "-" + round);
                        own.add(mine);
                        batch.add(mine);
                        Collections.shuffle(batch, random);
                        store.products().upsertAll(batch);
                        if (round == ROUNDS - 1) {
                            for (Product p : shared) {
                                finalWrites.computeIfAbsent(p.name(), k -> ConcurrentHashMap.newKeySet())
                                        .add(quantity);
                            }
                        }
                        assertThat(store.products().findById(mine.id())).isPresent();
                        assertThat(store.products().findByShg(shg.id())).isNotEmpty();
                    }
                    return own;
                }));
            }
            start.countDown();
            List<Product> own = new ArrayList<>();
            for (Future<List<Product>> f : futures) {
                own.addAll(f.get(110, TimeUnit.SECONDS));
            }
            pool.shutdown();

            Map<String, Product> stored = store.products().findByShg(shg.id()).stream()
                    .collect(Collectors.toMap(Product::name, p -> p));
            assertThat(stored).as("seed %d", seed).hasSize(shared.size() + THREADS * ROUNDS);
            for (Product p : own) {
                assertThat(stored.get(p.name())).as("seed %d", seed).isEqualTo(p);
            }
            for (Product p : shared) {
                // the last committed batch wins, and it was some thread's final round
                assertThat(finalWrites.get(p.name())).as("seed %d", seed)
                        .contains(stored.get(p.name()).availableQuantity());
                assertThat(stored.get(p.name()).id()).isEqualTo(p.id());
            }
        }
    }
}
