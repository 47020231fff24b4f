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
import java.util.function.Consumer;

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
            Field.required("pricetype", FieldType.STRING), Field.required("price", FieldType.DECIMAL),
            Field.optional("category", FieldType.STRING));

    /**
     * A product the file prices: a commodity at one price type per base unit.
     *
     * @param id        {@link #productId}
     * @param commodity the commodity as WFP names it, for example {@code Maize (white)}
     * @param priceType {@code Wholesale} or {@code Retail}
     * @param baseUnit  the unit prices are given per, for example {@code kg}
     * @param category  WFP's category, for example {@code cereals and tubers}; empty when the row has none
     */
    public record WfpProduct(UUID id, String commodity, String priceType, String baseUnit, String category) {
        /** How people call it: {@code Maize (white), Wholesale, per kg}. */
        public String name() {
            return commodity + ", " + priceType + ", per " + baseUnit;
        }
    }

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
        return pricingHistory(source, product -> {
        });
    }

    /**
     * The file's rows as pricing history, calling {@code newProduct} with each product before its first price row
     * moves on (so a sink that needs the product stored finds it), in the same pass.
     */
    public static Pipeline<PricingHistory> pricingHistory(Source<Row> source, Consumer<WfpProduct> newProduct) {
        Normalize.RowStage names = Normalize.names(SCHEMA, "commodity", "market", "pricetype");
        Normalize.RowStage perUnit = Normalize.pricePerBaseUnit(SCHEMA, "price", "unit");
        Schema s = perUnit.outputSchema();
        int date = s.indexOf("date");
        int market = s.indexOf("market");
        int commodity = s.indexOf("commodity");
        int priceType = s.indexOf("pricetype");
        int baseUnit = s.indexOf("base_unit");
        int price = s.indexOf("price_per_base_unit");
        int category = s.indexOf("category");
        return Pipeline.from(source)
                .then("names", names)
                .then("price-per-base-unit", perUnit)
                .then("products", Stages.beforeFirst((Row r) -> productId(r.getString(commodity),
                        r.getString(priceType), r.getString(baseUnit)), r -> newProduct.accept(new WfpProduct(
                        productId(r.getString(commodity), r.getString(priceType), r.getString(baseUnit)),
                        r.getString(commodity), r.getString(priceType), r.getString(baseUnit),
                        r.getString(category) == null ? "" : r.getString(category)))))
                .then("to-pricing-history", Stages.map((Row r) -> new PricingHistory(
                        productId(r.getString(commodity), r.getString(priceType), r.getString(baseUnit)),
                        r.getDate(date), r.getDecimal(price).setScale(2, RoundingMode.HALF_EVEN), BigDecimal.ZERO, 0,
                        r.getString(market))))
                .then("one-per-day", Stages.deduplicate((PricingHistory p) -> p.productId() + "|" + p.saleDate()
                        + "|" + p.region(), Stages.Keep.FIRST));
    }
}
