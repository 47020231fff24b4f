package org.marketlink.quality;

import org.marketlink.core.Checks;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.RowView;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ColumnCursor;
import org.marketlink.core.pipeline.ColumnSource;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.Violation;
import org.marketlink.quality.rules.BoundRule;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.RuleKind;
import org.marketlink.quality.rules.RuleSpec;
import org.marketlink.quality.rules.RuleState;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A named set of rules. {@link #compile} binds every rule to a schema once; the compiled suite then checks rows in
 * one pass, in chunks whose states merge, or row by row for the pipeline's validate stage.
 *
 * <pre>{@code
 * Suite suite = Suite.of("orders", Rules.complete("CustomerID"), Rules.positive("UnitPrice"),
 *         Rules.unique("InvoiceNo", "StockCode"));
 * SuiteResult result = suite.compile(schema).run(rows);
 * Pipeline.from(source).then("validate", Stages.validate(suite.compile(schema)::violations))...
 * }</pre>
 *
 * <p>Immutable and thread-safe. A suite and its {@link State}s are serializable, so a cluster can ship the suite
 * to its executors and bring the per-partition states back to merge (see {@link Rule} for rules made from
 * lambdas).
 *
 * @serial exclude
 */
public final class Suite implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final List<Rule> rules;
    /** The score the suite must reach, or null when it has no threshold. */
    private final ScoreThreshold scoreThreshold;

    private Suite(String name, List<Rule> rules, ScoreThreshold scoreThreshold) {
        this.name = Checks.notBlank("name", name);
        this.rules = List.copyOf(rules);
        this.scoreThreshold = scoreThreshold;
        Set<String> names = new HashSet<>();
        if (scoreThreshold != null) {
            names.add(ScoreThreshold.RULE_NAME);
        }
        for (Rule r : this.rules) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("suite " + name + " has two rules named '" + r.name() + "'");
            }
        }
    }

    /** A suite of these rules; their names must be distinct. */
    public static Suite of(String name, Rule... rules) {
        return new Suite(name, List.of(rules), null);
    }

    /** A suite of these rules; their names must be distinct. */
    public static Suite of(String name, List<Rule> rules) {
        return new Suite(name, rules, null);
    }

    /**
     * This suite with a threshold on its {@linkplain SuiteResult#score() score}: every result then ends with an
     * outcome named {@value ScoreThreshold#RULE_NAME}, failed at the threshold's severity when the score is below
     * it.
     *
     * @param threshold the score the suite must reach
     * @return a new suite; this one is unchanged
     * @throws IllegalArgumentException when a rule is already named {@value ScoreThreshold#RULE_NAME}
     */
    public Suite withScoreThreshold(ScoreThreshold threshold) {
        return new Suite(name, rules, Checks.notNull("threshold", threshold));
    }

    /**
     * The score threshold, if the suite has one.
     *
     * @return the threshold, or empty
     */
    public Optional<ScoreThreshold> scoreThreshold() {
        return Optional.ofNullable(scoreThreshold);
    }

    /** The suite's name. */
    public String name() {
        return name;
    }

    /** The rules, in order. */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * Binds every rule to {@code schema}. A rule of a suite file or of {@link org.marketlink.quality.rules.Rules}
     * that names a column the schema does not have is not an error here: its outcome is errored and says which
     * column is missing, the other rules run, and the suite's status is ERROR. The row-level checks of the validate
     * stage skip it.
     *
     * @throws IllegalArgumentException naming the rule and the column when a rule does not fit the schema
     *                                  otherwise (a text column where a number is needed, a rule made from code)
     */
    public Compiled compile(Schema schema) {
        List<BoundRule> bound = new ArrayList<>(rules.size());
        for (Rule r : rules) {
            String missing = missingColumn(r, schema);
            if (missing != null) {
                bound.add(new MissingColumn(r, missing));
                continue;
            }
            try {
                bound.add(r.bind(schema));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule " + r.name() + " of suite " + name + ": " + e.getMessage(), e);
            }
        }
        return new Compiled(bound, schema);
    }

    /** The first column a rule's spec names that {@code schema} lacks; null when none is (or there is no spec). */
    private static String missingColumn(Rule rule, Schema schema) {
        RuleSpec spec = rule.spec().orElse(null);
        if (spec == null || spec.kind() == RuleKind.COLUMN_EXISTS) {
            return null;
        }
        List<String> named = new ArrayList<>();
        if (spec.column() != null) {
            named.add(spec.column());
        }
        if (spec.columns() != null) {
            named.addAll(spec.columns());
        }
        for (String c : named) {
            if (!schema.has(c)) {
                return c;
            }
        }
        return null;
    }

    /** A rule whose column the data does not have: it judges nothing and reports that. */
    private static final class MissingColumn implements BoundRule {
        private final String name;
        private final String column;
        private final boolean rowLevel;

        MissingColumn(Rule rule, String column) {
            this.name = rule.name();
            this.column = column;
            this.rowLevel = rule.spec().orElseThrow().kind().rowLevel();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean rowLevel() {
            return rowLevel;
        }

        @Override
        public RuleState newState() {
            return new Unjudged(name, column);
        }
    }

    /** The state of a rule whose column is missing: rows pass through, the outcome says why nothing was judged. */
    private record Unjudged(String name, String column) implements RuleState {
        @Override
        public void accept(RowView row) {
            // nothing to judge
        }

        @Override
        public void merge(RuleState other) {
            // nothing was counted
        }

        @Override
        public RuleOutcome outcome() {
            return new RuleOutcome.Errored(name, Double.NaN, "the data has no column '" + column + "'");
        }
    }

    /** A suite bound to a schema. Thread-safe; create one {@link State} per thread or chunk. */
    public final class Compiled {
        private final List<BoundRule> bound;
        private final BoundRule[] rowRules;
        private final Schema schema;

        private Compiled(List<BoundRule> bound, Schema schema) {
            this.bound = bound;
            this.schema = schema;
            this.rowRules = bound.stream().filter(BoundRule::rowLevel).toArray(BoundRule[]::new);
        }

        /** The schema the suite was compiled for. */
        public Schema schema() {
            return schema;
        }

        /** A fresh state for one pass or one chunk. */
        public State newState() {
            List<RuleState> states = new ArrayList<>(bound.size());
            for (BoundRule b : bound) {
                states.add(b.newState());
            }
            return new State(states, bound, schema);
        }

        /**
         * Checks column batches in one pass, as {@link State#accept(ColumnBatch)} does: the same result as
         * {@link #run} over the same rows.
         */
        public SuiteResult runColumns(Iterable<ColumnBatch> batches) {
            State s = newState();
            for (ColumnBatch b : batches) {
                s.accept(b);
            }
            return s.result();
        }

        /**
         * Reads {@code source} as column batches ({@link ColumnSource#openColumns}) of {@value #BATCH_ROWS} rows and
         * checks them in one pass, as {@link State#accept(ColumnBatch)} does: a CSV file, a query's results or a
         * Parquet file judged without a {@link Row} per record where the rules scan columns.
         *
         * @param source   the source, of the schema the suite was compiled for
         * @param rejected the rows the source quarantines (they are not judged: they are not rows of the schema)
         * @return the result
         * @throws IllegalArgumentException when the source has another schema
         */
        public SuiteResult runColumns(ColumnSource source, Consumer<Rejection> rejected) {
            if (!source.schema().equals(schema)) {
                throw new IllegalArgumentException("the source's schema " + source.schema() + " is not the suite's "
                        + schema);
            }
            State s = newState();
            try (ColumnCursor cursor = source.openColumns(BATCH_ROWS)) {
                for (ColumnBatch b = cursor.next(rejected); b != null; b = cursor.next(rejected)) {
                    s.accept(b);
                }
            }
            return s.result();
        }

        /** Checks all rows in one pass. */
        public SuiteResult run(Iterable<? extends RowView> rows) {
            return run(rows, done -> {
            });
        }

        /**
         * Checks all rows in one pass, telling {@code rowsDone} how far it is: every {@value #PROGRESS_EVERY} rows
         * and once at the end with the total, on the calling thread.
         *
         * @param rows     the rows
         * @param rowsDone progress: the rows checked so far
         * @return the result
         */
        public SuiteResult run(Iterable<? extends RowView> rows, LongConsumer rowsDone) {
            Checks.notNull("rowsDone", rowsDone);
            State s = newState();
            long n = 0;
            for (RowView r : rows) {
                s.accept(r);
                if (++n % PROGRESS_EVERY == 0) {
                    rowsDone.accept(n);
                }
            }
            rowsDone.accept(n);
            return s.result();
        }

        /** How often a long suite run reports progress, in rows. */
        public static final int PROGRESS_EVERY = 100_000;

        /** The rows of a column batch {@link #runColumns(ColumnSource, Consumer)} reads: a few CPU cache's worth. */
        public static final int BATCH_ROWS = 2048;

        /** The row-level violations of one row (empty when it passes every row rule), for the validate stage. */
        public List<Violation> violations(RowView row) {
            List<Violation> out = null;
            for (BoundRule r : rowRules) {
                Violation v = r.check(row);
                if (v != null) {
                    if (out == null) {
                        out = new ArrayList<>(2);
                    }
                    out.add(v);
                }
            }
            return out == null ? List.of() : out;
        }
    }

    /**
     * The metric states of one pass or chunk. Mergeable; not thread-safe. A state read back from its serialized
     * form is merged into a fresh state of the same compiled suite (see {@link RuleState}).
     *
     * @serial exclude
     */
    public final class State implements Serializable {
        private static final long serialVersionUID = 1L;
        private final List<RuleState> states;
        private long rows;
        /** Rows that failed at least one row-level rule: the suite's row score counts each such row once. */
        private long rowsFailingAny;

        /**
         * The same states as arrays, row-level ones apart: the per-row loop has no list indirection or cast, and
         * only row states are asked whether the row failed (a dataset state's answer would cost a call for nothing).
         */
        private final RuleState[] rowStates;
        private final RuleState[] datasetStates;
        private final Schema schema;
        /** Whether each state's rule is judged row by row. */
        private final boolean[] rowLevel;
        /** For column batches: the states that scan whole columns, and those fed the batch's rows one by one. */
        private final RuleState[] columnarStates;
        private final RuleState[] rowByRowRowStates;
        private final RuleState[] rowByRowDatasetStates;
        /** One bit per row of a batch: failed a row rule. */
        private transient long[] failedScratch;

        private State(List<RuleState> states, List<BoundRule> bound, Schema schema) {
            this.states = states;
            this.schema = schema;
            List<RuleState> row = new ArrayList<>();
            List<RuleState> dataset = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                (bound.get(i).rowLevel() ? row : dataset).add(states.get(i));
            }
            this.rowLevel = new boolean[states.size()];
            for (int i = 0; i < states.size(); i++) {
                rowLevel[i] = bound.get(i).rowLevel();
            }
            this.rowStates = row.toArray(new RuleState[0]);
            this.datasetStates = dataset.toArray(new RuleState[0]);
            // the scans of one column run back to back (its values stay in the cache); states are independent,
            // so the order changes no outcome
            this.columnarStates = states.stream().filter(RuleState::columnar)
                    .sorted(Comparator.comparingInt(st -> st.scannedColumn() < 0 ? Integer.MAX_VALUE
                            : st.scannedColumn())).toArray(RuleState[]::new);
            this.rowByRowRowStates = row.stream().filter(st -> !st.columnar()).toArray(RuleState[]::new);
            this.rowByRowDatasetStates = dataset.stream().filter(st -> !st.columnar()).toArray(RuleState[]::new);
        }

        /** Adds one row to every rule's state. */
        public void accept(RowView row) {
            acceptFailed(row);
        }

        /** The rows accepted so far. */
        public long rows() {
            return rows;
        }

        /** Adds one row to every rule's state; returns whether it failed a row-level rule. */
        public boolean acceptFailed(RowView row) {
            rows++;
            boolean failed = false;
            for (RuleState s : rowStates) {
                failed |= s.acceptFailed(row);
            }
            for (RuleState s : datasetStates) {
                s.accept(row);
            }
            if (failed) {
                rowsFailingAny++;
            }
            return failed;
        }

        /**
         * Adds every row of a column batch: the same states as {@link #accept(RowView)} row by row would leave, in one
         * pass over each column for the rules that scan columns (completeness, ranges, sets, patterns on text, long
         * uniqueness, row count, means) and row by row for the others. The batch is not kept.
         *
         * @param batch the rows, of the schema the suite was compiled for
         * @throws IllegalArgumentException when the batch has another schema
         */
        public void accept(ColumnBatch batch) {
            if (!batch.schema().equals(schema)) {
                throw new IllegalArgumentException("the batch's schema " + batch.schema()
                        + " is not the suite's " + schema);
            }
            int n = batch.size();
            int words = (n + 63) >>> 6;
            long[] failed = failedScratch;
            if (failed == null || failed.length < words) {
                failed = new long[words];
                failedScratch = failed;
            } else {
                Arrays.fill(failed, 0, words, 0L);
            }
            rows += n;
            for (RuleState s : columnarStates) {
                s.acceptColumns(batch, failed);
            }
            if (rowByRowRowStates.length + rowByRowDatasetStates.length > 0) {
                for (int r = 0; r < n; r++) {
                    RowView row = batch.view(r); // read in place: only the fields these rules ask for
                    boolean rowFailed = false;
                    for (RuleState s : rowByRowRowStates) {
                        rowFailed |= s.acceptFailed(row);
                    }
                    for (RuleState s : rowByRowDatasetStates) {
                        s.accept(row);
                    }
                    if (rowFailed) {
                        failed[r >>> 6] |= 1L << r;
                    }
                }
            }
            for (int w = 0; w < words; w++) {
                rowsFailingAny += Long.bitCount(failed[w]);
            }
        }

        /** Adds another chunk's states (of the same compiled suite) into this one; returns this. */
        public State merge(State other) {
            if (other.states.size() != states.size()) {
                throw new IllegalArgumentException("states of different suites cannot merge");
            }
            rows += other.rows;
            rowsFailingAny += other.rowsFailingAny;
            for (int i = 0; i < states.size(); i++) {
                states.get(i).merge(other.states.get(i));
            }
            return this;
        }

        /** The outcome of every rule over the rows accepted so far, each with its rule's level. */
        public SuiteResult result() {
            List<RuleOutcome> outcomes = new ArrayList<>(states.size());
            Map<String, SuiteResult.Level> levels = new LinkedHashMap<>();
            for (int i = 0; i < states.size(); i++) {
                RuleOutcome o = states.get(i).outcome();
                outcomes.add(o);
                levels.put(o.rule(), rowLevel[i] ? SuiteResult.Level.ROW : SuiteResult.Level.DATASET);
            }
            SuiteResult result = new SuiteResult(name, rows, outcomes, rowsFailingAny, levels);
            if (scoreThreshold == null) {
                return result;
            }
            RuleOutcome score = scoreThreshold.judge(result.score());
            outcomes.add(score);
            levels.put(score.rule(), SuiteResult.Level.DATASET);
            return new SuiteResult(name, rows, outcomes, rowsFailingAny, levels);
        }
    }
}
