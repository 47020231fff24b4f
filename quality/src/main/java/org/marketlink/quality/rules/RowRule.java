package org.marketlink.quality.rules;

import org.marketlink.core.Checks;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.RowView;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Violation;
import org.marketlink.core.privacy.Masking;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;
import org.marketlink.quality.metrics.ValueCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A rule judged row by row. Its metric is the share of rows that pass; it is judged by its {@link RuleOptions}
 * (a share that must pass, a count that may fail, the severity of a failure). Outcomes name the most frequent offending values and keep a
 * bounded sample of failing rows.
 *
 * <p>On an empty dataset a row rule passes with metric 1 (nothing violated it).
 *
 * @serial exclude
 */
public abstract class RowRule implements Rule {
    private static final int TOP_VALUES = 5;
    private static final int SAMPLES = 5;
    private static final int DISTINCT_CAP = 1000;

    private final String name;
    private final String column;
    private final RuleOptions options;
    private final String code;
    private final String failureText;

    /**
     * A row rule named {@code name} on {@code column} (empty for a rule over the whole row).
     *
     * @param code        the reason code of a violation, for example {@code NOT_IN_SET}
     * @param failureText what a failing value is, for messages, for example {@code "outside {A, B}"}
     */
    protected RowRule(String name, String column, RuleOptions options, String code, String failureText) {
        this.name = Checks.notBlank("name", name);
        this.column = column == null ? "" : column;
        this.options = Checks.notNull("options", options);
        this.code = Checks.notBlank("code", code);
        this.failureText = Checks.notNull("failureText", failureText);
    }

    @Override
    public String name() {
        return name;
    }

    /** The reason code of a violation, for example {@code NOT_IN_SET}. */
    protected final String code() {
        return code;
    }

    /** Binds to the schema and returns the row test; called once. */
    protected abstract RowTest compile(Schema schema);

    /** Describes a failure for messages, for example {@code "outside {A, B}"}. */
    protected final String failureText() {
        return failureText;
    }

    /** A compiled row test: whether a row passes, and the offending value as text when it does not. */
    protected interface RowTest {
        /** Whether the row passes. */
        boolean passes(RowView row);

        /** The offending value of a failing row, as text. */
        String value(RowView row);

        /**
         * The offending value as counted among the top values: by default {@link #value(RowView)}; tests whose text is
         * just the cell's own rendering return the cell object, so counting a failure allocates nothing.
         */
        default Object countedValue(RowView row) {
            return value(row);
        }

        /**
         * This test for the exclusive use of one state, which one thread feeds: tests that keep scratch space per
         * thread (a regex matcher) return a copy with its own, so the hot loop skips the thread-local look-up.
         */
        default RowTest forOneThread() {
            return this;
        }
    }

    /**
     * A row test that also reads a whole {@link ColumnBatch}, one tight loop over the column's primitive array: it
     * calls {@link Failures#fail} for each failing row, in order, with the value {@link RowTest#countedValue} would
     * give. It must fail exactly the rows {@link RowTest#passes} fails (the row path is its oracle).
     */
    protected interface ColumnTest {
        /** Reports every failing row of {@code batch}. */
        void scan(ColumnBatch batch, Failures failures);
    }

    /** Where a {@link ColumnTest} reports a failing row. */
    protected interface Failures {
        /**
         * The row at {@code row} of the batch failed.
         *
         * @param value the offending value, as {@link RowTest#countedValue} gives it
         */
        void fail(int row, Object value);

        /** The row failed on the whole number {@code value}: {@code fail(row, value)} without boxing it. */
        default void failLong(int row, long value) {
            fail(row, value);
        }

        /** The row failed on the double {@code value}: {@code fail(row, value)} without boxing it. */
        default void failDouble(int row, double value) {
            fail(row, value);
        }

        /**
         * The row failed; its offending value is counted by a later {@link #countValues} of the same scan, with the
         * values of other rows that failed on it: for a scan over a dictionary, which counts each distinct value
         * once. Values are to be counted in the order their first failing row came.
         */
        void failCountedLater(int row);

        /** Counts {@code n} failing rows' offending {@code value}, each failed with {@link #failCountedLater}. */
        void countValues(Object value, long n);

        /**
         * Scratch space of at least {@code n} ints for the scan under way, owned by the state (one thread): for a scan
         * that first gathers its failing rows without a branch per row, then reports them.
         */
        int[] scratch(int n);
    }

    /** A test on one cell whose offending value is the cell itself. */
    protected abstract static class CellTest implements RowTest {
        /** The position of the cell tested. */
        protected final int index;

        /** A test of the cell at {@code index}. */
        protected CellTest(int index) {
            this.index = index;
        }

        @Override
        public String value(RowView row) {
            return ValueCounter.text(row.get(index));
        }

        @Override
        public Object countedValue(RowView row) {
            return row.get(index);
        }
    }

    @Override
    public final BoundRule bind(Schema schema) {
        RowTest compiled = compile(schema);
        // values of a personal-data column are counted and reported as a mask, never as themselves
        RowTest test = schema.isPersonal(column) ? masked(compiled) : compiled;
        int cell = schema.has(column) ? schema.indexOf(column) : -1;
        // the column is the violation's own field, so the message does not repeat it; a missing cell is said so,
        // not shown as 'null'
        String whenMissing = failureText.equals("missing") || failureText.equals("null") ? "missing"
                : "missing (" + failureText + ")";
        return new BoundRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean rowLevel() {
                return true;
            }

            @Override
            public Violation check(RowView row) {
                if (test.passes(row)) {
                    return null;
                }
                return new Violation(code(), column, cell >= 0 && row.get(cell) == null ? whenMissing
                        : "'" + test.value(row) + "' " + failureText());
            }

            @Override
            public RuleState newState() {
                return new State(test.forOneThread());
            }
        };
    }

    private static RowTest masked(RowTest test) {
        return new RowTest() {
            @Override
            public boolean passes(RowView row) {
                return test.passes(row);
            }

            @Override
            public String value(RowView row) {
                return Masking.MASK;
            }

            @Override
            public Object countedValue(RowView row) {
                return Masking.MASK;
            }

            @Override
            public RowTest forOneThread() {
                RowTest own = test.forOneThread();
                return own == test ? this : masked(own);
            }
        };
    }

    private final class State implements RuleState, Failures {
        private static final long serialVersionUID = 1L;
        /** Compiled per schema and per thread (it may hold a matcher): not shipped with the counts. */
        private final transient RowTest test;
        private long rows;
        private long failing;
        private final ValueCounter values = new ValueCounter(DISTINCT_CAP);
        private final List<String> samples = new ArrayList<>();
        /** The batch being scanned and its failure marks, while {@link #acceptColumns} runs. */
        private transient ColumnBatch batch;
        private transient long[] failed;
        private transient int[] scratch;

        State(RowTest test) {
            this.test = test;
        }

        @Override
        public boolean columnar() {
            return test instanceof ColumnTest;
        }

        @Override
        public int scannedColumn() {
            return test instanceof CellTest c ? c.index : -1;
        }

        @Override
        public void acceptColumns(ColumnBatch batch, long[] failed) {
            rows += batch.size();
            this.batch = batch;
            this.failed = failed;
            try {
                ((ColumnTest) test).scan(batch, this);
            } finally {
                this.batch = null;
                this.failed = null;
            }
        }

        @Override
        public void fail(int row, Object value) {
            values.add(value, 1);
            failed(row);
        }

        @Override
        public void failLong(int row, long value) {
            values.addLong(value, 1);
            failed(row);
        }

        @Override
        public void failDouble(int row, double value) {
            values.addDouble(value, 1);
            failed(row);
        }

        @Override
        public int[] scratch(int n) {
            if (scratch == null || scratch.length < n) {
                scratch = new int[Math.max(n, 1024)];
            }
            return scratch;
        }

        @Override
        public void failCountedLater(int row) {
            failed(row);
        }

        @Override
        public void countValues(Object value, long n) {
            values.add(value, n);
        }

        private void failed(int row) {
            failing++;
            if (samples.size() < SAMPLES) {
                samples.add(batch.view(row).toString());
            }
            failed[row >>> 6] |= 1L << row;
        }

        @Override
        public void accept(RowView row) {
            acceptFailed(row);
        }

        @Override
        public boolean acceptFailed(RowView row) {
            rows++;
            if (test.passes(row)) {
                return false;
            }
            failing++;
            values.add(test.countedValue(row), 1);
            if (samples.size() < SAMPLES) {
                samples.add(row.toString());
            }
            return true;
        }

        @Override
        public void merge(RuleState other) {
            State o = (State) other;
            rows += o.rows;
            failing += o.failing;
            values.merge(o.values);
            for (String s : o.samples) {
                if (samples.size() < SAMPLES) {
                    samples.add(s);
                }
            }
        }

        @Override
        public RuleOutcome outcome() {
            double passing = rows == 0 ? 1 : (double) (rows - failing) / rows;
            Severity level = options.judge(rows, failing);
            if (level == null) {
                return new RuleOutcome.Passed(name, passing, rows == 0 ? "no rows" : failing + " of " + rows
                        + " rows " + failureText() + String.format(Locale.ROOT, " (%.2f%% pass)", passing * 100));
            }
            List<RuleOutcome.ValueCount> top = values.top(TOP_VALUES);
            String list = top.stream().map(v -> "'" + v.value() + "' ×" + v.count()).collect(Collectors.joining(", "));
            String message = (column.isEmpty() ? name : column) + ": " + failing + " row" + (failing == 1 ? "" : "s")
                    + " " + failureText() + ": " + list + (values.overflow() > 0 || top.size() < distinctShown()
                    ? ", ..." : "");
            return new RuleOutcome.Failed(name, passing, message, level, failing, top, samples);
        }

        private int distinctShown() {
            return values.distinctKept();
        }
    }
}
