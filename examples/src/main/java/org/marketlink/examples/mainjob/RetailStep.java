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
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.examples.data.OnlineRetail;
import org.marketlink.examples.data.SharedFiles;
import org.marketlink.store.MarketStore;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
        Sinks.ListSink<Order> collected = Sinks.list();
        RunReport run = OnlineRetail.orders(OnlineRetail.source(file)).to(collected)
                .quarantineTo(store.quarantine().sink())
                .run(RunOptions.defaults().withChunkSize(8192).withListener(Progress.every(100_000, out)));
        store.lineage().record(run);
        List<Order> orders = collected.rows();
        Shg wholesaler = new Shg(OnlineRetail.WHOLESALER, "Online Retail wholesaler", Location.of("", "London", "GB",
                null), "gifts", 80, 1_000_000, List.of(), Map.of(), ContactInfo.none(), Optional.empty(), now, now);
        Map<UUID, Buyer> buyers = new LinkedHashMap<>();
        Map<UUID, Product> products = new LinkedHashMap<>();
        for (Order o : orders) {
            buyers.computeIfAbsent(o.buyerId(), id -> {
                String country = o.deliveryAddress().isBlank() ? "Unspecified" : o.deliveryAddress();
                return new Buyer(id, "Customer " + id.toString().substring(0, 8), BuyerType.RETAILER,
                        Location.of(country, country, COUNTRIES.getOrDefault(country, "ZZ"), null), List.of("gifts"),
                        Map.of(), Range.of(1L, 10_000L), Range.of(new BigDecimal("0.01"), new BigDecimal("10000.00")),
                        List.of(), PaymentTerms.ADVANCE, 3, now, now);
            });
            for (OrderLine l : o.lines()) {
                products.computeIfAbsent(l.productId(), id -> new Product(id, wholesaler.id(),
                        "Stock item " + id.toString().substring(0, 8), "gifts", "", "piece",
                        l.unitPrice().signum() > 0 ? l.unitPrice() : new BigDecimal("0.01"), BigDecimal.ZERO,
                        List.of(), List.of(), 0, 1, 0, 0.5, now, now));
            }
        }
        store.shgs().upsertAll(List.of(wholesaler));
        store.buyers().upsertAll(new ArrayList<>(buyers.values()));
        store.products().upsertAll(new ArrayList<>(products.values()));
        for (int from = 0; from < orders.size(); from += 2000) {
            store.orders().upsertAll(orders.subList(from, Math.min(orders.size(), from + 2000)));
        }
        return new Result(run, orders.size(), buyers.size(), products.size());
    }
}
