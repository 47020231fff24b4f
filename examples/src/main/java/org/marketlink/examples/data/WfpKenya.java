package org.marketlink.examples.data;

import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.CsvOptions;
import org.marketlink.core.io.CsvSource;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Source;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.core.pipeline.normalize.Normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The WFP market prices for Kenya (World Food Programme via HDX, CC BY-IGO) as {@link PricingHistory}: one row
 * per commodity, price type, market and month, priced per base unit (kg, litre or unit) whatever pack the
 * market quoted ("90 KG", "400 G", "500 ML"). The HXL tag row under the header is skipped. Rules:
 * <ul>
 *   <li>a pack size with no base unit ("Head", "Bunch") is quarantined as {@code UNKNOWN_UNIT};</li>
 *   <li>the product is the commodity with its price type and base unit, so "Maize (white), Wholesale, per kg"
 *       is one product;</li>
 *   <li>the price per base unit is rounded half-even to cents;</li>
 *   <li>WFP observes prices, not sales: quantity sold and order count are 0;</li>
 *   <li>a second row for the same product, market and date is quarantined as {@code DUPLICATE}.</li>
 * </ul>
 */
public final class WfpKenya {
    public static final Schema SCHEMA = Schema.of(Field.required("date", FieldType.DATE),
            Field.required("admin1", FieldType.STRING), Field.required("market", FieldType.STRING),
            Field.optional("latitude", FieldType.DOUBLE), Field.optional("longitude", FieldType.DOUBLE),
            Field.required("commodity", FieldType.STRING), Field.required("unit", FieldType.STRING),
            Field.required("pricetype", FieldType.STRING), Field.required("price", FieldType.DECIMAL));

    private WfpKenya() {
    }

    public static Source<Row> source(Path file) {
        return CsvSource.of(file, SCHEMA, CsvOptions.defaults().withSkipLinesAfterHeader(1));
    }

    /** The product a commodity, price type and base unit stand for. */
    public static UUID productId(String commodity, String priceType, String baseUnit) {
        return OnlineRetail.id("wfp-product", commodity + "|" + priceType + "|" + baseUnit);
    }

    public static Pipeline<PricingHistory> pricingHistory(Source<Row> source) {
        Normalize.RowStage names = Normalize.names(SCHEMA, "commodity", "market", "pricetype");
        Normalize.RowStage perUnit = Normalize.pricePerBaseUnit(SCHEMA, "price", "unit");
        Schema s = perUnit.outputSchema();
        int date = s.indexOf("date");
        int market = s.indexOf("market");
        int commodity = s.indexOf("commodity");
        int priceType = s.indexOf("pricetype");
        int baseUnit = s.indexOf("base_unit");
        int price = s.indexOf("price_per_base_unit");
        return Pipeline.from(source)
                .then("names", names)
                .then("price-per-base-unit", perUnit)
                .then("to-pricing-history", Stages.map((Row r) -> new PricingHistory(
                        productId(r.getString(commodity), r.getString(priceType), r.getString(baseUnit)),
                        r.getDate(date), r.getDecimal(price).setScale(2, RoundingMode.HALF_EVEN), BigDecimal.ZERO, 0,
                        r.getString(market))))
                .then("one-per-day", Stages.deduplicate((PricingHistory p) -> p.productId() + "|" + p.saleDate()
                        + "|" + p.region(), Stages.Keep.FIRST));
    }
}
