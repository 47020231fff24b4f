package org.marketlink.forecast;

import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.CsvOptions;
import org.marketlink.core.io.CsvSource;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.testing.SharedData;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The sale lines of the shared Online Retail file (returns and cancellations left out), for forecasting tests. */
public final class OnlineRetailSales {
    private static final Schema RETAIL = Schema.of(Field.required("InvoiceNo", FieldType.STRING),
            Field.required("StockCode", FieldType.STRING), Field.optional("Description", FieldType.STRING),
            Field.required("Quantity", FieldType.LONG), Field.required("InvoiceDate", FieldType.TIMESTAMP),
            Field.required("UnitPrice", FieldType.DECIMAL), Field.optional("CustomerID", FieldType.DOUBLE),
            Field.optional("Country", FieldType.STRING));

    private OnlineRetailSales() {
    }

    /** One sale line: a product, its day (UTC), the units and the unit price. */
    public record Sale(String stockCode, LocalDate day, long quantity, double unitPrice) {
    }

    /** Every line with a positive quantity and price that is not a cancellation, in file order. */
    public static List<Sale> read() {
        List<Sale> out = new ArrayList<>();
        CsvSource source = CsvSource.of(SharedData.file("online_retail_2010-12_2011-09.csv.gz"), RETAIL,
                CsvOptions.defaults());
        try (Cursor<Row> cursor = source.open()) {
            while (cursor.next((row, n) -> {
                long quantity = row.getLong(3);
                double price = ((BigDecimal) row.get(5)).doubleValue();
                if (quantity > 0 && price > 0 && !row.getString(0).startsWith("C")) {
                    out.add(new Sale(row.getString(1), ((Instant) row.get(4)).atOffset(ZoneOffset.UTC).toLocalDate(),
                            quantity, price));
                }
            }, rejection -> {
            })) {
                // every record
            }
        }
        return out;
    }
}
