package org.marketlink.examples.data;

import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.CsvOptions;
import org.marketlink.core.io.CsvSource;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.pipeline.Emitter;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Source;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.core.pipeline.normalize.Normalize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The WFP market prices for Kenya (World Food Programme via HDX, CC BY-IGO) as {@link PricingHistory}: one row
 * per commodity, price type, market and month, priced per base unit (kg, litre or unit) whatever pack the
 * market quoted ("90 KG", "400 G", "500 ML"). The HXL tag row under the header is skipped. Rules:
 * <ul>
 *   <li>a row whose price flag is {@code forecast} (a placeholder with a price of 0) is quarantined as
 *       {@code NOT_OBSERVED};</li>
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
            Field.optional("category", FieldType.STRING), Field.optional("priceflag", FieldType.STRING));

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

    /** The reason code of a row whose price WFP did not observe (its price flag is {@code forecast}). */
    public static final String NOT_OBSERVED = "NOT_OBSERVED";

    private WfpKenya() {
    }

    /**
     * One day's extract of the file, as the daily batch receives it.
     *
     * @param label  what it holds, {@code 2023-11} or {@code backfill to 2023-04}
     * @param file   the extract: the file's two header lines and the rows of its period, unchanged
     * @param landed the day it arrives: the first day after its period
     * @param daily  false for the backfill of everything before the daily extracts
     */
    public record Extract(String label, Path file, LocalDate landed, boolean daily) {
    }

    /**
     * Cuts the file into what a daily batch would have received: one backfill of everything before its last
     * {@code months} months, then one extract per month (the WFP file is monthly; each month stands for a day of
     * the batch). The lines are copied as they are, so each extract reads, and fails, as the file does. Rows whose
     * date cannot be read go with the backfill. Existing extracts in {@code dir} are overwritten.
     *
     * @throws UncheckedIOException when the file cannot be read or an extract written
     */
    public static List<Extract> monthlyExtracts(Path file, Path dir, int months) {
        if (months < 1) {
            throw new IllegalArgumentException("months must be at least 1, was " + months);
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2) {
                throw new IllegalArgumentException("the WFP file " + file + " has no header lines");
            }
            TreeMap<YearMonth, List<String>> byMonth = new TreeMap<>();
            List<String> unreadable = new ArrayList<>();
            for (String line : lines.subList(2, lines.size())) {
                YearMonth m = month(line);
                if (m == null) {
                    unreadable.add(line);
                } else {
                    byMonth.computeIfAbsent(m, k -> new ArrayList<>()).add(line);
                }
            }
            List<YearMonth> all = new ArrayList<>(byMonth.keySet());
            List<YearMonth> daily = all.subList(Math.max(0, all.size() - months), all.size());
            Files.createDirectories(dir);
            List<Extract> out = new ArrayList<>();
            List<String> backfill = new ArrayList<>(unreadable);
            for (YearMonth m : all.subList(0, all.size() - daily.size())) {
                backfill.addAll(byMonth.get(m));
            }
            if (!backfill.isEmpty()) {
                YearMonth last = daily.isEmpty() ? all.get(all.size() - 1) : daily.get(0).minusMonths(1);
                out.add(write(dir, "backfill to " + last, "wfp-backfill-to-" + last + ".csv", lines, backfill,
                        last.plusMonths(1).atDay(1), false));
            }
            for (YearMonth m : daily) {
                out.add(write(dir, m.toString(), "wfp-" + m + ".csv", lines, byMonth.get(m), m.plusMonths(1).atDay(1),
                        true));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not cut " + file + " into daily extracts in " + dir, e);
        }
    }

    private static YearMonth month(String line) {
        if (line.length() < 7) {
            return null;
        }
        try {
            return YearMonth.parse(line.substring(0, 7));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Extract write(Path dir, String label, String name, List<String> header, List<String> rows,
                                 LocalDate landed, boolean daily) throws IOException {
        Path file = dir.resolve(name);
        List<String> text = new ArrayList<>(rows.size() + 2);
        text.add(header.get(0));
        text.add(header.get(1));
        text.addAll(rows);
        Files.write(file, text, StandardCharsets.UTF_8);
        return new Extract(label, file, landed, daily);
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
        int flag = s.indexOf("priceflag");
        return Pipeline.from(source)
                // WFP's 'forecast' rows are placeholders with a price of 0 (2,242 of the file's rows, and every row
                // after June 2023), not prices anyone observed: stored, they would read as free maize
                .then("observed", (Row r, Emitter<Row> out) -> {
                    if ("forecast".equals(r.getString(flag))) {
                        out.reject(NOT_OBSERVED, "priceflag", "priceflag 'forecast': a WFP placeholder, not an "
                                + "observed price");
                    } else {
                        out.emit(r);
                    }
                })
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
