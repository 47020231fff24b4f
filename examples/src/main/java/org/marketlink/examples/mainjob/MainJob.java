package org.marketlink.examples.mainjob;

import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.store.ConnectionOptions;
import org.marketlink.store.MarketStore;
import org.marketlink.store.StoreOptions;
import org.marketlink.store.crypto.FileKeyProvider;
import org.marketlink.store.crypto.KeyProvider;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The main job: opens the embedded H2 database (or a PostgreSQL named by {@code MARKETLINK_JDBC_URL}), writes a
 * small marketplace of every entity, reads it back and prints a summary.
 *
 * <p>Then the real-data step ingests the WFP Kenya prices with quality checks and a quality report, the retail step
 * stores the Online Retail orders with their customers and products, and the
 * market-day step places seeded groups and buyers at the WFP markets, stores product features, proposes matches and
 * forecasts demand, and writes the market-day report beside the quality report.
 *
 * <p>Configuration, by system property or environment variable:
 * <ul>
 *   <li>{@code marketlink.data} / {@code MARKETLINK_DATA}: the embedded database directory, default
 *       {@code marketlink-data}</li>
 *   <li>{@code MARKETLINK_JDBC_URL}, {@code MARKETLINK_JDBC_USER}, {@code MARKETLINK_JDBC_PASSWORD}: use this
 *       database server instead</li>
 * </ul>
 */
public final class MainJob {
    private MainJob() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(setting("marketlink.data", "MARKETLINK_DATA", "marketlink-data"));
        String url = setting("marketlink.jdbc.url", "MARKETLINK_JDBC_URL", "");
        // the embedded default's keys, in a file only this user can read, created on the first run
        KeyProvider keys = FileKeyProvider.openOrCreate(dataDir.resolve("marketlink.keys"), "main-job-1");
        StoreOptions options = StoreOptions.defaults().withKeyProvider(keys);
        try (MarketStore store = url.isEmpty()
                ? MarketStore.embedded(dataDir, options)
                : MarketStore.connect(ConnectionOptions.of(url,
                        setting("marketlink.jdbc.user", "MARKETLINK_JDBC_USER", ""),
                        setting("marketlink.jdbc.password", "MARKETLINK_JDBC_PASSWORD", "")), options)) {
            Summary summary = run(store, System.out);
            System.out.println(summary.render(url.isEmpty() ? "H2 at " + dataDir.toAbsolutePath() : url));
            List<MarketDayStep.RunSummary> runs = new ArrayList<>();
            Optional<Path> wfpFile = RealDataStep.sharedData();
            wfpFile.ifPresentOrElse(wfp -> {
                RealDataStep.Result r = RealDataStep.run(store, wfp, dataDir, Instant.now(), System.out);
                r.days().forEach(d -> runs.add(new MarketDayStep.RunSummary("WFP Kenya prices, " + d.extract()
                        .label(), d.run(), d.reasons())));
                runs.add(new MarketDayStep.RunSummary("WFP prices as market observations", r.marketPrices().run(),
                        Map.of()));
                System.out.printf("  WFP prices       %,d rows in, %,d stored, %,d quarantined (%d daily runs), "
                                + "%s%n", r.rowsIn(), r.rowsOut(), r.quarantined(), r.days().size(),
                        r.anomalies() == 1 ? "1 anomaly" : r.anomalies() + " anomalies");
                RealDataStep.Day last = r.days().get(r.days().size() - 1);
                System.out.println("  quality          " + r.quality().status() + " on " + last.extract().label()
                        + r.quality().outcomes().stream().filter(o -> !(o instanceof RuleOutcome.Passed))
                        .map(o -> "; " + o.message()).collect(Collectors.joining()) + "; report at "
                        + r.report().toAbsolutePath());
            }, () -> System.out.println("  (shared/data not found above the working directory: real-data step "
                    + "skipped)"));
            RetailStep.sharedFile().ifPresent(file -> {
                System.out.println("[4b/8] ingesting the Online Retail orders from " + file.getFileName());
                RetailStep.Result retail = RetailStep.run(store, file, Instant.parse("2026-11-25T06:00:00Z"),
                        System.out);
                Map<String, Long> reasons = store.quarantine().countByReason(retail.run().runId());
                System.out.printf("  retail orders    %,d lines in, %,d orders from %,d customers over %,d products, "
                                + "%,d lines quarantined (%s)%n", retail.run().rowsIn(), retail.orders(),
                        retail.buyers(), retail.products(), retail.run().quarantined(),
                        MarketDayReport.reasons(reasons));
                runs.add(new MarketDayStep.RunSummary("Online Retail orders", retail.run(), reasons));
            });
            MarketDayStep.Result day = MarketDayStep.run(store, wfpFile, LocalDate.of(2026, 11, 25),
                    dataDir, runs, System.out);
            System.out.printf("  market day       %d groups, %d buyers, %d products; %,d product and %,d market "
                            + "feature values stored; %d matches proposed; %d forecast weeks stored (%d series failed)%n",
                    day.shgs(), day.buyers(), day.products(), day.featureValues(), day.marketFeatures().values(),
                    day.matchesProposed(), day.forecasts(), day.failedForecasts());
            System.out.println("  market report    " + day.report().toAbsolutePath());
        }
    }

    /** Writes the sample marketplace through the store, reads every entity back and checks it. */
    public static Summary run(MarketStore store, PrintStream out) {
        Instant now = Instant.parse("2026-11-25T06:00:00Z");
        SampleMarket market = SampleMarket.build(now);
        long started = System.nanoTime();
        out.println("[1/8] writing " + market.size() + " sample records");
        store.shgs().upsertAll(market.shgs());
        store.buyers().upsertAll(market.buyers());
        store.products().upsertAll(market.products());
        store.matches().upsertAll(market.matches());
        store.orders().upsertAll(market.orders());
        store.marketData().upsertAll(market.marketData());
        store.pricingHistory().upsertAll(market.pricingHistory());
        store.forecasts().upsertAll(market.forecasts());

        out.println("[2/8] reading back and checking every entity");
        List<String> mismatches = new ArrayList<>();
        for (Shg shg : market.shgs()) {
            check(mismatches, "shg " + shg.name(), store.shgs().findByNaturalKey(shg.name(), shg.location().region())
                    .map(s -> s.bankDetails().equals(shg.bankDetails()) && s.memberCount() == shg.memberCount())
                    .orElse(false));
        }
        for (Buyer b : market.buyers()) {
            check(mismatches, "buyer " + b.name(), store.buyers().findById(b.id()).map(b::equals).orElse(false));
        }
        for (Product p : market.products()) {
            check(mismatches, "product " + p.name(), store.products().findById(p.id()).map(p::equals).orElse(false));
        }
        for (Order o : market.orders()) {
            check(mismatches, "order " + o.reference(), store.orders().findByReference(o.reference())
                    .map(x -> x.totalValue().compareTo(o.totalValue()) == 0 && x.lines().size() == o.lines().size())
                    .orElse(false));
        }
        Product first = market.products().get(0);
        List<MarketData> observed = store.marketData().findByProduct(first.id(), now.minusSeconds(86_400L * 400),
                now.plusSeconds(1));
        List<PricingHistory> history = store.pricingHistory().findByProduct(first.id(), LocalDate.of(2000, 1, 1),
                LocalDate.of(2100, 1, 1));
        List<DemandForecast> forecasts = store.forecasts().findByProduct(first.id(), LocalDate.of(2000, 1, 1),
                LocalDate.of(2100, 1, 1));
        List<Match> pending = store.matches().findByStatus(MatchStatus.PENDING, 1000);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Summary(store.shgs().count(), store.products().count(), store.buyers().count(),
                store.matches().count(), pending.size(), store.orders().count(), store.marketData().count(),
                observed.size(), store.pricingHistory().count(), history.size(), store.forecasts().count(),
                forecasts.size(), store.cacheStatistics().get("product").hitRate(), mismatches, seconds);
    }

    private static void check(List<String> mismatches, String what, boolean ok) {
        if (!ok) {
            mismatches.add(what);
        }
    }

    static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
