package org.marketlink.examples.mainjob;

import org.marketlink.core.pipeline.ProgressListener;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** Prints a line each time a long run passes another {@code step} rows. */
final class Progress {
    private Progress() {
    }

    static ProgressListener every(long step, PrintStream out) {
        AtomicLong next = new AtomicLong(step);
        return p -> {
            long mark = next.get();
            if (p.rowsRead() >= mark && next.compareAndSet(mark, (p.rowsRead() / step + 1) * step)) {
                out.printf("      ... %,d rows read (%,.0f rows/s)%n", p.rowsRead(), p.rowsPerSecond());
            }
        };
    }
}
