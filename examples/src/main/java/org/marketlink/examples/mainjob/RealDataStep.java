package org.marketlink.examples.mainjob;

import org.marketlink.core.data.RecordRows;
import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.model.Location;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.examples.data.SharedFiles;
import org.marketlink.examples.data.WfpKenya;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.pipeline.SuiteStage;
import org.marketlink.quality.report.HtmlReport;
import org.marketlink.quality.rules.Rules;
import org.marketlink.store.MarketStore;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real-data part of the main job: the WFP Kenya market prices ingested through the pipeline into the store
 * (prices per kg, litre or unit; unreadable units and duplicates quarantined in the store; lineage recorded),
 * checked with the built-in pricing-history suite, and written up as an HTML quality report.
 */
final class RealDataStep {
    /** What the step did. */
    record Result(RunReport run, SuiteResult quality, long products, Path report) {
    }

    private RealDataStep() {
    }

    /** The WFP file in {@code shared/data} above the working directory. */
    static Optional<Path> sharedData() {
        return SharedFiles.find(SharedFiles.WFP_KENYA);
    }

    static Result run(MarketStore store, Path wfp, Path reportDir, Instant now, PrintStream out) {
        out.println("[3/8] ingesting WFP Kenya market prices from " + wfp.getFileName());
        // one producer group stands for the WFP markets; one product per commodity, price type and base unit
        Shg markets = new Shg(UUID.nameUUIDFromBytes("shg:wfp-kenya-markets".getBytes()), "WFP Kenya markets",
                Location.of("", "Kenya", "KE", null), "market prices", 1, 0, List.of(), Map.of(),
                ContactInfo.none(), Optional.empty(), now, now);
        store.shgs().upsertAll(List.of(markets));
        // one pass: each product stored before its first price, the suite fed while the rows load, failing rows
        // quarantined by the same stage that counts them
        RecordRows<PricingHistory> rows = RecordRows.of(PricingHistory.class);
        Suite suite = Suite.of("pricingHistory", Rules.complete("productId"),
                Rules.nonNegative("price"),
                Rules.meanBetween("price", 0, 100_000),
                Rules.unique("productId", "saleDate", "region"));
        SuiteStage<PricingHistory> validate = SuiteStage.records(suite.compile(rows.schema()), rows);
        Set<UUID> products = ConcurrentHashMap.newKeySet();
        RunReport run = WfpKenya.pricingHistory(WfpKenya.source(wfp), p -> {
                    store.products().upsertAll(List.of(new Product(p.id(), markets.id(), p.name(),
                            p.category().isEmpty() ? "market prices" : p.category(), "WFP market price", p.baseUnit(),
                            BigDecimal.ONE, BigDecimal.ZERO, List.of(), List.of(), 0, 1, 0, 0.5, now, now)));
                    products.add(p.id());
                })
                .then("validate", validate)
                .to(Sinks.of("pricing_history", store.pricingHistory()::upsertAll))
                .quarantineTo(store.quarantine().sink())
                .run(RunOptions.defaults().withChunkSize(4096).withParallelism(2)
                        .withListener(Progress.every(5_000, out)));
        store.lineage().record(run);
        out.printf("      %,d rows read, %,d written, %,d quarantined %s, balanced: %s%n", run.rowsIn(), run.rowsOut(),
                run.quarantined(), store.quarantine().countByReason(run.runId()), run.balanced());

        out.println("[4/8] checking pricing history quality and writing the report");
        SuiteResult quality = validate.result();
        Path report = reportDir.resolve("quality-report.html");
        try {
            Files.createDirectories(reportDir);
            Map<String, List<String>> samples = new TreeMap<>();
            for (Rejection q : store.quarantine().find(run.runId())) {
                List<String> some = samples.computeIfAbsent(q.reasonCode(), k -> new ArrayList<>());
                if (some.size() < 3) {
                    some.add(q.raw());
                }
            }
            Files.writeString(report, HtmlReport.render(quality, Map.of(), new HtmlReport.Load(run.runId(),
                    run.rowsIn(), run.rowsOut(), store.quarantine().countByReason(run.runId()), samples), now));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report " + report, e);
        }
        return new Result(run, quality, products.size(), report);
    }
}
