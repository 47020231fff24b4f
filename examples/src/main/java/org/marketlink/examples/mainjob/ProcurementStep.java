package org.marketlink.examples.mainjob;

import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.CsvOptions;
import org.marketlink.core.io.CsvSource;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.OrderLine;
import org.marketlink.core.model.OrderStatus;
import org.marketlink.core.model.PaymentStatus;
import org.marketlink.core.model.Product;
import org.marketlink.core.pipeline.Emitter;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.store.MarketStore;
import org.marketlink.store.governance.SchemaRegistry;
import org.marketlink.testing.MarketFixtures;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The "procurement portal" extract of the daily batch: a government procurement portal's awards, as CSV, into
 * {@code orders} (one order per award, reference {@code TENDER-<tender id>}). The portal is <b>synthetic</b>: its
 * file is made by {@link MarketFixtures#procurementAwards()} from the day's marketplace, every row says so in its
 * {@code data_origin} column, and the file's name says it too.
 *
 * <p>Quarantined, each with its raw row: {@code PARSE_ERROR} (a date or number that does not read),
 * {@code MISSING_PRODUCT}, {@code BAD_PRICE} (below zero, fractions of a cent, or beyond what an order holds),
 * {@code BAD_QUANTITY} (0 or less, beyond three decimals, or beyond what an order holds), {@code UNKNOWN_PRODUCT} (not a product of the named
 * supplier group), {@code UNKNOWN_AGENCY} (not a government buyer of the store) and {@code DUPLICATE} (a tender id
 * seen before in the file).
 */
final class ProcurementStep {
    static final String DATASET = "procurement_awards";
    static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000");
    static final BigDecimal MAX_QUANTITY = new BigDecimal("100000000000");
    static final BigDecimal MAX_TOTAL = new BigDecimal("100000000000000");
    static final Schema SCHEMA = Schema.of(Field.required("tender_id", FieldType.STRING),
            Field.required("awarded_on", FieldType.DATE), Field.required("agency_id", FieldType.STRING),
            Field.optional("agency", FieldType.STRING), Field.required("supplier_group_id", FieldType.STRING),
            Field.optional("product_id", FieldType.STRING), Field.optional("item", FieldType.STRING),
            Field.required("quantity", FieldType.DECIMAL), Field.required("unit_price", FieldType.DECIMAL),
            Field.required("delivery_by", FieldType.DATE), Field.required("data_origin", FieldType.STRING));

    /**
     * What the step did.
     *
     * @param file    the extract it read
     * @param run     its run
     * @param reasons quarantined rows by reason code
     */
    record Result(Path file, RunReport run, Map<String, Long> reasons) {
    }

    private ProcurementStep() {
    }

    static Result run(MarketStore store, MarketFixtures f, LocalDate today, Path dir, PrintStream out) {
        Path file = dir.resolve("extracts").resolve("procurement-portal-SYNTHETIC-" + today + ".csv");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.procurementAwards().csv(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the procurement extract " + file, e);
        }
        int schema = SchemaRegistry.of(store, SchemaRegistry.Mode.BACKWARD, Clock.fixed(
                today.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC)).register(DATASET, SCHEMA);
        RunReport run = awards(CsvSource.of(file, SCHEMA, CsvOptions.defaults()), store)
                .to(Sinks.of("orders", store.orders()::upsertAll))
                .quarantineTo(store.quarantine().sink())
                .run();
        store.lineage().record(run);
        // the same file again (a rerun of the day) keeps one copy of its rejections, this run's
        store.quarantine().supersedeIdenticalRuns(run);
        Map<String, Long> reasons = store.quarantine().countByReason(run.runId());
        out.printf("  procurement      %s (synthetic, schema v%d): %,d awards in, %,d orders stored, %,d quarantined "
                        + "(%s)%n", file.getFileName(), schema, run.rowsIn(), run.rowsOut(), run.quarantined(),
                MarketDayReport.reasons(reasons));
        return new Result(file, run, reasons);
    }

    /** The awards of {@code source} as orders, checked against the groups, products and buyers of {@code store}. */
    static Pipeline<Order> awards(CsvSource source, MarketStore store) {
        int tender = SCHEMA.indexOf("tender_id");
        int awarded = SCHEMA.indexOf("awarded_on");
        int agency = SCHEMA.indexOf("agency_id");
        int supplier = SCHEMA.indexOf("supplier_group_id");
        int product = SCHEMA.indexOf("product_id");
        int quantity = SCHEMA.indexOf("quantity");
        int price = SCHEMA.indexOf("unit_price");
        int delivery = SCHEMA.indexOf("delivery_by");
        return Pipeline.from(source)
                .then("one-per-tender", Stages.deduplicate((Row r) -> r.getString(tender), Stages.Keep.FIRST))
                .then("to-order", (Row r, Emitter<Order> emit) -> {
                    String productId = r.getString(product);
                    if (productId == null || productId.isBlank()) {
                        emit.reject("MISSING_PRODUCT", "product_id", "award " + r.getString(tender)
                                + " names no product");
                        return;
                    }
                    // what the store's order columns hold (NUMERIC(14, 3) units, NUMERIC(14, 2) prices,
                    // NUMERIC(16, 2) totals): a value beyond them is the award's fault, quarantined here, not a
                    // failed write that would stop the whole run
                    BigDecimal unitPrice = r.getDecimal(price);
                    if (unitPrice.signum() < 0 || unitPrice.stripTrailingZeros().scale() > 2
                            || unitPrice.compareTo(MAX_PRICE) >= 0) {
                        emit.reject("BAD_PRICE", "unit_price", "award " + r.getString(tender) + " has unit price "
                                + unitPrice.toPlainString() + ": a price is 0 or more, in cents, below "
                                + MAX_PRICE.toPlainString());
                        return;
                    }
                    BigDecimal units = r.getDecimal(quantity);
                    if (units.signum() <= 0 || units.stripTrailingZeros().scale() > 3
                            || units.compareTo(MAX_QUANTITY) >= 0
                            || units.multiply(unitPrice).compareTo(MAX_TOTAL) >= 0) {
                        emit.reject("BAD_QUANTITY", "quantity", "award " + r.getString(tender) + " has quantity "
                                + units.toPlainString() + ": a quantity is above 0, to 3 decimals, below "
                                + MAX_QUANTITY.toPlainString() + ", with a total below " + MAX_TOTAL.toPlainString());
                        return;
                    }
                    Optional<Product> p = uuid(productId).flatMap(store.products()::findById)
                            .filter(x -> x.shgId().toString().equals(r.getString(supplier)));
                    if (p.isEmpty()) {
                        emit.reject("UNKNOWN_PRODUCT", "product_id", "award " + r.getString(tender) + " names a product "
                                + "that is not one of its supplier group's");
                        return;
                    }
                    Optional<Buyer> b = uuid(r.getString(agency)).flatMap(store.buyers()::findById)
                            .filter(x -> x.type() == BuyerType.GOVERNMENT);
                    if (b.isEmpty()) {
                        emit.reject("UNKNOWN_AGENCY", "agency_id", "award " + r.getString(tender) + " names an agency "
                                + "that is not a government buyer of the marketplace");
                        return;
                    }
                    LocalDate on = r.getDate(awarded);
                    emit.emit(Order.of(UUID.nameUUIDFromBytes(("procurement:" + r.getString(tender))
                                    .getBytes(StandardCharsets.UTF_8)), "TENDER-" + r.getString(tender),
                            p.get().shgId(), b.get().id(), List.of(new OrderLine(p.get().id(),
                                    r.getDecimal(quantity), r.getDecimal(price))),
                            on.atStartOfDay().toInstant(ZoneOffset.UTC), r.getDate(delivery), OrderStatus.CONFIRMED,
                            PaymentStatus.PENDING, ""));
                });
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
