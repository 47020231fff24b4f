package org.marketlink.examples.mainjob;

import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.model.Location;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.OrderLine;
import org.marketlink.core.model.PaymentTerms;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Range;
import org.marketlink.core.model.Shg;
import org.marketlink.core.pipeline.Emitter;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.examples.data.OnlineRetail;
import org.marketlink.examples.data.SharedFiles;
import org.marketlink.store.MarketStore;
import org.marketlink.store.governance.SchemaRegistry;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Online Retail orders in the store: the wholesaler as a selling group, its customers as buyers, its stock codes
 * as products, every invoice as an order; the file's bad lines (cancellations, charges, missing customers, ...) in
 * quarantine with their reasons, the run in the lineage table.
 */
final class RetailStep {
    /** Countries of the file by ISO code; the rest are recorded as ZZ (unknown). */
    private static final Map<String, String> COUNTRIES = Map.ofEntries(Map.entry("United Kingdom", "GB"),
            Map.entry("Germany", "DE"), Map.entry("EIRE", "IE"), Map.entry("France", "FR"), Map.entry("Spain", "ES"),
            Map.entry("Netherlands", "NL"), Map.entry("Belgium", "BE"), Map.entry("Switzerland", "CH"),
            Map.entry("Australia", "AU"), Map.entry("Portugal", "PT"), Map.entry("Norway", "NO"),
            Map.entry("Finland", "FI"), Map.entry("Italy", "IT"), Map.entry("Cyprus", "CY"), Map.entry("Sweden", "SE"),
            Map.entry("Japan", "JP"), Map.entry("Austria", "AT"), Map.entry("Poland", "PL"),
            Map.entry("Denmark", "DK"), Map.entry("Israel", "IL"), Map.entry("Hong Kong", "HK"),
            Map.entry("Singapore", "SG"), Map.entry("Canada", "CA"), Map.entry("Iceland", "IS"),
            Map.entry("Greece", "GR"), Map.entry("Malta", "MT"), Map.entry("USA", "US"), Map.entry("Brazil", "BR"));

    /** What the step did. */
    record Result(RunReport run, int orders, int buyers, int products) {
    }

    private RetailStep() {
    }

    static Optional<Path> sharedFile() {
        return SharedFiles.find(SharedFiles.ONLINE_RETAIL);
    }

    static Result run(MarketStore store, Path file, Instant now, PrintStream out) {
        Shg wholesaler = new Shg(OnlineRetail.WHOLESALER, "Online Retail wholesaler", Location.of("", "London", "GB",
                null), "gifts", 80, 1_000_000, List.of(), Map.of(), ContactInfo.none(), Optional.empty(), now, now);
        store.shgs().upsertAll(List.of(wholesaler));
        // the layout the file is read with, registered (and checked against the last one) before a row is read
        int schema = SchemaRegistry.of(store, SchemaRegistry.Mode.BACKWARD, Clock.fixed(now, ZoneOffset.UTC))
                .register("online_retail_orders", OnlineRetail.SCHEMA);
        out.println("      schema online_retail_orders v" + schema);
        // one pass: each customer and stock item stored before the first order that names it, orders into the store
        Map<UUID, Boolean> products = new ConcurrentHashMap<>();
        Set<UUID> buyers = ConcurrentHashMap.newKeySet();
        AtomicInteger orders = new AtomicInteger();
        RunReport run = OnlineRetail.orders(OnlineRetail.source(file))
                .then("customers", Stages.beforeFirst(Order::buyerId, (Order o) -> {
                    store.buyers().upsertAll(List.of(buyer(o, now)));
                    buyers.add(o.buyerId());
                }))
                .then("stock-items", (Order o, Emitter<Order> emit) -> {
                    for (OrderLine l : o.lines()) {
                        // waits while another thread stores the same item, so no order overtakes its products
                        products.computeIfAbsent(l.productId(), id -> {
                            store.products().upsertAll(List.of(product(l, wholesaler, now)));
                            return Boolean.TRUE;
                        });
                    }
                    emit.emit(o);
                })
                .to(Sinks.of("orders", (List<Order> chunk) -> {
                    store.orders().upsertAll(chunk);
                    orders.addAndGet(chunk.size());
                }))
                .quarantineTo(store.quarantine().sink())
                .run(RunOptions.defaults().withChunkSize(8192).withListener(Progress.every(100_000, out)));
        store.lineage().record(run);
        // the same file again (a rerun of the day) keeps one copy of its rejections, this run's
        store.quarantine().supersedeIdenticalRuns(run);
        return new Result(run, orders.get(), buyers.size(), products.size());
    }

    private static Buyer buyer(Order o, Instant now) {
        String country = o.deliveryAddress().isBlank() ? "Unspecified" : o.deliveryAddress();
        return new Buyer(o.buyerId(), "Customer " + o.buyerId().toString().substring(0, 8), BuyerType.RETAILER,
                Location.of(country, country, COUNTRIES.getOrDefault(country, "ZZ"), null), List.of("gifts"),
                Map.of(), Range.of(1L, 10_000L), Range.of(new BigDecimal("0.01"), new BigDecimal("10000.00")),
                List.of(), PaymentTerms.ADVANCE, 3, now, now);
    }

    private static Product product(OrderLine l, Shg wholesaler, Instant now) {
        return new Product(l.productId(), wholesaler.id(), "Stock item " + l.productId().toString().substring(0, 8),
                "gifts", "", "piece", l.unitPrice().signum() > 0 ? l.unitPrice() : new BigDecimal("0.01"),
                BigDecimal.ZERO, List.of(), List.of(), 0, 1, 0, 0.5, now, now);
    }
}
