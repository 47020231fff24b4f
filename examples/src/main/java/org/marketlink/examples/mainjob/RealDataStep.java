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
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.anomaly.Anomaly;
import org.marketlink.quality.anomaly.AnomalyStrategy;
import org.marketlink.quality.history.MetricPoint;
import org.marketlink.quality.history.MetricsRepository;
import org.marketlink.quality.metrics.MetricBounds;
import org.marketlink.quality.pipeline.SuiteStage;
import org.marketlink.quality.report.HtmlReport;
import org.marketlink.quality.rules.Rules;
import org.marketlink.store.MarketStore;
import org.marketlink.store.governance.SchemaRegistry;
import org.marketlink.store.quality.JdbcMetricsRepository;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real-data part of the main job, as a daily batch: the WFP Kenya file cut into what the batch would have
 * received (a backfill, then one extract a day; the file is monthly, so each month stands for a day), each extract
 * ingested in one run into the store (prices per kg, litre or unit; unreadable units and duplicates quarantined;
 * products stored before their first price; the suite fed in the same pass; lineage recorded), each day's quality
 * metrics stored and checked against the days before, and the last day written up as an HTML quality report with
 * its history and anomalies.
 */
final class RealDataStep {
    static final String DATASET = "wfp_kenya_prices";
    /** The daily extracts after the backfill. */
    static final int DAYS = 12;
    /** How far from the median of the days before a metric may move, in scaled MADs and as a ratio, both. */
    static final double MADS = 3.5;
    static final double RATIO = 1.5;

    /**
     * One day of the batch.
     *
     * @param extract   what arrived
     * @param run       its run
     * @param quality   the suite's result over the day's rows
     * @param anomalies the metrics that moved too far from the days before, by rule
     * @param reasons   the run's quarantined rows by reason code, as the store counts them
     */
    record Day(WfpKenya.Extract extract, RunReport run, SuiteResult quality, Map<String, Anomaly> anomalies,
               Map<String, Long> reasons) {
    }

    /** What the step did. */
    record Result(List<Day> days, long products, MarketPricesStep.Result marketPrices, Path report) {
        /** The last day's suite result. */
        SuiteResult quality() {
            return days.get(days.size() - 1).quality();
        }

        long rowsIn() {
            return days.stream().mapToLong(d -> d.run().rowsIn()).sum();
        }

        long rowsOut() {
            return days.stream().mapToLong(d -> d.run().rowsOut()).sum();
        }

        long quarantined() {
            return days.stream().mapToLong(d -> d.run().quarantined()).sum();
        }

        boolean balanced() {
            return days.stream().allMatch(d -> d.run().balanced());
        }

        int anomalies() {
            return days.stream().mapToInt(d -> d.anomalies().size()).sum();
        }
    }

    private RealDataStep() {
    }

    /** The WFP file in {@code shared/data} above the working directory. */
    static Optional<Path> sharedData() {
        return SharedFiles.find(SharedFiles.WFP_KENYA);
    }

    static Suite suite() {
        return Suite.of("pricingHistory", Rules.complete("productId"), Rules.nonNegative("price"),
                Rules.meanBetween("price", 0, 100_000), Rules.unique("productId", "saleDate", "region"),
                Rules.rowCount(1, 10_000_000));
    }

    static Result run(MarketStore store, Path wfp, Path reportDir, Instant now, PrintStream out) {
        List<WfpKenya.Extract> extracts = WfpKenya.monthlyExtracts(wfp, reportDir.resolve("extracts"), DAYS);
        out.println("[3/8] ingesting WFP Kenya market prices from " + wfp.getFileName() + " as a daily batch: "
                + extracts.get(0).label() + ", then " + (extracts.size() - 1) + " daily extracts");
        // one producer group stands for the WFP markets; one product per commodity, price type and base unit
        Shg markets = new Shg(UUID.nameUUIDFromBytes("shg:wfp-kenya-markets".getBytes()), "WFP Kenya markets",
                Location.of("", "Kenya", "KE", null), "market prices", 1, 0, List.of(), Map.of(),
                ContactInfo.none(), Optional.empty(), now, now);
        store.shgs().upsertAll(List.of(markets));
        RecordRows<PricingHistory> rows = RecordRows.of(PricingHistory.class);
        Suite.Compiled suite = suite().compile(rows.schema());
        MetricsRepository metrics = new JdbcMetricsRepository(store);
        Set<UUID> products = ConcurrentHashMap.newKeySet();
        List<Day> days = new ArrayList<>();
        SchemaRegistry schemas = SchemaRegistry.of(store, SchemaRegistry.Mode.BACKWARD, Clock.fixed(now,
                ZoneOffset.UTC));
        for (WfpKenya.Extract extract : extracts) {
            // the layout the extract is read with is registered before a row of it is read: a release that changes
            // it incompatibly stops the batch here, not half-way through the store
            schemas.register(DATASET, WfpKenya.SCHEMA);
            // one pass: each product stored before its first price, the suite fed while the rows load, failing rows
            // quarantined by the same stage that counts them
            SuiteStage<PricingHistory> validate = SuiteStage.records(suite, rows);
            RunReport run = WfpKenya.pricingHistory(WfpKenya.source(extract.file()), p -> {
                        store.products().upsertAll(List.of(new Product(p.id(), markets.id(), p.name(),
                                p.category().isEmpty() ? "market prices" : p.category(), "WFP market price",
                                p.baseUnit(), BigDecimal.ONE, BigDecimal.ZERO, List.of(), List.of(), 0, 1, 0, 0.5,
                                now, now)));
                        products.add(p.id());
                    })
                    .then("validate", validate)
                    .to(Sinks.of("pricing_history", store.pricingHistory()::upsertAll))
                    .quarantineTo(store.quarantine().sink())
                    .run(RunOptions.defaults().withChunkSize(4096).withParallelism(2)
                            .withListener(Progress.every(5_000, out)));
            store.lineage().record(run);
            // the same file again (a rerun of the day) keeps one copy of its rejections, this run's
            store.quarantine().supersedeIdenticalRuns(run);
            SuiteResult quality = validate.result();
            Instant at = extract.landed().atStartOfDay().toInstant(ZoneOffset.UTC);
            // the backfill is not a day: its metrics are kept apart, so they do not stand in the days' history
            String dataset = extract.daily() ? DATASET : DATASET + "_backfill";
            Map<String, Anomaly> anomalies = extract.daily() ? anomalies(metrics, quality, at) : Map.of();
            metrics.save(dataset, at, Map.of(), quality);
            days.add(new Day(extract, run, quality, anomalies, store.quarantine().countByReason(run.runId())));
            out.printf(Locale.ROOT, "      %-20s %,7d rows in, %,7d stored, %,4d quarantined; quality %s%s%n",
                    extract.label(), run.rowsIn(), run.rowsOut(), run.quarantined(), quality.status(),
                    anomalies.isEmpty() ? (extract.daily() ? ", no anomaly" : "")
                            : ", anomalies: " + String.join("; ", anomalies.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue().reason()).toList()));
        }
        // the same prices as market observations, per market, beside the pricing history
        MarketPricesStep.Result marketPrices = MarketPricesStep.run(store, products, out);
        Result result = new Result(days, products.size(), marketPrices, reportDir.resolve("quality-report.html"));
        Map<String, Long> reasons = new TreeMap<>();
        days.forEach(d -> d.reasons().forEach((k, v) -> reasons.merge(k, v, Long::sum)));
        out.printf("      %,d rows read, %,d written, %,d quarantined %s, balanced: %s%n", result.rowsIn(),
                result.rowsOut(), result.quarantined(), MarketDayReport.reasons(reasons), result.balanced());

        out.println("[4/8] checking pricing history quality and writing the report");
        Day last = days.get(days.size() - 1);
        Map<String, List<MetricPoint>> history = new LinkedHashMap<>();
        Instant lastAt = last.extract().landed().atStartOfDay().toInstant(ZoneOffset.UTC);
        for (RuleOutcome o : last.quality().outcomes()) {
            history.put(o.rule(), metrics.history(DATASET, o.rule(), Instant.EPOCH, lastAt));
        }
        try {
            Files.createDirectories(reportDir);
            Map<String, List<String>> samples = new TreeMap<>();
            for (Rejection q : store.quarantine().find(last.run().runId())) {
                List<String> some = samples.computeIfAbsent(q.reasonCode(), k -> new ArrayList<>());
                if (some.size() < 3) {
                    some.add(q.raw());
                }
            }
            Files.writeString(result.report(), HtmlReport.render(last.quality(), history, new HtmlReport.Load(
                    last.run().runId() + " (" + last.extract().label() + ")", last.run().rowsIn(),
                    last.run().rowsOut(), last.reasons(), samples),
                    last.anomalies(), days.stream().map(d -> new HtmlReport.Day(d.extract().label(), d.run().rowsIn(),
                            d.run().rowsOut(), d.run().quarantined(), d.quality().status(), d.anomalies().entrySet()
                            .stream().map(e -> e.getKey() + " " + e.getValue().reason()).toList())).toList(), now));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report " + result.report(), e);
        }
        return result;
    }

    /**
     * The rules whose metric today is anomalous against the days before: beyond {@link #MADS} scaled median absolute
     * deviations from their median and more than {@link #RATIO} times away from it. Both, because a metric that was
     * the same on most days has a MAD of 0, and then any change at all would be flagged; and a ratio alone would flag
     * a metric that always swings that much.
     */
    static Map<String, Anomaly> anomalies(MetricsRepository metrics, SuiteResult today, Instant at) {
        Map<String, Anomaly> out = new TreeMap<>();
        AnomalyStrategy mad = AnomalyStrategy.medianAbsoluteDeviation(MADS);
        for (RuleOutcome o : today.outcomes()) {
            double[] before = metrics.values(DATASET, o.rule(), Instant.EPOCH, at);
            double v = o.metric();
            if (Double.isNaN(v)) {
                continue;
            }
            mad.check(before, v).ifPresent(a -> {
                double m = a.expected();
                boolean far = m == 0 ? v != 0 : v / m > RATIO || v / m < 1 / RATIO;
                if (far) {
                    out.put(o.rule(), new Anomaly(v, m, a.lower(), a.upper(), String.format(Locale.ROOT,
                            "%s against a median of %s over %d days (accepted %s to %s)", MetricBounds.measured(v),
                            MetricBounds.measured(m), before.length, rounded(a.lower()), rounded(a.upper()))));
                }
            });
        }
        return out;
    }

    /** A bound as a person reads it: four significant digits. */
    private static String rounded(double v) {
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
