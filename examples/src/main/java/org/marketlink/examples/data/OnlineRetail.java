package org.marketlink.examples.data;

import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.CsvOptions;
import org.marketlink.core.io.CsvSource;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.OrderLine;
import org.marketlink.core.model.OrderStatus;
import org.marketlink.core.model.PaymentStatus;
import org.marketlink.core.pipeline.Emitter;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Source;
import org.marketlink.core.pipeline.Stage;
import org.marketlink.core.pipeline.Stages;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The UCI Online Retail file (D. Chen 2015, CC BY 4.0) as {@link Order}s: the wholesaler is the selling group,
 * customers are buyers, stock codes are products. Lines are checked by these rules, first match wins, and go to
 * quarantine under the code shown:
 * <ol>
 *   <li>{@code CANCELLATION}: the invoice number starts with {@code C};</li>
 *   <li>{@code PSEUDO_ITEM}: the stock code is a charge, not a product ({@link #PSEUDO_ITEMS}, any case);</li>
 *   <li>{@code MISSING_CUSTOMER}: no customer id;</li>
 *   <li>{@code NON_POSITIVE_QUANTITY}: quantity ≤ 0;</li>
 *   <li>{@code BAD_PRICE}: unit price ≤ 0 or with more than 2 decimals;</li>
 *   <li>{@code DUPLICATE}: an exact copy of an earlier line.</li>
 * </ol>
 * The remaining lines are grouped by invoice (the file is in invoice order); an invoice number that comes back
 * after other invoices is quarantined as {@code SPLIT_INVOICE} rather than merged out of order. Customer ids
 * written {@code 17850.0} are read as {@code 17850}.
 */
public final class OnlineRetail {
    /** Stock codes of postage, fees, discounts and manual adjustments. */
    public static final Set<String> PSEUDO_ITEMS = Set.of("POST", "DOT", "M", "C2", "D", "S", "BANK CHARGES",
            "AMAZONFEE", "CRUK", "PADS", "B");
    /** The wholesaler, as the selling group of every order. */
    public static final UUID WHOLESALER = id("shg", "online-retail-wholesaler");

    public static final Schema SCHEMA = Schema.of(Field.required("InvoiceNo", FieldType.STRING),
            Field.required("StockCode", FieldType.STRING), Field.optional("Description", FieldType.STRING),
            Field.required("Quantity", FieldType.LONG), Field.required("InvoiceDate", FieldType.TIMESTAMP),
            Field.required("UnitPrice", FieldType.DECIMAL), Field.optional("CustomerID", FieldType.STRING),
            Field.optional("Country", FieldType.STRING));

    private static final int INVOICE = SCHEMA.indexOf("InvoiceNo");
    private static final int STOCK = SCHEMA.indexOf("StockCode");
    private static final int QUANTITY = SCHEMA.indexOf("Quantity");
    private static final int DATE = SCHEMA.indexOf("InvoiceDate");
    private static final int PRICE = SCHEMA.indexOf("UnitPrice");
    private static final int CUSTOMER = SCHEMA.indexOf("CustomerID");
    private static final int COUNTRY = SCHEMA.indexOf("Country");

    private OnlineRetail() {
    }

    public static Source<Row> source(Path file) {
        return CsvSource.of(file, SCHEMA, CsvOptions.defaults());
    }

    /** The whole mapping from file rows to orders. */
    public static Pipeline<Order> orders(Source<Row> source) {
        return Pipeline.from(source)
                .then("line-rules", lineRules())
                .then("exact-duplicates", Stages.distinct())
                .then("invoices", Stages.groupConsecutive((Row r) -> r.getString(INVOICE), OnlineRetail::order))
                .then("split-invoices", splitInvoices());
    }

    /** The per-line rules 1–5 above. */
    public static Stage<Row, Row> lineRules() {
        return (row, out) -> {
            String invoice = row.getString(INVOICE);
            String stock = row.getString(STOCK).strip().toUpperCase(Locale.ROOT);
            BigDecimal price = row.getDecimal(PRICE);
            if (invoice.startsWith("C")) {
                out.reject("CANCELLATION", "InvoiceNo", "invoice " + invoice + " is a cancellation");
            } else if (PSEUDO_ITEMS.contains(stock)) {
                out.reject("PSEUDO_ITEM", "StockCode", "stock code '" + row.getString(STOCK) + "' is a charge, "
                        + "not a product");
            } else if (row.isNull(CUSTOMER)) {
                out.reject("MISSING_CUSTOMER", "CustomerID", "line of invoice " + invoice + " has no customer");
            } else if (row.getLong(QUANTITY) <= 0) {
                out.reject("NON_POSITIVE_QUANTITY", "Quantity", "quantity " + row.getLong(QUANTITY) + " is not > 0");
            } else if (price.signum() <= 0 || price.stripTrailingZeros().scale() > 2) {
                out.reject("BAD_PRICE", "UnitPrice", "unit price " + price.toPlainString()
                        + " is not a positive amount in cents");
            } else {
                out.emit(row);
            }
        };
    }

    /** The customer id as the file means it: {@code 17850.0} is customer {@code 17850}. */
    public static String customer(String raw) {
        String s = raw.strip();
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    public static UUID buyerId(String customer) {
        return id("buyer", customer);
    }

    public static UUID productId(String stockCode) {
        return id("product", stockCode.strip().toUpperCase(Locale.ROOT));
    }

    private static Order order(String invoice, List<Row> lines) {
        List<OrderLine> orderLines = new ArrayList<>(lines.size());
        for (Row line : lines) {
            orderLines.add(new OrderLine(productId(line.getString(STOCK)), BigDecimal.valueOf(line.getLong(QUANTITY)),
                    line.getDecimal(PRICE)));
        }
        Row first = lines.get(0);
        return Order.of(id("order", invoice), invoice, WHOLESALER, buyerId(customer(first.getString(CUSTOMER))),
                orderLines, first.getTimestamp(DATE), null, OrderStatus.DELIVERED, PaymentStatus.PAID,
                first.isNull(COUNTRY) ? "" : first.getString(COUNTRY));
    }

    private static Stage<Order, Order> splitInvoices() {
        return new Stage<>() {
            private final Set<String> seen = new HashSet<>();

            @Override
            public void apply(Order order, Emitter<Order> out) {
                if (seen.add(order.reference())) {
                    out.emit(order);
                } else {
                    out.reject("SPLIT_INVOICE", "InvoiceNo", "invoice " + order.reference()
                            + " comes back after other invoices; its later lines are not merged");
                }
            }

            @Override
            public boolean stateful() {
                return true;
            }
        };
    }

    static UUID id(String kind, String name) {
        return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8));
    }
}
