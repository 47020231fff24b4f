package org.marketlink.examples.catalog;

import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.CsvOptions;
import org.marketlink.core.io.CsvSource;
import org.marketlink.core.model.Product;
import org.marketlink.core.pipeline.Emitter;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.core.pipeline.normalize.Normalize;
import org.marketlink.core.pipeline.normalize.Percentages;
import org.marketlink.matching.similarity.ProductIndex;
import org.marketlink.matching.similarity.ProductVectors;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.Rules;
import org.marketlink.store.MarketStore;
import org.marketlink.testing.MarketFixtures;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A host cleaning product catalogs from several retailers: each catalog is a CSV with its own habits (pack sizes
 * like {@code 500 g} or {@code 2 KG}, prices with either decimal separator, shares as {@code 35%} or {@code 0.35}),
 * ingested in parallel, normalised to a price per base unit, enriched with a category from a lookup table, checked
 * for freshness, recorded in the lineage table, and searched for similar products.
 */
public final class CatalogExample {
    static final Schema SCHEMA = Schema.of(Field.required("sku", FieldType.STRING),
            Field.required("name", FieldType.STRING), Field.required("pack_price", FieldType.STRING),
            Field.required("pack", FieldType.STRING), Field.optional("organic_share", FieldType.STRING),
            Field.required("updated_at", FieldType.TIMESTAMP));
    /** The lookup table: a word in the product name → category. */
    static final Map<String, String> CATEGORIES = Map.of("maize", "cereals", "sorghum", "cereals", "millet",
            "cereals", "beans", "pulses", "grams", "pulses", "groundnuts", "pulses", "honey", "honey", "basket",
            "handicrafts", "kikoi", "handloom", "mango", "fruit");
    static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

    private CatalogExample() {
    }

    /** What the example did. */
    public record Result(Map<String, RunReport> runs, Map<String, SuiteResult> freshness, int products,
                         List<ProductIndex.Neighbour> similar, Product query) {
    }

    public static void main(String[] args) throws IOException {
        run(Files.createTempDirectory("catalogs"), System.out);
    }

    public static Result run(Path dir, PrintStream out) {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("duka-fresh", write(dir, "duka-fresh", 1, 2));
        files.put("soko-online", write(dir, "soko-online", 2, 5));
        files.put("old-wholesale", write(dir, "old-wholesale", 3, 90)); // not updated for three months
        try (MarketStore store = MarketStore.inMemory()) {
            ExecutorService pool = Executors.newFixedThreadPool(files.size());
            Map<String, Future<RunReport>> running = new LinkedHashMap<>();
            Map<String, Sinks.ListSink<Row>> clean = new LinkedHashMap<>();
            Schema cleanSchema = null;
            for (Map.Entry<String, Path> e : files.entrySet()) {
                Sinks.ListSink<Row> sink = Sinks.list();
                clean.put(e.getKey(), sink);
                Normalize.RowStage names = Normalize.names(SCHEMA, "name");
                Normalize.RowStage price = Normalize.decimal(names.outputSchema(), "pack_price");
                Normalize.RowStage perUnit = Normalize.pricePerBaseUnit(price.outputSchema(), "pack_price", "pack");
                Normalize.RowStage share = Normalize.percentage(perUnit.outputSchema(), "organic_share",
                        Percentages.BareNumbers.FRACTIONS_ONLY);
                Normalize.RowStage enrich = enrichment(share.outputSchema());
                cleanSchema = enrich.outputSchema();
                running.put(e.getKey(), pool.submit(() -> Pipeline.from(CsvSource.of(e.getValue(), SCHEMA,
                                CsvOptions.defaults()))
                        .then("names", names).then("price", price).then("per-base-unit", perUnit)
                        .then("organic-share", share).then("category", enrich)
                        .then("dedupe", Stages.deduplicate((Row r) -> r.getString(0), Stages.Keep.FIRST))
                        .to(sink).quarantineTo(store.quarantine().sink()).run(RunOptions.defaults())));
            }
            Map<String, RunReport> runs = new LinkedHashMap<>();
            for (Map.Entry<String, Future<RunReport>> e : running.entrySet()) {
                RunReport report = e.getValue().get();
                store.lineage().record(report);
                runs.put(e.getKey(), report);
                out.printf("%-14s %d rows in, %d clean, %d quarantined %s (lineage run %s)%n", e.getKey(),
                        report.rowsIn(), report.rowsOut(), report.quarantined(),
                        store.quarantine().countByReason(report.runId()), report.runId());
            }
            pool.shutdown();

            Map<String, SuiteResult> freshness = new LinkedHashMap<>();
            Suite.Compiled fresh = Suite.of("catalog", Rules.freshness("updated_at", Duration.ofDays(30),
                    Clock.fixed(NOW, ZoneOffset.UTC)), Rules.positive("price_per_base_unit"),
                    Rules.inSet("category", new TreeSet<>(CATEGORIES.values()))).compile(cleanSchema);
            for (Map.Entry<String, Sinks.ListSink<Row>> e : clean.entrySet()) {
                SuiteResult result = fresh.run(e.getValue().rows());
                freshness.put(e.getKey(), result);
                out.printf("%-14s quality %s%s%n", e.getKey(), result.status(), result.outcomes().stream()
                        .filter(o -> !(o instanceof RuleOutcome.Passed))
                        .map(o -> " | " + o.rule() + ": " + o.message()).reduce("", String::concat));
            }

            List<Product> products = new ArrayList<>();
            for (Map.Entry<String, Sinks.ListSink<Row>> e : clean.entrySet()) {
                UUID retailer = UUID.nameUUIDFromBytes(e.getKey().getBytes(StandardCharsets.UTF_8));
                for (Row r : e.getValue().rows()) {
                    products.add(product(retailer, e.getKey(), r));
                }
            }
            ProductIndex index = new ProductIndex(ProductVectors.of(products, ProductVectors.Weights.defaults()),
                    ProductIndex.Metric.COSINE);
            Product query = products.get(0);
            List<ProductIndex.Neighbour> similar = index.similarTo(query.id(), 5);
            Map<UUID, Product> byId = new LinkedHashMap<>();
            products.forEach(p -> byId.put(p.id(), p));
            out.printf("most similar to %s (%s, %s per %s):%n", query.name(), query.category(), query.unitPrice(),
                    query.unit());
            for (ProductIndex.Neighbour n : similar) {
                Product p = byId.get(n.productId());
                out.printf("  %.3f  %s (%s, %s per %s)%n", n.similarity(), p.name(), p.category(), p.unitPrice(),
                        p.unit());
            }
            return new Result(runs, freshness, products.size(), similar, query);
        } catch (Exception e) {
            throw new IllegalStateException("the catalog example failed: " + e, e);
        }
    }

    /** Adds {@code category} from the lookup table (the first name word found in it), or {@code other}. */
    static Normalize.RowStage enrichment(Schema in) {
        List<Field> fields = new ArrayList<>(in.fields());
        fields.add(Field.required("category", FieldType.STRING));
        Schema outSchema = Schema.of(fields);
        int name = in.indexOf("name");
        return new Normalize.RowStage() {
            @Override
            public Schema outputSchema() {
                return outSchema;
            }

            @Override
            public void apply(Row row, Emitter<Row> emit) {
                String category = "other";
                for (String word : row.getString(name).toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                    if (CATEGORIES.containsKey(word)) {
                        category = CATEGORIES.get(word);
                        break;
                    }
                }
                Object[] v = Arrays.copyOf(row.values(), outSchema.size());
                v[in.size()] = category;
                emit.emit(Row.of(outSchema, v));
            }
        };
    }

    private static Product product(UUID retailer, String catalog, Row r) {
        Schema s = r.schema();
        BigDecimal price = r.getDecimal(s.indexOf("price_per_base_unit")).setScale(2, RoundingMode.HALF_UP);
        BigDecimal share = r.getDecimal(s.indexOf("organic_share"));
        return new Product(UUID.nameUUIDFromBytes((catalog + "/" + r.getString(0)).getBytes(
                StandardCharsets.UTF_8)), retailer, r.getString(s.indexOf("name")),
                r.getString(s.indexOf("category")), catalog, r.getString(s.indexOf("base_unit")),
                price.signum() > 0 ? price : new BigDecimal("0.01"), BigDecimal.ZERO, List.of(),
                share != null && share.doubleValue() > 0.5 ? List.of("organic") : List.of(), 0, 1, 100,
                share == null ? 0 : share.doubleValue(), NOW, NOW);
    }

    /** One retailer's catalog in its own habits, with a few rows no parser should accept. */
    static Path write(Path dir, String retailer, long seed, int ageDays) {
        MarketFixtures f = MarketFixtures.generate(seed, MarketFixtures.Options.defaults().withSize(25, 0)
                .withDays(0));
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder("sku,name,pack_price,pack,organic_share,updated_at\n");
        Instant updated = NOW.minus(Duration.ofDays(ageDays));
        int n = 0;
        for (Product p : f.products()) {
            n++;
            boolean kg = p.unit().equals("kg");
            int grams = new int[] {250, 500, 1000, 2000}[r.nextInt(4)];
            String pack = kg ? (grams >= 1000 ? grams / 1000 + (r.nextBoolean() ? " KG" : "kg") : grams + " g")
                    : (r.nextBoolean() ? "1 piece" : "Unit");
            double packPrice = p.unitPrice().doubleValue() * (kg ? grams / 1000.0 : 1);
            String price = seed == 2 ? String.format(Locale.ROOT, "%.2f", packPrice).replace('.', ',')
                    : String.format(Locale.ROOT, "%.2f", packPrice);
            String share = seed == 1 ? Math.round(r.nextDouble() * 100) + "%"
                    : String.format(Locale.ROOT, "%.2f", r.nextDouble());
            csv.append(retailer, 0, 3).append('-').append(n).append(',').append('"').append("  ")
                    .append(p.name().replaceAll(" \\(\\d\\)", "")).append("  \",\"").append(price).append("\",")
                    .append(pack).append(',').append(share).append(',').append(updated).append('\n');
        }
        // rows a careful pipeline must refuse, each for its own reason
        csv.append(retailer, 0, 3).append("-x1,Mystery sack,100.00,1 sack,10%,").append(updated).append('\n');
        csv.append(retailer, 0, 3).append("-x2,Honey jar,twelve,500 g,10%,").append(updated).append('\n');
        csv.append(retailer, 0, 3).append("-1,Duplicate row,10.00,1 kg,10%,").append(updated).append('\n');
        Path file = dir.resolve(retailer + ".csv");
        try {
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
