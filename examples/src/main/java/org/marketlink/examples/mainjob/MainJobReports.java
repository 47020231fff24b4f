package org.marketlink.examples.mainjob;

import org.marketlink.store.MarketStore;
import org.marketlink.store.StoreOptions;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Writes the main job's two HTML reports (quality and market day) into a directory, on a throwaway database. */
public final class MainJobReports {
    private MainJobReports() {
    }

    /** @return the reports written: the quality report when the WFP file is found, and the market-day report */
    public static List<Path> write(Path dir) {
        List<Path> written = new ArrayList<>();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (MarketStore store = MarketStore.inMemory(StoreOptions.defaults())) {
            List<MarketDayStep.RunSummary> runs = new ArrayList<>();
            RealDataStep.sharedData().ifPresent(wfp -> {
                RealDataStep.Result r = RealDataStep.run(store, wfp, dir, Instant.parse("2026-11-25T06:00:00Z"), quiet);
                written.add(r.report());
                r.days().forEach(d -> runs.add(new MarketDayStep.RunSummary("WFP Kenya prices, " + d.extract()
                        .label(), d.run(), d.reasons())));
            });
            written.add(MarketDayStep.run(store, RealDataStep.sharedData(), LocalDate.of(2026, 11, 25), dir, runs,
                    quiet).report());
        }
        return written;
    }
}
