package org.marketlink.quality.pipeline;

import org.marketlink.core.Checks;
import org.marketlink.core.data.RecordRows;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.RowView;
import org.marketlink.core.pipeline.Emitter;
import org.marketlink.core.pipeline.Stage;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Validation in the pass that loads the data: every row that reaches this stage is counted in the suite's metric
 * states, a row that fails a row-level rule goes to quarantine with the rule's code, its column and what is wrong,
 * and the rest move on. After the run, {@link #result()} is the suite's outcome over every row the stage saw, the
 * quarantined ones included, so a run yields both the stored rows and the quality result without a second read.
 *
 * <p>The stage is stateless in the pipeline's sense, so chunks may pass through it on several threads: each thread
 * feeds a state of its own, and {@link #result()} merges them. One stage instance serves one run; build a new one for
 * the next. Thread-safe.
 *
 * @param <T> what flows through: rows, or records the suite reads through {@link RecordRows}
 */
public final class SuiteStage<T> implements Stage<T, T> {
    private final Suite.Compiled suite;
    private final Function<T, RowView> view;
    private final Queue<Suite.State> states = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Suite.State> local;

    private SuiteStage(Suite.Compiled suite, Function<T, RowView> view) {
        this.suite = suite;
        this.view = view;
        this.local = ThreadLocal.withInitial(() -> {
            Suite.State s = suite.newState();
            states.add(s);
            return s;
        });
    }

    /** A stage over rows of the schema {@code suite} was compiled for. */
    public static SuiteStage<Row> rows(Suite.Compiled suite) {
        Checks.notNull("suite", suite);
        return new SuiteStage<>(suite, r -> r);
    }

    /**
     * A stage over records, read as rows of {@code rows.schema()}, which {@code suite} must have been compiled for.
     * The rules read each record in place ({@link RecordRows#view}): no row is made of it, and a field no rule asks
     * for is never read.
     *
     * @throws IllegalArgumentException when the suite was compiled for another schema
     */
    public static <T extends Record> SuiteStage<T> records(Suite.Compiled suite, RecordRows<T> rows) {
        Checks.notNull("suite", suite);
        Checks.notNull("rows", rows);
        if (!suite.schema().equals(rows.schema())) {
            throw new IllegalArgumentException("the suite was compiled for " + suite.schema() + ", the records read as "
                    + rows.schema());
        }
        return new SuiteStage<>(suite, rows::view);
    }

    @Override
    public void apply(T input, Emitter<T> out) {
        RowView row = view.apply(input);
        if (!local.get().acceptFailed(row)) {
            out.emit(input);
            return;
        }
        out.reject(suite.violations(row));
    }

    /** The number of rows the stage has seen so far. */
    public long rows() {
        long n = 0;
        for (Suite.State s : states) {
            n += s.rows();
        }
        return n;
    }

    /**
     * The suite's outcome over every row the stage saw. Call it after the run: rows still passing through on other
     * threads may be missing from it.
     */
    public SuiteResult result() {
        Suite.State all = suite.newState();
        for (Suite.State s : states) {
            all.merge(s);
        }
        return all.result();
    }
}
