package org.marketlink.examples.customers;

import org.marketlink.core.data.Row;
import org.marketlink.core.features.interaction.Interaction;
import org.marketlink.core.features.interaction.InteractionFeatures;
import org.marketlink.core.features.interaction.InteractionSummary;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.examples.data.OnlineRetail;
import org.marketlink.examples.data.SharedFiles;
import org.marketlink.matching.evaluation.NegativeSampler;
import org.marketlink.store.MarketStore;
import org.marketlink.store.features.FeatureDefinition;
import org.marketlink.store.features.FeatureSet;
import org.marketlink.store.features.FeatureStore;
import org.marketlink.store.governance.Catalog;
import org.marketlink.store.governance.SubjectData;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A host ingesting customer data: the Online Retail CSV read with schema checks (cells that do not parse, and lines
 * the rules refuse, are quarantined per row with a reason), then more events fed by the host as a stream while the
 * pipeline runs, user and item features computed and stored, a training set with 1:4 negative sampling, and one
 * customer exported and erased on request.
 */
public final class CustomerDataExample {
    private CustomerDataExample() {
    }

    /** What the example did. */
    public record Result(RunReport batch, RunReport stream, Map<String, Long> rejectedByReason, int customers,
                         int items, int positives, int negatives, String erasedCustomer, int exportedBytes,
                         int erasedRows, double featureAfterErase) {
    }

    public static void main(String[] args) {
        Path file = SharedFiles.find(SharedFiles.ONLINE_RETAIL).orElse(null);
        if (file == null) {
            System.out.println("shared/data/online_retail_2010-12_2011-09.csv.gz not found above this directory");
            return;
        }
        run(file, System.out);
    }

    public static Result run(Path file, PrintStream out) {
        try (MarketStore store = MarketStore.inMemory()) {
            // 1. the file, with schema checks and per-row errors in the store's quarantine
            List<Interaction> interactions = new ArrayList<>();
            RunReport batch = Pipeline.from(OnlineRetail.source(file))
                    .then("line-rules", OnlineRetail.lineRules())
                    .then("to-interaction", Stages.map(CustomerDataExample::interaction))
                    .to(Sinks.of("interactions", interactions::addAll))
                    .quarantineTo(store.quarantine().sink()).run(RunOptions.defaults().withChunkSize(8192));
            store.lineage().record(batch);
            Map<String, Long> rejected = new TreeMap<>(store.quarantine().countByReason(batch.runId()));
            out.printf("batch: %,d lines in, %,d interactions, %,d quarantined %s%n", batch.rowsIn(), batch.rowsOut(),
                    batch.quarantined(), rejected);

            // 2. the host keeps producing events; the pipeline drains them as they come
            BlockingQueue<Interaction> queue = new ArrayBlockingQueue<>(256);
            Interaction end = Interaction.of("-", "-", Instant.EPOCH);
            Thread producer = new Thread(() -> {
                Instant t = Instant.parse("2011-10-01T09:00:00Z");
                for (int i = 0; i < 5_000; i++) {
                    Interaction last = interactions.get(i * 37 % interactions.size());
                    put(queue, Interaction.of(last.user(), last.item(), t.plusSeconds(i * 60L)));
                }
                put(queue, end); // waits for room like every event: the reader stops only when it sees this
            }, "host-event-producer");
            producer.start();
            List<Interaction> streamed = new ArrayList<>();
            RunReport stream = Pipeline.from(Sources.fromIterators("host-events", () -> drain(queue, end),
                            OptionalLong.empty()))
                    .to(Sinks.of("interactions", streamed::addAll)).run(RunOptions.defaults().withChunkSize(500));
            interactions.addAll(streamed);
            out.printf("stream: %,d events received while the host produced them%n", stream.rowsOut());

            // 3. user and item features, stored for the customers
            InteractionFeatures features = InteractionFeatures.of(interactions, 5);
            Instant asOf = Instant.parse("2011-10-05T00:00:00Z");
            FeatureSet<String> customerSet = FeatureSet.of("customer_activity",
                    FeatureDefinition.of("interactions", 1, "customer", "lines bought",
                            (String c) -> features.user(c).interactions()),
                    FeatureDefinition.of("distinct_items", 1, "customer", "different stock codes",
                            (String c) -> features.user(c).distinctCounterparts()),
                    FeatureDefinition.of("days_since_last", 1, "customer", "days since the last purchase",
                            (String c) -> Duration.between(features.user(c).last().orElseThrow(), asOf).toDays()));
            FeatureStore store2 = FeatureStore.of(store);
            List<String> customers = new ArrayList<>(features.users());
            customers.sort(null);
            store2.materialize(customerSet, customers, c -> c, c -> asOf, batch.runId());
            String busiest = customers.stream().max((a, b) -> Long.compare(features.user(a).interactions(),
                    features.user(b).interactions())).orElseThrow();
            InteractionSummary top = features.user(busiest);
            out.printf("features: %,d customers, %,d items; busiest customer %s: %,d lines, %,d items, last %s; "
                    + "recent %s%n", customers.size(), features.items().size(), busiest, top.interactions(),
                    top.distinctCounterparts(), top.last().orElseThrow(), features.recent(busiest).stream()
                            .map(Interaction::item).toList());

            // 4. training rows: each customer's items as positives, four sampled non-purchases per positive
            List<String> items = new ArrayList<>(features.items());
            items.sort(null);
            Map<String, Integer> itemIndex = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                itemIndex.put(items.get(i), i);
            }
            Map<String, Set<Integer>> bought = new HashMap<>();
            for (Interaction i : interactions) {
                bought.computeIfAbsent(i.user(), k -> new HashSet<>()).add(itemIndex.get(i.item()));
            }
            NegativeSampler sampler = new NegativeSampler(items.size(), 4, 42);
            int positives = 0;
            int negatives = 0;
            for (String c : customers.subList(0, Math.min(500, customers.size()))) {
                Set<Integer> mine = bought.get(c);
                int[] drawn = sampler.sample(mine);
                for (int n : drawn) {
                    if (mine.contains(n)) {
                        throw new IllegalStateException("a known purchase was sampled as a negative");
                    }
                }
                positives += mine.size();
                negatives += drawn.length;
            }
            out.printf("training rows: %,d positives, %,d negatives (1:4 where the catalogue has enough items the "
                    + "customer never bought; none a known purchase)%n", positives,
                    negatives);

            // 5. one customer asks for their data, then for its erasure
            SubjectData subjects = new SubjectData(store, Catalog.builtIn());
            String json = subjects.export("customer", busiest);
            SubjectData.Erasure erasure = subjects.erase("customer", busiest);
            double after = store2.latest(customerSet, busiest)[0];
            out.printf("customer %s: exported %,d bytes of JSON, erased %d rows %s; stored features now %s%n", busiest,
                    json.length(), erasure.total(), erasure.rowsByTable(), Double.isNaN(after) ? "gone" : after);
            return new Result(batch, stream, rejected, customers.size(), items.size(), positives, negatives, busiest,
                    json.length(), erasure.total(), after);
        }
    }

    private static Interaction interaction(Row row) {
        return Interaction.of(OnlineRetail.customer(row.getString("CustomerID")),
                row.getString("StockCode").strip().toUpperCase(Locale.ROOT),
                row.getTimestamp(row.schema().indexOf("InvoiceDate")));
    }

    private static void put(BlockingQueue<Interaction> queue, Interaction event) {
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing events", e);
        }
    }

    // the queue as an iterator that ends at the end marker
    private static Iterator<Interaction> drain(BlockingQueue<Interaction> queue, Interaction end) {
        return new Iterator<>() {
            private Interaction next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        next = end;
                    }
                }
                return next != end;
            }

            @Override
            public Interaction next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Interaction out = next;
                next = null;
                return out;
            }
        };
    }
}
