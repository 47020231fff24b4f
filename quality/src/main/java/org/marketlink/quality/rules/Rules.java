package org.marketlink.quality.rules;

import org.marketlink.core.Checks;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.privacy.Masking;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Factories for the built-in rules. */
public final class Rules {
    private Rules() {
    }

    /** Every value of {@code column} is present (not null, and not blank for strings). */
    public static Rule complete(String column) {
        return complete(column, RuleOptions.strict());
    }

    private static Rule complete0(String column, RuleOptions o) {
        return new RowRule("completeness(" + column + ")", column, o, "INCOMPLETE", "missing") {
                        @Override
            protected RowTest compile(Schema schema) {
                int i = schema.indexOf(column);
                boolean text = schema.field(i).type() == FieldType.STRING;
                return new CellTest(i) {
                    @Override
                    public boolean passes(Row row) {
                        Object v = row.get(i);
                        return v != null && !(text && ((String) v).isBlank());
                    }
                };
            }
        };
    }

    /**
     * Every present numeric value of {@code column} lies in [min, max] (or (min, max) when not inclusive). Empty
     * values pass (completeness is its own rule); NaN fails.
     */
    private static Rule between0(String column, double min, double max, boolean inclusive, RuleOptions o) {
        return between("range(" + column + ")", column, min, max, inclusive, o);
    }

    private static Rule between(String name, String column, double min, double max, boolean inclusive,
                                RuleOptions o) {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("range of " + column + " must have min <= max, was " + min + ".." + max);
        }
        String shown = (inclusive ? "[" : "(") + fmt(min) + ", " + fmt(max) + (inclusive ? "]" : ")");
        return new RowRule(name, column, o, "OUT_OF_RANGE", "outside " + shown) {
                        @Override
            protected RowTest compile(Schema schema) {
                int i = numericColumn(schema, column);
                return new CellTest(i) {
                    @Override
                    public boolean passes(Row row) {
                        Object v = row.get(i);
                        if (v == null) {
                            return true;
                        }
                        double d = ((Number) v).doubleValue();
                        return inclusive ? d >= min && d <= max : d > min && d < max;
                    }
                };
            }
        };
    }

    public static Rule between(String column, double min, double max) {
        return between(column, min, max, true, RuleOptions.strict());
    }

    /** Every present value of {@code column} is ≥ 0. Named {@code nonNegative(column)}. */
    private static Rule nonNegative0(String column) {
        return between("nonNegative(" + column + ")", column, 0, Double.POSITIVE_INFINITY, true,
                RuleOptions.strict());
    }

    /** Every present value of {@code column} is &gt; 0. Named {@code positive(column)}. */
    private static Rule positive0(String column) {
        return between("positive(" + column + ")", column, 0, Double.POSITIVE_INFINITY, false,
                RuleOptions.strict());
    }

    /** Every present value of a string column is one of {@code allowed}. */
    private static Rule inSet0(String column, Set<String> allowed, RuleOptions o) {
        Set<String> values = new LinkedHashSet<>(Checks.list("allowed", List.copyOf(allowed)));
        return new RowRule("inSet(" + column + ")", column, o, "NOT_IN_SET",
                "outside {" + String.join(", ", values) + "}") {
                        @Override
            protected RowTest compile(Schema schema) {
                int i = schema.indexOf(column);
                return new CellTest(i) {
                    @Override
                    public boolean passes(Row row) {
                        Object v = row.get(i);
                        return v == null || values.contains(v.toString());
                    }
                };
            }
        };
    }

    public static Rule inSet(String column, Set<String> allowed) {
        return inSet(column, allowed, RuleOptions.strict());
    }

    /** Every present value of a string column matches {@code regex} as a whole (compiled once). */
    private static Rule matches0(String column, String regex, RuleOptions o) {
        Pattern pattern = Pattern.compile(regex);
        return new RowRule("pattern(" + column + ")", column, o, "PATTERN_MISMATCH",
                "not matching /" + regex + "/") {
                        @Override
            protected RowTest compile(Schema schema) {
                int i = schema.indexOf(column);
                // one matcher per thread, reset per value: no allocation per row and no lock shared by the
                // threads that check chunks of one pass
                ThreadLocal<Matcher> matchers = ThreadLocal.withInitial(() -> pattern.matcher(""));
                return new CellTest(i) {
                    @Override
                    public boolean passes(Row row) {
                        Object v = row.get(i);
                        return v == null || matchers.get().reset(v.toString()).matches();
                    }

                    @Override
                    public RowTest forOneThread() {
                        // a state is fed by one thread: it keeps its own matcher
                        Matcher own = pattern.matcher("");
                        return new CellTest(i) {
                            @Override
                            public boolean passes(Row row) {
                                Object v = row.get(i);
                                return v == null || own.reset(v.toString()).matches();
                            }
                        };
                    }
                };
            }
        };
    }

    public static Rule matches(String column, String regex) {
        return matches(column, regex, RuleOptions.strict());
    }

    /**
     * An arbitrary row predicate (cross-column comparisons and the like) under a name; {@code shown} is the column
     * whose value is reported for failing rows.
     */
    public static Rule satisfies(String name, String shown, Predicate<Row> predicate, String description,
                                 RuleOptions o) {
        Checks.notNull("predicate", predicate);
        return new RowRule(name, shown, o, "PREDICATE_FAILED", description) {
                        @Override
            protected RowTest compile(Schema schema) {
                int i = shown == null || shown.isEmpty() ? -1 : schema.indexOf(shown);
                return new RowTest() {
                    @Override
                    public boolean passes(Row row) {
                        return predicate.test(row);
                    }

                    @Override
                    public String value(Row row) {
                        return i < 0 ? row.toString() : String.valueOf(row.get(i));
                    }
                };
            }
        };
    }

    private static Rule primaryKey0(String... columns) {
        return new AggregateRule("primaryKey(" + String.join(",", columns) + ")", Severity.ERROR) {
            @Override
            public BoundRule bind(Schema schema) {
                int[] idx = new int[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    idx[i] = schema.indexOf(columns[i]);
                }
                BoundRule unique = unique0(columns).bind(schema);
                return bound(() -> new PrimaryKeyState(name(), idx, unique.newState()));
            }
        };
    }

    /** Counts rows with an empty key column and feeds the others to a uniqueness state. */
    private static final class PrimaryKeyState implements RuleState {
        private final String name;
        private final int[] idx;
        private final RuleState unique;
        private long emptyKeys;
        private long rows;

        PrimaryKeyState(String name, int[] idx, RuleState unique) {
            this.name = name;
            this.idx = idx;
            this.unique = unique;
        }

        @Override
        public void accept(Row row) {
            rows++;
            for (int i : idx) {
                Object v = row.get(i);
                if (v == null || v instanceof String text && text.isBlank()) {
                    emptyKeys++;
                    return;
                }
            }
            unique.accept(row);
        }

        @Override
        public void merge(RuleState other) {
            PrimaryKeyState o = (PrimaryKeyState) other;
            rows += o.rows;
            emptyKeys += o.emptyKeys;
            unique.merge(o.unique);
        }

        @Override
        public RuleOutcome outcome() {
            RuleOutcome u = unique.outcome();
            long duplicates = u instanceof RuleOutcome.Failed f ? f.failingRows() : 0;
            double metric = rows == 0 ? 1 : (double) (rows - emptyKeys - duplicates) / rows;
            if (emptyKeys == 0 && duplicates == 0) {
                return new RuleOutcome.Passed(name, metric, rows + " rows, every key present and distinct");
            }
            List<RuleOutcome.ValueCount> top = u instanceof RuleOutcome.Failed f ? f.topValues() : List.of();
            String message = (emptyKeys > 0 ? emptyKeys + " row" + (emptyKeys == 1 ? "" : "s") + " with an empty key"
                    : "") + (emptyKeys > 0 && duplicates > 0 ? "; " : "") + (duplicates > 0 ? u.message() : "");
            return new RuleOutcome.Failed(name, metric, message, Severity.ERROR, emptyKeys + duplicates, top,
                    List.of());
        }
    }

    /** No two rows share the same values of {@code columns} (exact; memory grows with distinct keys). */
    private static Rule unique0(String... columns) {
        return new AggregateRule("uniqueness(" + String.join(",", columns) + ")", Severity.ERROR) {
            @Override
            public BoundRule bind(Schema schema) {
                int[] idx = new int[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    idx[i] = schema.indexOf(columns[i]);
                }
                // repeated keys of personal-data columns are counted but shown masked
                boolean pii = Arrays.stream(columns).anyMatch(schema::isPersonal);
                if (idx.length == 1 && schema.field(idx[0]).type() == FieldType.LONG && !pii) {
                    return bound(() -> new LongUniqueState(name(), idx[0]));
                }
                return bound(() -> new UniqueState(name(), idx, pii));
            }
        };
    }

    /**
     * Stands for an empty value in uniqueness keys (HashMap keys may not be told apart from absence by null). An
     * enum constant, so that a state holding it can be shipped (to Spark executors and back) and stays one instance.
     */
    private enum NullKey {
        INSTANCE;

        @Override
        public String toString() {
            return "null";
        }
    }

    private static final Object NULL_KEY = NullKey.INSTANCE;

    private static final class UniqueState implements RuleState {
        private final int[] idx;
        /** Keys are the value itself for one column (no allocation per row), a list of values otherwise. */
        private final Map<Object, long[]> counts = new HashMap<>();
        private final String name;
        private final boolean pii;
        private long rows;

        UniqueState(String name, int[] idx, boolean pii) {
            this.name = name;
            this.idx = idx;
            this.pii = pii;
        }

        @Override
        public void accept(Row row) {
            rows++;
            Object key;
            if (idx.length == 1) {
                key = row.get(idx[0]);
                if (key == null) {
                    key = NULL_KEY;
                }
            } else {
                List<Object> values = new ArrayList<>(idx.length);
                for (int i : idx) {
                    values.add(row.get(i));
                }
                key = values;
            }
            long[] c = counts.get(key);
            if (c == null) {
                counts.put(key, new long[] {1});
            } else {
                c[0]++;
            }
        }

        @Override
        public void merge(RuleState other) {
            UniqueState o = (UniqueState) other;
            rows += o.rows;
            o.counts.forEach((k, v) -> counts.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
        }

        @Override
        public RuleOutcome outcome() {
            List<RuleOutcome.ValueCount> repeated = new ArrayList<>();
            for (Map.Entry<Object, long[]> e : counts.entrySet()) {
                if (e.getValue()[0] > 1) {
                    repeated.add(new RuleOutcome.ValueCount(pii ? Masking.MASK : e.getKey().toString(),
                            e.getValue()[0]));
                }
            }
            return uniquenessOutcome(name, rows, counts.size(), repeated);
        }
    }

    /**
     * Uniqueness of one {@code LONG} column, counted in an open-addressing table of primitive keys and counts: no
     * boxing and no allocation per row (the generic {@link UniqueState} allocates a map node per distinct key and
     * made uniqueness the slowest rule of a suite). Same outcome as the generic state, which serves as its oracle.
     */
    private static final class LongUniqueState implements RuleState {
        private final String name;
        private final int column;
        /**
         * Slot {@code k} holds its key at {@code 2k} and its count at {@code 2k + 1}, so a probe touches one cache
         * line; a count of 0 marks a free slot (a stored key has been seen at least once).
         */
        private long[] table = new long[2 * 1024];
        private int size;
        private long nulls;
        private long rows;

        LongUniqueState(String name, int column) {
            this.name = name;
            this.column = column;
        }

        @Override
        public void accept(Row row) {
            rows++;
            Object v = row.get(column);
            if (v == null) {
                nulls++;
            } else {
                add((Long) v, 1);
            }
        }

        private void add(long key, long n) {
            long[] t = table;
            int mask = (t.length >> 1) - 1;
            // keys keep their low bits (with the high ones folded in): ids are mostly sequential or clustered, and
            // neighbouring keys then land in neighbouring slots, so inserting a run of ids walks the table in order
            // instead of missing the cache on every row as a scrambling hash would
            long h = key ^ (key >>> 20) ^ (key >>> 40);
            int slot = (int) h & mask;
            while (t[2 * slot + 1] != 0) {
                if (t[2 * slot] == key) {
                    t[2 * slot + 1] += n;
                    return;
                }
                slot = (slot + 1) & mask;
            }
            t[2 * slot] = key;
            t[2 * slot + 1] = n;
            if (++size > t.length >> 2) {
                grow();
            }
        }

        private void grow() {
            long[] old = table;
            table = new long[old.length * 2];
            size = 0;
            for (int i = 0; i < old.length; i += 2) {
                if (old[i + 1] != 0) {
                    add(old[i], old[i + 1]);
                }
            }
        }

        @Override
        public void merge(RuleState other) {
            LongUniqueState o = (LongUniqueState) other;
            rows += o.rows;
            nulls += o.nulls;
            // room for both at once, instead of growing (and rehashing) several times on the way
            while (size + o.size > table.length >> 2) {
                grow();
            }
            for (int i = 0; i < o.table.length; i += 2) {
                if (o.table[i + 1] != 0) {
                    add(o.table[i], o.table[i + 1]);
                }
            }
        }

        @Override
        public RuleOutcome outcome() {
            List<RuleOutcome.ValueCount> repeated = new ArrayList<>();
            for (int i = 0; i < table.length; i += 2) {
                if (table[i + 1] > 1) {
                    repeated.add(new RuleOutcome.ValueCount(Long.toString(table[i]), table[i + 1]));
                }
            }
            if (nulls > 1) {
                repeated.add(new RuleOutcome.ValueCount(NULL_KEY.toString(), nulls));
            }
            return uniquenessOutcome(name, rows, size + (nulls > 0 ? 1 : 0), repeated);
        }
    }

    /** The outcome of a uniqueness rule from its distinct-key count and the keys seen more than once. */
    private static RuleOutcome uniquenessOutcome(String name, long rows, long distinct,
                                                 List<RuleOutcome.ValueCount> repeated) {
        long duplicates = 0;
        for (RuleOutcome.ValueCount v : repeated) {
            duplicates += v.count() - 1;
        }
        double metric = rows == 0 ? 1 : (double) distinct / rows;
        if (duplicates == 0) {
            return new RuleOutcome.Passed(name, metric, distinct + " distinct of " + rows + " rows");
        }
        repeated.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count())
                : a.value().compareTo(b.value()));
        List<RuleOutcome.ValueCount> shown = repeated.size() > 5 ? repeated.subList(0, 5) : repeated;
        return new RuleOutcome.Failed(name, metric, duplicates + " duplicate row" + (duplicates == 1 ? "" : "s")
                + " (" + repeated.size() + " keys repeated), e.g. " + shown, Severity.ERROR, duplicates, shown,
                List.of());
    }

    /** The number of rows is in [min, max]. */
    private static Rule rowCount0(long min, long max) {
        return new AggregateRule("rowCount", Severity.ERROR) {
            @Override
            public BoundRule bind(Schema schema) {
                return bound(() -> new RowCountState(min, max));
            }
        };
    }

    private static final class RowCountState implements RuleState {
        private final long min;
        private final long max;
        private long rows;

        RowCountState(long min, long max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public void accept(Row row) {
            rows++;
        }

        @Override
        public void merge(RuleState other) {
            rows += ((RowCountState) other).rows;
        }

        @Override
        public RuleOutcome outcome() {
            String msg = rows + " rows, expected " + min + ".." + max;
            return rows >= min && rows <= max ? new RuleOutcome.Passed("rowCount", rows, msg)
                    : new RuleOutcome.Failed("rowCount", rows, msg, Severity.ERROR, 0, List.of(), List.of());
        }
    }

    /** The mean of the present values of a numeric column is in [min, max]; errored when there are none. */
    private static Rule meanBetween0(String column, double min, double max) {
        String name = "mean(" + column + ")";
        return new AggregateRule(name, Severity.ERROR) {
            @Override
            public BoundRule bind(Schema schema) {
                int i = numericColumn(schema, column);
                return bound(() -> new MeanState(name, i, min, max));
            }
        };
    }

    /**
     * The outcome of a metric that must lie in {@code [min, max]}, with a message such as
     * {@code "mean 4.2, expected 0..10"} ({@code what} names the metric).
     */
    static RuleOutcome withinBounds(String name, double value, double min, double max, String what) {
        String msg = what + " " + fmt(value) + ", expected " + fmt(min) + ".." + fmt(max);
        return value >= min && value <= max ? new RuleOutcome.Passed(name, value, msg)
                : new RuleOutcome.Failed(name, value, msg, Severity.ERROR, 0, List.of(), List.of());
    }

    private static final class MeanState implements RuleState {
        private final String name;
        private final int column;
        private final double min;
        private final double max;
        private long n;
        private double sum;

        MeanState(String name, int column, double min, double max) {
            this.name = name;
            this.column = column;
            this.min = min;
            this.max = max;
        }

        @Override
        public void accept(Row row) {
            double d = FiniteSample.finite(row, column);
            if (d == d) {
                n++;
                sum += d;
            }
        }

        @Override
        public void merge(RuleState other) {
            MeanState o = (MeanState) other;
            n += o.n;
            sum += o.sum;
        }

        @Override
        public RuleOutcome outcome() {
            if (n == 0) {
                return new RuleOutcome.Errored(name, Double.NaN, "no finite values to average");
            }
            return withinBounds(name, sum / n, min, max, "mean");
        }
    }


    // ---- public factories: each rule carries the spec it can be written back as ----

    public static Rule complete(String column, RuleOptions o) {
        return specified(RuleSpec.of("complete").column(column).options(o), complete0(column, o));
    }

    public static Rule between(String column, double min, double max, boolean inclusive, RuleOptions o) {
        return specified(RuleSpec.of("between").column(column).min(min).max(max).inclusive(inclusive).options(o),
                between0(column, min, max, inclusive, o));
    }

    /** Every present value of {@code column} is ≥ 0. Named {@code nonNegative(column)}. */
    public static Rule nonNegative(String column) {
        return specified(RuleSpec.of("nonNegative").column(column), nonNegative0(column));
    }

    /** Every present value of {@code column} is &gt; 0. Named {@code positive(column)}. */
    public static Rule positive(String column) {
        return specified(RuleSpec.of("positive").column(column), positive0(column));
    }

    public static Rule inSet(String column, Set<String> allowed, RuleOptions o) {
        return specified(RuleSpec.of("inSet").column(column).values(List.copyOf(new TreeSet<>(allowed)))
                .options(o), inSet0(column, allowed, o));
    }

    public static Rule matches(String column, String regex, RuleOptions o) {
        return specified(RuleSpec.of("matches").column(column).pattern(regex).options(o), matches0(column, regex, o));
    }

    /** No two rows share the same values of {@code columns} (exact; memory grows with distinct keys). */
    public static Rule unique(String... columns) {
        return specified(RuleSpec.of("unique").columns(List.of(columns)), unique0(columns));
    }

    /**
     * {@code columns} form a primary key: no row has an empty value in any of them, and no two rows share the same
     * values. Rows with an empty key column are counted as failures and left out of the duplicate count.
     */
    public static Rule primaryKey(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("primaryKey needs at least one column");
        }
        return specified(RuleSpec.of("primaryKey").columns(List.of(columns)), primaryKey0(columns));
    }

    /**
     * Compares two columns of each row with {@code operator} ({@code <, <=, ==, !=, >=, >}), for example
     * {@code compare("delivered_on", ">=", "ordered_on")}. Rows with an empty side pass; numbers of different types
     * compare by value; other types must match (checked when the suite compiles).
     */
    public static Rule compare(String left, String operator, String right) {
        return compare(left, operator, right, RuleOptions.strict());
    }

    /** {@link #compare(String, String, String)} with a tolerance and severity. */
    public static Rule compare(String left, String operator, String right, RuleOptions o) {
        return specified(RuleSpec.of("compare").columns(List.of(left, right)).values(List.of(operator)).options(o),
                new ColumnComparison(left, operator, right, o));
    }

    /** The number of rows is in [min, max]. */
    public static Rule rowCount(long min, long max) {
        return specified(RuleSpec.of("rowCount").min((double) min).max((double) max), rowCount0(min, max));
    }

    /** The mean of the present values of a numeric column is in [min, max]; errored when there are none. */
    public static Rule meanBetween(String column, double min, double max) {
        return specified(RuleSpec.of("meanBetween").column(column).min(min).max(max),
                meanBetween0(column, min, max));
    }

    /**
     * The number of distinct present values of {@code column} is in [min, max]: estimated with a HyperLogLog
     * sketch (about 1.6% error, bounded memory), or counted exactly when {@code exact}.
     */
    public static Rule distinctCount(String column, long min, long max, boolean exact) {
        return specified(RuleSpec.of("distinctCount").column(column).min((double) min).max((double) max)
                .exact(exact), SketchRules.distinctCount(column, min, max, exact));
    }

    /**
     * The {@code q} quantile of the present values of a numeric column is in [min, max]: estimated with a KLL
     * sketch (about 1.7% rank error, bounded memory), or computed exactly when {@code exact}.
     */
    public static Rule quantile(String column, double q, double min, double max, boolean exact) {
        return specified(RuleSpec.of("quantile").column(column).q(q).min(min).max(max).exact(exact),
                SketchRules.quantile(column, q, min, max, exact));
    }


    /**
     * Every present value of a text column can be read as {@code type} (a whole number, a decimal number, a date
     * yyyy-MM-dd, an ISO timestamp, true/false). Named {@code parses(column, TYPE)}.
     */
    public static Rule parsesAs(String column, FieldType type, RuleOptions o) {
        return specified(RuleSpec.of("parsesAs").column(column).values(List.of(type.name())).options(o),
                new RowRule("parses(" + column + ", " + type + ")", column, o, "UNPARSEABLE", "not a valid " + type) {
                    @Override
                    protected RowTest compile(Schema schema) {
                        int i = schema.indexOf(column);
                        return new CellTest(i) {
                            @Override
                            public boolean passes(Row row) {
                                Object v = row.get(i);
                                return v == null || parses(v.toString().strip(), type);
                            }
                        };
                    }
                });
    }

    private static boolean parses(String text, FieldType type) {
        try {
            switch (type) {
                case LONG -> Long.parseLong(text);
                case DOUBLE -> {
                    if (!Double.isFinite(Double.parseDouble(text))) {
                        return false;
                    }
                }
                case DECIMAL -> new BigDecimal(text);
                case DATE -> LocalDate.parse(text);
                case TIMESTAMP -> {
                    if (text.endsWith("Z") || text.indexOf('+', 10) > 0) {
                        Instant.parse(text);
                    } else {
                        LocalDateTime.parse(text.replace(' ', 'T'));
                    }
                }
                case BOOLEAN -> {
                    return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
                }
                default -> {
                    return true;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Every present text value of {@code column} has between {@code min} and {@code max} characters. */
    public static Rule length(String column, int min, int max, RuleOptions o) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("length of " + column + " must have 0 <= min <= max, was " + min
                    + ".." + max);
        }
        return specified(RuleSpec.of("length").column(column).min(min).max(max).options(o),
                new RowRule("length(" + column + ")", column, o, "BAD_LENGTH",
                        "not " + min + ".." + max + " characters long") {
                                        @Override
                    protected RowTest compile(Schema schema) {
                        int i = schema.indexOf(column);
                        return new CellTest(i) {
                            @Override
                            public boolean passes(Row row) {
                                Object v = row.get(i);
                                if (v == null) {
                                    return true;
                                }
                                int n = v.toString().length();
                                return n >= min && n <= max;
                            }
                        };
                    }
                });
    }

    /**
     * Every present value of {@code column} is a key of the referenced dataset (given as its set of keys, for
     * example the ids of the products table read once with {@code SqlPushdown.keys(store, table, column)} of the
     * {@code marketlink-store} module).
     */
    public static Rule references(String column, Set<?> keys, String referenced, RuleOptions o) {
        Set<Object> known = Set.copyOf(keys);
        return new RowRule("references(" + column + ", " + referenced + ")", column, o, "DANGLING_REFERENCE",
                "not found in " + referenced) {
            @Override
            protected RowTest compile(Schema schema) {
                int i = schema.indexOf(column);
                return new CellTest(i) {
                    @Override
                    public boolean passes(Row row) {
                        Object v = row.get(i);
                        return v == null || known.contains(v);
                    }
                };
            }
        };
    }

    /**
     * The newest value of a timestamp column is no older than {@code maxAge} at the time {@code clock} gives when
     * the outcome is computed; failed when there are no values.
     */
    public static Rule freshness(String column, Duration maxAge, Clock clock) {
        String name = "freshness(" + column + ")";
        return new AggregateRule(name, Severity.ERROR) {
            @Override
            public BoundRule bind(Schema schema) {
                int i = schema.indexOf(column);
                if (schema.field(i).type() != FieldType.TIMESTAMP) {
                    throw new IllegalArgumentException("column '" + column + "' must be a TIMESTAMP, is "
                            + schema.field(i).type());
                }
                return bound(() -> new FreshnessState(name, i, maxAge, clock));
            }
        };
    }

    private static final class FreshnessState implements RuleState {
        private final String name;
        private final int column;
        private final Duration maxAge;
        private final Clock clock;
        private Instant newest;

        FreshnessState(String name, int column, Duration maxAge, Clock clock) {
            this.name = name;
            this.column = column;
            this.maxAge = maxAge;
            this.clock = clock;
        }

        @Override
        public void accept(Row row) {
            Instant t = row.getTimestamp(column);
            if (t != null && (newest == null || t.isAfter(newest))) {
                newest = t;
            }
        }

        @Override
        public void merge(RuleState other) {
            Instant t = ((FreshnessState) other).newest;
            if (t != null && (newest == null || t.isAfter(newest))) {
                newest = t;
            }
        }

        @Override
        public RuleOutcome outcome() {
            if (newest == null) {
                return new RuleOutcome.Failed(name, Double.NaN, "no timestamps at all", Severity.ERROR, 0, List.of(),
                        List.of());
            }
            Duration age = Duration.between(newest, clock.instant());
            String msg = "newest " + newest + " is " + age + " old, allowed " + maxAge;
            return age.compareTo(maxAge) <= 0 ? new RuleOutcome.Passed(name, age.toSeconds(), msg)
                    : new RuleOutcome.Failed(name, age.toSeconds(), msg, Severity.ERROR, 0, List.of(), List.of());
        }
    }

    /** The sample standard deviation of the present values of a numeric column is in [min, max]. */
    public static Rule stddevBetween(String column, double min, double max) {
        String name = "stddev(" + column + ")";
        return specified(RuleSpec.of("stddevBetween").column(column).min(min).max(max),
                new AggregateRule(name, Severity.ERROR) {
                    @Override
                    public BoundRule bind(Schema schema) {
                        int i = numericColumn(schema, column);
                        return bound(() -> new StddevState(name, i, min, max));
                    }
                });
    }

    /** Welford's running moments, merged with Chan's formula, so chunks combine exactly. */
    private static final class StddevState implements RuleState {
        private final String name;
        private final int column;
        private final double min;
        private final double max;
        private long n;
        private double mean;
        private double m2;

        StddevState(String name, int column, double min, double max) {
            this.name = name;
            this.column = column;
            this.min = min;
            this.max = max;
        }

        @Override
        public void accept(Row row) {
            double x = FiniteSample.finite(row, column);
            if (x == x) {
                n++;
                double d = x - mean;
                mean += d / n;
                m2 += d * (x - mean);
            }
        }

        @Override
        public void merge(RuleState other) {
            StddevState o = (StddevState) other;
            if (o.n == 0) {
                return;
            }
            long total = n + o.n;
            double d = o.mean - mean;
            m2 += o.m2 + d * d * n * o.n / total;
            mean += d * o.n / total;
            n = total;
        }

        @Override
        public RuleOutcome outcome() {
            if (n < 2) {
                return new RuleOutcome.Errored(name, Double.NaN, "fewer than two finite values");
            }
            return withinBounds(name, Math.sqrt(m2 / (n - 1)), min, max, "standard deviation");
        }
    }

    private static Rule specified(RuleSpec spec, Rule rule) {
        return new Rule() {
            @Override
            public String name() {
                return rule.name();
            }

            @Override
            public BoundRule bind(Schema schema) {
                return rule.bind(schema);
            }

            @Override
            public Optional<RuleSpec> spec() {
                return Optional.of(spec);
            }
        };
    }

    static int numericColumn(Schema schema, String column) {
        int i = schema.indexOf(column);
        FieldType t = schema.field(i).type();
        if (t != FieldType.LONG && t != FieldType.DOUBLE && t != FieldType.DECIMAL) {
            throw new IllegalArgumentException("column '" + column + "' must be numeric, is " + t);
        }
        return i;
    }

    static String fmt(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "∞" : "-∞";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
