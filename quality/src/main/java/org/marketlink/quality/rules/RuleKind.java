package org.marketlink.quality.rules;

import org.marketlink.core.Checks;
import org.marketlink.core.data.Cells;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.RowView;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.Severity;
import org.marketlink.quality.drift.DriftRules;
import org.marketlink.quality.metrics.DistinctKeys;
import org.marketlink.quality.metrics.DistinctLongs;
import org.marketlink.quality.metrics.ExactDistinctCount;
import org.marketlink.quality.metrics.ExactQuantile;
import org.marketlink.quality.metrics.Extreme;
import org.marketlink.quality.metrics.HllDistinctCount;
import org.marketlink.quality.metrics.KeyFrequencies;
import org.marketlink.quality.metrics.KllQuantile;
import org.marketlink.quality.metrics.Mean;
import org.marketlink.quality.metrics.MetricBounds;
import org.marketlink.quality.metrics.PrimaryKeyCounts;
import org.marketlink.quality.metrics.RowCount;
import org.marketlink.quality.metrics.StandardDeviation;
import org.marketlink.quality.metrics.Uniqueness;
import org.marketlink.quality.sql.SqlContext;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every kind of built-in rule, each defined once: its one name, its parameters, how it is built from a {@link
 * RuleSpec}, and its SQL form. The name is the same everywhere a kind shows: {@link #word()} ({@code inSet}) is the
 * {@code type} in suite files and the start of outcome names ({@code inSet(region)}); {@link #code()} ({@code
 * IN_SET}) is the reason code of a quarantined row. Aggregate kinds keep their metric state in {@code
 * org.marketlink.quality.metrics}, drift kinds theirs in {@code org.marketlink.quality.drift}.
 *
 * <p>{@link RuleSpec#toRule} and {@link Rules} build through this enum; the store's SQL pushdown asks it for
 * {@link #sqlForm()} and {@link #sql}. Adding a kind means adding a constant here (and its state, when it is an
 * aggregate). Kinds that take values a file cannot hold (predicates, reference samples, key sets, clocks) are made
 * from code only: {@link #inFiles()} is false for them.
 *
 * <p>Immutable and thread-safe. A spec with a missing, foreign or wrong parameter gets an
 * {@link IllegalArgumentException} naming that parameter ({@code min: missing}); {@link RuleSpec#toRule} puts the
 * spec's place in its file in front.
 */
public enum RuleKind {
    /** Every value is present: not null, and not blank for text. */
    COMPLETE(Level.ROW, SqlForm.FAILING_ROWS, need(Parameter.COLUMN), may()) {
        @Override
        Rule build(RuleSpec s) {
            String column = s.column();
            return new RowRule(outcomeName(column), column, s.rowOptions(), code(), "missing") {
                @Override
                protected RowTest compile(Schema schema) {
                    int i = schema.indexOf(column);
                    boolean text = schema.field(i).type() == FieldType.STRING;
                    return new ColumnCellTest(i) {
                        @Override
                        public boolean passes(RowView row) {
                            Object v = row.get(i);
                            return v != null && !(text && ((String) v).isBlank());
                        }

                        @Override
                        public void scan(ColumnBatch batch, RowRule.Failures failures) {
                            boolean[] nulls = batch.nulls(i);
                            int n = batch.size();
                            if (text && batch.noBlanks(i)) {
                                failEmpty(nulls, n, failures); // the reader vouched: no value is blank
                            } else if (text && batch.encoded(i)) {
                                scanDictionary(batch, i, true, v -> !v.isBlank(), failures);
                            } else if (text && batch.inline(i)) {
                                byte[] bytes = batch.utf8(i);
                                int[] at = batch.utf8Offsets(i);
                                for (int r = 0; r < n; r++) {
                                    if (nulls[r]) {
                                        failures.fail(r, null);
                                    } else if (blankUtf8(bytes, at[r], at[r + 1])) {
                                        failures.fail(r, new String(bytes, at[r], at[r + 1] - at[r],
                                                StandardCharsets.UTF_8));
                                    }
                                }
                            } else if (text) {
                                String[] v = batch.texts(i);
                                for (int r = 0; r < n; r++) {
                                    if (nulls[r] || v[r].isBlank()) {
                                        failures.fail(r, v[r]);
                                    }
                                }
                            } else {
                                failEmpty(nulls, n, failures);
                            }
                        }
                    };
                }
            };
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            String c = sql.column(s.column());
            return sql.type(s.column()) == FieldType.STRING ? "(" + c + " IS NULL OR " + sql.dialect().blank(c, sql)
                    + ")" : c + " IS NULL";
        }
    },

    /**
     * Every value is not null. Blank text passes: this is SQL's {@code NOT NULL}, the meaning of dbt's
     * {@code not_null}, SodaCL's {@code missing_count} and Great Expectations' {@code not_be_null}.
     */
    NOT_NULL(Level.ROW, SqlForm.FAILING_ROWS, need(Parameter.COLUMN), may()) {
        @Override
        Rule build(RuleSpec s) {
            String column = s.column();
            return new RowRule(outcomeName(column), column, s.rowOptions(), code(), "null") {
                @Override
                protected RowTest compile(Schema schema) {
                    return new ColumnCellTest(schema.indexOf(column)) {
                        @Override
                        public boolean passes(RowView row) {
                            return row.get(index) != null;
                        }

                        @Override
                        public void scan(ColumnBatch batch, RowRule.Failures failures) {
                            failEmpty(batch.nulls(index), batch.size(), failures);
                        }
                    };
                }
            };
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            return sql.column(s.column()) + " IS NULL";
        }
    },

    /**
     * Every present numeric value lies in [min, max], or (min, max) when not {@code inclusive} (default true).
     * Empty values pass (completeness is its own rule); NaN fails.
     */
    BETWEEN(Level.ROW, SqlForm.FAILING_ROWS, need(Parameter.COLUMN, Parameter.MIN, Parameter.MAX),
            may(Parameter.INCLUSIVE)) {
        @Override
        Rule build(RuleSpec s) {
            return interval(this, s.column(), s.min(), s.max(), s.inclusive() == null || s.inclusive(),
                    s.rowOptions());
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            return outsideInterval(s.column(), s.inclusive() == null || s.inclusive(), s.min(), s.max(), sql);
        }
    },

    /**
     * Every present value of a {@code DATE} or {@code TIMESTAMP} column lies in [{@code from}, {@code to}] (either may
     * be left out). Bounds are ISO dates ({@code 2024-01-01}) or instants ({@code 2024-01-01T06:00:00Z}); on a
     * timestamp column a date bound means the start of that day in UTC for {@code from} and its end for {@code to}.
     * Runs in memory only.
     */
    TIME_BETWEEN(Level.ROW, SqlForm.NONE, need(Parameter.COLUMN), may(Parameter.FROM, Parameter.TO)) {
        @Override
        Rule build(RuleSpec s) {
            if (s.from() == null && s.to() == null) {
                throw new IllegalArgumentException("from: missing (timeBetween needs from, to or both)");
            }
            String column = s.column();
            TimeBound from = s.from() == null ? null : TimeBound.parse("from", s.from());
            TimeBound to = s.to() == null ? null : TimeBound.parse("to", s.to());
            String shown = "outside [" + (from == null ? "-∞" : s.from()) + ", " + (to == null ? "∞" : s.to()) + "]";
            return new RowRule(outcomeName(column), column, s.rowOptions(), code(), shown) {
                @Override
                protected RowTest compile(Schema schema) {
                    int i = schema.indexOf(column);
                    FieldType t = schema.field(i).type();
                    if (t == FieldType.TIMESTAMP) {
                        Instant lo = from == null ? Instant.MIN : from.earliestInstant();
                        Instant hi = to == null ? Instant.MAX : to.latestInstant();
                        return new CellTest(i) {
                            @Override
                            public boolean passes(RowView row) {
                                Instant v = (Instant) row.get(index);
                                return v == null || !v.isBefore(lo) && !v.isAfter(hi);
                            }
                        };
                    }
                    if (t == FieldType.DATE) {
                        LocalDate lo = from == null ? LocalDate.MIN : from.date("from");
                        LocalDate hi = to == null ? LocalDate.MAX : to.date("to");
                        return new CellTest(i) {
                            @Override
                            public boolean passes(RowView row) {
                                LocalDate v = (LocalDate) row.get(index);
                                return v == null || !v.isBefore(lo) && !v.isAfter(hi);
                            }
                        };
                    }
                    throw new IllegalArgumentException("column '" + column + "' must be a DATE or TIMESTAMP, is " + t);
                }
            };
        }
    },

    /** Every present numeric value is at least 0. */
    NON_NEGATIVE(Level.ROW, SqlForm.FAILING_ROWS, need(Parameter.COLUMN), may()) {
        @Override
        Rule build(RuleSpec s) {
            return interval(this, s.column(), 0, Double.POSITIVE_INFINITY, true, s.rowOptions());
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            return outsideInterval(s.column(), true, 0, Double.POSITIVE_INFINITY, sql);
        }
    },

    /** Every present numeric value is greater than 0 and finite (NaN and infinity fail). */
    POSITIVE(Level.ROW, SqlForm.FAILING_ROWS, need(Parameter.COLUMN), may()) {
        @Override
        Rule build(RuleSpec s) {
            return interval(this, s.column(), 0, Double.POSITIVE_INFINITY, false, s.rowOptions());
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            return outsideInterval(s.column(), false, 0, Double.POSITIVE_INFINITY, sql);
        }
    },

    /** Every present value, as text, is one of {@code values}. */
    IN_SET(Level.ROW, SqlForm.FAILING_ROWS, need(Parameter.COLUMN, Parameter.VALUES), may()) {
        @Override
        Rule build(RuleSpec s) {
            String column = s.column();
            Set<String> values = new LinkedHashSet<>(Checks.list("values", s.values()));
            return new RowRule(outcomeName(column), column, s.rowOptions(), code(),
                    // sorted: a Set.of(...) iterates in a different order on every run, and messages must not
                    "outside {" + String.join(", ", new TreeSet<>(values)) + "}") {
                @Override
                protected RowTest compile(Schema schema) {
                    int i = schema.indexOf(column);
                    if (schema.field(i).type() != FieldType.STRING) {
                        return new CellTest(i) {
                            @Override
                            public boolean passes(RowView row) {
                                Object v = row.get(i);
                                return v == null || values.contains(v.toString());
                            }
                        };
                    }
                    TextSet set = new TextSet(values);
                    return new ColumnCellTest(i) {
                        @Override
                        public boolean passes(RowView row) {
                            Object v = row.get(i);
                            return v == null || set.contains((String) v);
                        }

                        @Override
                        public void scan(ColumnBatch batch, RowRule.Failures failures) {
                            if (batch.encoded(i)) {
                                scanDictionary(batch, i, false, set::contains, failures);
                                return;
                            }
                            boolean[] nulls = batch.nulls(i);
                            String[] v = batch.texts(i);
                            for (int r = 0, n = batch.size(); r < n; r++) {
                                if (!nulls[r] && !set.contains(v[r])) {
                                    failures.fail(r, v[r]);
                                }
                            }
                        }
                    };
                }
            };
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            String c = sql.column(s.column());
            FieldType type = sql.type(s.column());
            if (type != FieldType.STRING && type != FieldType.LONG) {
                return null; // other types print differently in SQL than as Java text: judged in memory
            }
            String text = type == FieldType.STRING ? c : "CAST(" + c + " AS VARCHAR(20))";
            if (s.values().isEmpty()) {
                return c + " IS NOT NULL";
            }
            StringBuilder in = new StringBuilder();
            for (String v : new LinkedHashSet<>(s.values())) {
                in.append(in.length() == 0 ? "" : ", ").append(sql.bind(v));
            }
            return c + " IS NOT NULL AND " + text + " NOT IN (" + in + ")";
        }
    },

    /** Every present value, as text, matches the regular expression {@code pattern} as a whole. */
    MATCHES(Level.ROW, SqlForm.NONE, need(Parameter.COLUMN, Parameter.PATTERN), may()) {
        @Override
        Rule build(RuleSpec s) {
            String column = s.column();
            String regex = s.pattern();
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("pattern: not a regular expression: " + e.getDescription(), e);
            }
            // most data patterns are a run of classes one greedy pass decides: no regex engine on the hot path
            SimplePattern simple = SimplePattern.compile(regex);
            return new RowRule(outcomeName(column), column, s.rowOptions(), code(), "not matching /" + regex + "/") {
                @Override
                protected RowTest compile(Schema schema) {
                    int i = schema.indexOf(column);
                    if (simple != null) {
                        return simpleMatch(i, simple, schema.field(i).type() == FieldType.STRING);
                    }
                    // one matcher per thread, reset per value: no allocation per row and no lock shared by the
                    // threads that check chunks of one pass
                    ThreadLocal<Matcher> matchers = ThreadLocal.withInitial(() -> pattern.matcher(""));
                    return new CellTest(i) {
                        @Override
                        public boolean passes(RowView row) {
                            Object v = row.get(i);
                            return v == null || matchers.get().reset(v.toString()).matches();
                        }

                        @Override
                        public RowTest forOneThread() {
                            // a state is fed by one thread: it keeps its own matcher
                            Matcher own = pattern.matcher("");
                            boolean text = schema.field(i).type() == FieldType.STRING;
                            if (!text) {
                                return new CellTest(i) {
                                    @Override
                                    public boolean passes(RowView row) {
                                        Object v = row.get(i);
                                        return v == null || own.reset(v.toString()).matches();
                                    }
                                };
                            }
                            return new ColumnCellTest(i) {
                                @Override
                                public boolean passes(RowView row) {
                                    Object v = row.get(i);
                                    return v == null || own.reset(v.toString()).matches();
                                }

                                @Override
                                public void scan(ColumnBatch batch, RowRule.Failures failures) {
                                    if (batch.encoded(i)) {
                                        scanDictionary(batch, i, false, t -> own.reset(t).matches(), failures);
                                        return;
                                    }
                                    boolean[] nulls = batch.nulls(i);
                                    String[] v = batch.texts(i);
                                    for (int r = 0, n = batch.size(); r < n; r++) {
                                        if (!nulls[r] && !own.reset(v[r]).matches()) {
                                            failures.fail(r, v[r]);
                                        }
                                    }
                                }
                            };
                        }
                    };
                }
            };
        }
    },

    /**
     * Every present value of a text column can be read as the type named in {@code values} ({@code LONG},
     * {@code DOUBLE}, {@code DECIMAL}, {@code DATE}, {@code TIMESTAMP}, {@code BOOLEAN}), exactly as the readers of
     * the library read it ({@link Cells}).
     */
    PARSES_AS(Level.ROW, SqlForm.NONE, need(Parameter.COLUMN, Parameter.VALUES), may()) {
        @Override
        Rule build(RuleSpec s) {
            String column = s.column();
            FieldType type = fieldType(s.values());
            return new RowRule(outcomeName(column, type.name()), column, s.rowOptions(), code(),
                    "not a valid " + type) {
                @Override
                protected RowTest compile(Schema schema) {
                    int i = schema.indexOf(column);
                    return new CellTest(i) {
                        @Override
                        public boolean passes(RowView row) {
                            Object v = row.get(i);
                            return v == null || Cells.parses(type, v.toString());
                        }
                    };
                }
            };
        }
    },

    /**
     * Every present value, as text, has between {@code min} and {@code max} characters, counted as Unicode code
     * points (an emoji is one character, as SQL's {@code CHAR_LENGTH} counts it).
     */
    LENGTH(Level.ROW, SqlForm.FAILING_ROWS, need(Parameter.COLUMN, Parameter.MIN, Parameter.MAX), may()) {
        @Override
        Rule build(RuleSpec s) {
            String column = s.column();
            int min = wholeNumber("min", s.min());
            int max = wholeNumber("max", s.max());
            if (min < 0 || min > max) {
                throw new IllegalArgumentException("length of " + column + " must have 0 <= min <= max, was " + min
                        + ".." + max);
            }
            return new RowRule(outcomeName(column), column, s.rowOptions(), code(),
                    "not " + min + ".." + max + " characters long") {
                @Override
                protected RowTest compile(Schema schema) {
                    int i = schema.indexOf(column);
                    boolean text = schema.field(i).type() == FieldType.STRING;
                    return new ColumnCellTest(i) {
                        @Override
                        public boolean passes(RowView row) {
                            Object v = row.get(i);
                            return v == null || fits(v.toString());
                        }

                        private boolean fits(String value) {
                            // a code point is one or two UTF-16 units: most lengths are decided without counting
                            int units = value.length();
                            if (units < min || units > 2L * max) {
                                return false;
                            }
                            if (units <= max && (units + 1) / 2 >= min) {
                                return true;
                            }
                            int n = value.codePointCount(0, units);
                            return n >= min && n <= max;
                        }

                        @Override
                        public void scan(ColumnBatch batch, RowRule.Failures failures) {
                            boolean[] nulls = batch.nulls(i);
                            if (!text) {
                                for (int r = 0, n = batch.size(); r < n; r++) {
                                    Object v = nulls[r] ? null : batch.get(i, r);
                                    if (v != null && !fits(v.toString())) {
                                        failures.fail(r, v);
                                    }
                                }
                                return;
                            }
                            if (batch.encoded(i)) {
                                scanDictionary(batch, i, false, this::fits, failures);
                                return;
                            }
                            String[] v = batch.texts(i);
                            for (int r = 0, n = batch.size(); r < n; r++) {
                                if (!nulls[r] && !fits(v[r])) {
                                    failures.fail(r, v[r]);
                                }
                            }
                        }
                    };
                }
            };
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            String c = sql.column(s.column());
            if (sql.type(s.column()) != FieldType.STRING) {
                return null; // the text of other types differs between SQL and Java: judged in memory
            }
            String n = sql.dialect().characters(c);
            return c + " IS NOT NULL AND NOT (" + n + " >= " + sql.bind(s.min().intValue()) + " AND " + n + " <= "
                    + sql.bind(s.max().intValue()) + ")";
        }
    },

    /**
     * Two columns of each row compare with an operator: {@code columns} are the left and right side, {@code values}
     * holds the operator ({@code <, <=, ==, !=, >=, >}).
     */
    COMPARE(Level.ROW, SqlForm.NONE, need(Parameter.COLUMNS, Parameter.VALUES), may()) {
        @Override
        Rule build(RuleSpec s) {
            List<String> sides = s.columns();
            if (sides.size() != 2) {
                throw new IllegalArgumentException("columns: compare needs two columns, had " + sides.size());
            }
            List<String> op = s.values();
            if (op.size() != 1) {
                throw new IllegalArgumentException("values: compare needs one operator of <, <=, ==, !=, >=, >; had "
                        + op);
            }
            if (!ColumnComparison.OPERATORS.contains(op.get(0))) {
                throw new IllegalArgumentException("values: compare needs one operator, one of <, <=, ==, !=, >=, >; "
                        + "was '" + op.get(0) + "'");
            }
            return new ColumnComparison(this, sides.get(0), op.get(0), sides.get(1), s.rowOptions());
        }
    },

    /**
     * Every present value is a key of a referenced dataset or table: in files its {@code reference} names the
     * {@code dataset.column}, resolved by the {@link References} the file is read with; from code the set of keys is
     * given ({@link Rules#references}).
     */
    REFERENCES(Level.ROW, SqlForm.NONE, need(Parameter.COLUMN, Parameter.REFERENCE), may()) {
        @Override
        Rule build(RuleSpec s, References references) {
            return Rules.references(s.column(), references.keys(s.reference()), s.reference(), s.rowOptions());
        }
    },

    /** An arbitrary row predicate under a name of the host's choosing (made from code). */
    SATISFIES(Level.ROW),

    /**
     * No two rows share the same values of {@code columns} (exact; memory grows with distinct keys). An empty value
     * is a key like any other unless {@code skipNulls}: then rows with an empty key column are left out, as SQL's
     * {@code UNIQUE} constraint, dbt's {@code unique}, SodaCL's {@code duplicate_count} and Great Expectations'
     * {@code be_unique} do, and the metric is distinct keys over the rows kept.
     */
    UNIQUE(Level.DATASET, SqlForm.DISTINCT_KEYS, need(Parameter.COLUMNS), may(Parameter.SKIP_NULLS)) {
        @Override
        Rule build(RuleSpec s) {
            String[] columns = s.columns().toArray(new String[0]);
            if (columns.length == 0) {
                throw new IllegalArgumentException("columns: unique needs at least one column");
            }
            boolean skipNulls = Boolean.TRUE.equals(s.skipNulls());
            return new AggregateRule(outcomeName(String.join(",", columns)), Severity.ERROR) {
                @Override
                public BoundRule bind(Schema schema) {
                    Supplier<RuleState> states = uniqueness(name(), columns, schema);
                    if (!skipNulls) {
                        return bound(states);
                    }
                    int[] idx = positions(schema, columns);
                    return bound(() -> new PresentKeysOnly(idx, states.get()));
                }
            };
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            for (String c : s.columns()) {
                sql.column(c);
            }
            return "COUNT(*)";
        }
    },

    /**
     * The share of all rows whose key ({@code columns}) occurs exactly once is in [min, max]: Deequ's
     * {@code Uniqueness} ({@code isUnique} asks for 1). Rows with an empty key column count in the denominator only.
     * Exact; memory grows with the distinct keys.
     */
    UNIQUENESS_BETWEEN(Level.DATASET, SqlForm.ONCE_KEYS, need(Parameter.COLUMNS, Parameter.MIN, Parameter.MAX),
            may()) {
        @Override
        Rule build(RuleSpec s) {
            String[] columns = s.columns().toArray(new String[0]);
            if (columns.length == 0) {
                throw new IllegalArgumentException("columns: uniquenessBetween needs at least one column");
            }
            double min = s.min();
            double max = s.max();
            return new AggregateRule(outcomeName(String.join(",", columns)), Severity.ERROR) {
                @Override
                public BoundRule bind(Schema schema) {
                    Supplier<RuleState> states = uniqueness(name(), columns, schema);
                    return bound(() -> new Uniqueness(name(), (KeyFrequencies) states.get(), min, max));
                }
            };
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            for (String c : s.columns()) {
                sql.column(c);
            }
            return "COUNT(*)";
        }
    },

    /**
     * {@code columns} form a primary key: no row has an empty value in any of them, and no two rows share the same
     * values. Rows with an empty key column count as failures and are left out of the duplicate count.
     */
    PRIMARY_KEY(Level.DATASET, SqlForm.NONE, need(Parameter.COLUMNS), may()) {
        @Override
        Rule build(RuleSpec s) {
            String[] columns = s.columns().toArray(new String[0]);
            if (columns.length == 0) {
                throw new IllegalArgumentException("primaryKey needs at least one column");
            }
            return new AggregateRule(outcomeName(String.join(",", columns)), Severity.ERROR) {
                @Override
                public BoundRule bind(Schema schema) {
                    int[] idx = positions(schema, columns);
                    var unique = uniqueness(UNIQUE.outcomeName(String.join(",", columns)), columns, schema);
                    return bound(() -> new PrimaryKeyCounts(name(), idx, unique.get()));
                }
            };
        }
    },

    /** The number of rows is in [min, max]. */
    ROW_COUNT(Level.DATASET, SqlForm.METRIC, need(Parameter.MIN, Parameter.MAX), may()) {
        @Override
        Rule build(RuleSpec s) {
            long min = s.min().longValue();
            long max = s.max().longValue();
            return new AggregateRule(word(), Severity.ERROR) {
                @Override
                public BoundRule bind(Schema schema) {
                    return bound(() -> new RowCount(name(), min, max));
                }
            };
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            return "COUNT(*)";
        }
    },

    /** The mean of the finite values of a numeric column is in [min, max]; errored when there are none. */
    MEAN_BETWEEN(Level.DATASET, SqlForm.METRIC, need(Parameter.COLUMN, Parameter.MIN, Parameter.MAX), may()) {
        @Override
        Rule build(RuleSpec s) {
            return boundedStatistic(this, s, Mean::new);
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            // scaled as the in-memory mean is, so that a sum near Double.MAX_VALUE neither overflows nor errs
            // (a literal: a parameter would take the column's type in H2, and 2^-64 as a BIGINT is 0)
            String scale = Double.toString(Mean.SCALE);
            return "AVG((" + finite(s.column(), sql) + ") * " + scale + ") / " + scale;
        }
    },

    /** The sample standard deviation of the finite values of a numeric column is in [min, max]. */
    STDDEV_BETWEEN(Level.DATASET, SqlForm.METRIC, need(Parameter.COLUMN, Parameter.MIN, Parameter.MAX), may()) {
        @Override
        Rule build(RuleSpec s) {
            return boundedStatistic(this, s, StandardDeviation::new);
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            return sql.dialect().sampleStandardDeviation(finite(s.column(), sql));
        }
    },

    /**
     * The population standard deviation (divided by n: Deequ's {@code hasStandardDeviation}, SQL's
     * {@code STDDEV_POP}) of the finite values of a numeric column is in [min, max]; errored when there are none.
     */
    POPULATION_STDDEV_BETWEEN(Level.DATASET, SqlForm.METRIC, need(Parameter.COLUMN, Parameter.MIN, Parameter.MAX),
            may()) {
        @Override
        Rule build(RuleSpec s) {
            return boundedStatistic(this, s, (name, i, min, max) -> new StandardDeviation(name, i, min, max, true));
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            return sql.dialect().populationStandardDeviation(finite(s.column(), sql));
        }
    },

    /**
     * The smallest present value of a numeric column is in [min, max] (Deequ's {@code hasMin}, SodaCL's
     * {@code min}); NaN values are left out; errored when there are none. Exact. Runs in memory only.
     */
    MIN_BETWEEN(Level.DATASET, SqlForm.METRIC, need(Parameter.COLUMN, Parameter.MIN, Parameter.MAX), may()) {
        @Override
        Rule build(RuleSpec s) {
            return boundedStatistic(this, s, (name, i, min, max) -> new Extreme(name, i, false, min, max));
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            return "MIN(" + present(s.column(), sql) + ")";
        }
    },

    /**
     * The largest present value of a numeric column is in [min, max] (Deequ's {@code hasMax}, SodaCL's
     * {@code max}); NaN values are left out; errored when there are none. Exact. Runs in memory only.
     */
    MAX_BETWEEN(Level.DATASET, SqlForm.METRIC, need(Parameter.COLUMN, Parameter.MIN, Parameter.MAX), may()) {
        @Override
        Rule build(RuleSpec s) {
            return boundedStatistic(this, s, (name, i, min, max) -> new Extreme(name, i, true, min, max));
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            return "MAX(" + present(s.column(), sql) + ")";
        }
    },

    /**
     * The number of distinct present values is in [min, max]: estimated with a HyperLogLog sketch (about 1.6% error,
     * bounded memory), or counted exactly when {@code exact} (default false).
     */
    DISTINCT_COUNT(Level.DATASET, SqlForm.METRIC, need(Parameter.COLUMN, Parameter.MIN, Parameter.MAX),
            may(Parameter.EXACT)) {
        @Override
        Rule build(RuleSpec s) {
            String column = s.column();
            long min = s.min().longValue();
            long max = s.max().longValue();
            boolean exact = Boolean.TRUE.equals(s.exact());
            String name = exact ? outcomeName(column, "exact") : outcomeName(column);
            return new AggregateRule(name, Severity.ERROR) {
                @Override
                public BoundRule bind(Schema schema) {
                    int i = schema.indexOf(column);
                    return bound(() -> exact ? new ExactDistinctCount(name, i, min, max)
                            : new HllDistinctCount(name, i, min, max));
                }
            };
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            // SQL counts exactly; an estimated rule keeps its sketch, and its documented error, in memory
            return Boolean.TRUE.equals(s.exact()) ? "COUNT(DISTINCT " + sql.column(s.column()) + ")" : null;
        }
    },

    /**
     * The {@code q} quantile of the finite values of a numeric column is in [min, max]: estimated with a KLL sketch
     * (rank within about 0.7% of q, bounded memory, the same estimate on every run over the same rows), or computed exactly when {@code exact} (default false).
     */
    QUANTILE(Level.DATASET, SqlForm.METRIC, need(Parameter.COLUMN, Parameter.Q, Parameter.MIN, Parameter.MAX),
            may(Parameter.EXACT)) {
        @Override
        Rule build(RuleSpec s) {
            String column = s.column();
            double q = s.q();
            if (!(q >= 0 && q <= 1)) {
                throw new IllegalArgumentException("quantile q must be in 0..1, was " + q);
            }
            double min = s.min();
            double max = s.max();
            boolean exact = Boolean.TRUE.equals(s.exact());
            String name = exact ? outcomeName(column, String.valueOf(q), "exact")
                    : outcomeName(column, String.valueOf(q));
            return new AggregateRule(name, Severity.ERROR) {
                @Override
                public BoundRule bind(Schema schema) {
                    int i = numericColumn(schema, column);
                    return bound(() -> exact ? new ExactQuantile(name, i, q, min, max)
                            : new KllQuantile(name, i, q, min, max));
                }
            };
        }

        @Override
        public String sql(RuleSpec s, SqlContext sql) {
            if (!Boolean.TRUE.equals(s.exact())) {
                return null;
            }
            return sql.dialect().exactQuantile(s.q(), finite(s.column(), sql));
        }
    },

    /**
     * The newest value of a timestamp column is no older than {@code maxAge} when the outcome is computed; failed
     * when there are no values. A file's rule reads the system clock (UTC); {@link Rules#freshness} takes any clock.
     */
    FRESHNESS(Level.DATASET, SqlForm.NONE, need(Parameter.COLUMN, Parameter.MAX_AGE), may()) {
        @Override
        Rule build(RuleSpec s) {
            return Rules.freshness(s.column(), age(s.maxAge()), Clock.systemUTC());
        }
    },

    /**
     * The schema has the column: a missing column is reported as this rule's failure instead of stopping the suite
     * (Great Expectations' {@code expect_column_to_exist}).
     */
    COLUMN_EXISTS(Level.DATASET, SqlForm.NONE, need(Parameter.COLUMN), may()) {
        @Override
        Rule build(RuleSpec s) {
            String column = s.column();
            return new AggregateRule(outcomeName(column), Severity.ERROR) {
                @Override
                public BoundRule bind(Schema schema) {
                    boolean there = schema.has(column);
                    String name = name();
                    return bound(() -> new SchemaFact(name, there, there ? "column '" + column + "' exists"
                            : "no column '" + column + "'; the schema has " + schema.names()));
                }
            };
        }
    },

    /**
     * The Kolmogorov–Smirnov distance of a numeric column from a reference sample is at most {@code max}: in files
     * the sample of the column in the {@link org.marketlink.quality.drift.ReferenceProfile} that {@code reference}
     * names.
     */
    KS_DRIFT(Level.DATASET, SqlForm.NONE, need(Parameter.COLUMN, Parameter.REFERENCE, Parameter.MAX), may()) {
        @Override
        Rule build(RuleSpec s, References references) {
            return DriftRules.ksDrift(s.column(), references.profile(s.reference()).sample(s.column()), s.max());
        }
    },

    /**
     * The population stability index of a categorical column against reference shares is at most {@code max}: in
     * files the shares of the column in the reference profile {@code reference} names.
     */
    PSI_DRIFT(Level.DATASET, SqlForm.NONE, need(Parameter.COLUMN, Parameter.REFERENCE, Parameter.MAX), may()) {
        @Override
        Rule build(RuleSpec s, References references) {
            return DriftRules.psiDrift(s.column(), references.profile(s.reference()).shares(s.column()), s.max());
        }
    },

    /**
     * A chi-square fit of a categorical column to reference shares is not rejected: its p-value is at least
     * {@code min}; in files the shares of the column in the reference profile {@code reference} names.
     */
    CHI_SQUARE_DRIFT(Level.DATASET, SqlForm.NONE, need(Parameter.COLUMN, Parameter.REFERENCE, Parameter.MIN), may()) {
        @Override
        Rule build(RuleSpec s, References references) {
            return DriftRules.chiSquareDrift(s.column(), references.profile(s.reference()).shares(s.column()),
                    s.min());
        }
    },

    /** A host-defined mergeable aggregate under a name of the host's choosing (made from code). */
    AGGREGATE(Level.DATASET);

    /** The parameters a suite file may give a rule; which ones a kind takes is stated by the kind. */
    public enum Parameter {
        /** The column the rule looks at. */
        COLUMN,
        /** Several columns (a key; the two sides of a comparison). */
        COLUMNS,
        /** A lower bound. */
        MIN,
        /** An upper bound. */
        MAX,
        /** Whether the bounds belong to the interval. */
        INCLUSIVE,
        /** Values: allowed values, a type name, an operator. */
        VALUES,
        /** A regular expression. */
        PATTERN,
        /** A quantile, in 0..1. */
        Q,
        /** Exact instead of sketched. */
        EXACT,
        /** The share of rows that must pass (row-level kinds). */
        MOSTLY,
        /** The failing share up to which a failure is only a warning (row-level kinds). */
        ERROR_ABOVE,
        /** The most rows that may fail (row-level kinds). */
        MAX_FAILING,
        /** The severity of a failure (row-level kinds: beyond {@code errorAbove}); every kind. */
        SEVERITY,
        /** The outcome's name, when not the kind's own; every kind. */
        NAME,
        /** The oldest the newest value may be (freshness). */
        MAX_AGE,
        /** Rows with an empty key column are left out (unique). */
        SKIP_NULLS,
        /** The earliest date or instant allowed (timeBetween). */
        FROM,
        /** The latest date or instant allowed (timeBetween). */
        TO,
        /** Which rows the rule judges, as an SQL {@code WHERE} condition (see {@link RowFilter}); every kind. */
        FILTER,
        /** What the rule compares with: a {@code dataset.column} of keys, or a reference profile's name. */
        REFERENCE;

        private final String word = camel(name());

        /**
         * The parameter's name in suite files, for example {@code errorAbove}.
         *
         * @return the name
         */
        public String word() {
            return word;
        }

        Object of(RuleSpec s) {
            return switch (this) {
                case COLUMN -> s.column();
                case COLUMNS -> s.columns();
                case MIN -> s.min();
                case MAX -> s.max();
                case INCLUSIVE -> s.inclusive();
                case VALUES -> s.values();
                case PATTERN -> s.pattern();
                case Q -> s.q();
                case EXACT -> s.exact();
                case MOSTLY -> s.mostly();
                case ERROR_ABOVE -> s.errorAbove();
                case MAX_FAILING -> s.maxFailing();
                case SEVERITY -> s.severity();
                case NAME -> s.name();
                case MAX_AGE -> s.maxAge();
                case SKIP_NULLS -> s.skipNulls();
                case FROM -> s.from();
                case TO -> s.to();
                case FILTER -> s.filter();
                case REFERENCE -> s.reference();
            };
        }
    }

    /** How the SQL pushdown ({@code org.marketlink.quality.sql.Pushdown}) reads a kind's SQL. */
    public enum SqlForm {
        /** The kind has no SQL form: it runs in memory only. */
        NONE,
        /**
         * The SQL is a predicate on failing rows, which are counted; the metric is the passing share, judged with
         * the row options.
         */
        FAILING_ROWS,
        /** The aggregate is the metric itself, judged against [min, max]. */
        METRIC,
        /** The number of distinct keys is counted by a grouped query; the aggregate only checks the columns. */
        DISTINCT_KEYS,
        /** The keys that occur exactly once are counted by a grouped query; the aggregate only checks the columns. */
        ONCE_KEYS
    }

    private enum Level { ROW, DATASET }

    private final Level level;
    private final SqlForm sqlForm;
    private final Set<Parameter> required;
    private final Set<Parameter> optional;
    private final boolean inFiles;
    private final String word;

    /** A kind made from code only. */
    RuleKind(Level level) {
        this(level, SqlForm.NONE, EnumSet.noneOf(Parameter.class), EnumSet.noneOf(Parameter.class), false);
    }

    /** A kind a suite file can hold. */
    RuleKind(Level level, SqlForm sqlForm, Set<Parameter> required, Set<Parameter> optional) {
        this(level, sqlForm, required, optional, true);
    }

    RuleKind(Level level, SqlForm sqlForm, Set<Parameter> required, Set<Parameter> optional, boolean inFiles) {
        this.level = level;
        this.sqlForm = sqlForm;
        this.required = Collections.unmodifiableSet(required);
        if (level == Level.ROW) {
            // static fields are not set yet while the constants are made: the row options come from a method
            optional.addAll(rowOptions());
        }
        if (inFiles) {
            optional.addAll(everyKindsOptions());
        }
        this.optional = Collections.unmodifiableSet(optional);
        this.inFiles = inFiles;
        this.word = camel(name());
    }

    private static List<Parameter> rowOptions() {
        return List.of(Parameter.MOSTLY, Parameter.ERROR_ABOVE, Parameter.MAX_FAILING, Parameter.SEVERITY);
    }

    private static List<Parameter> everyKindsOptions() {
        return List.of(Parameter.NAME, Parameter.SEVERITY, Parameter.FILTER);
    }

    /**
     * The kind's name in suite files and outcome names, for example {@code inSet}.
     *
     * @return the name in lower camel case
     */
    public String word() {
        return word;
    }

    /**
     * The reason code of a row this kind quarantines, for example {@code IN_SET}: the constant's own name.
     *
     * @return the reason code
     */
    public String code() {
        return name();
    }

    /**
     * Whether the kind judges single rows (and can quarantine them) rather than the dataset as a whole.
     *
     * @return true for row-level kinds
     */
    public boolean rowLevel() {
        return level == Level.ROW;
    }

    /**
     * Whether a suite file can hold a rule of this kind.
     *
     * @return false for kinds made from code only
     */
    public boolean inFiles() {
        return inFiles;
    }

    /**
     * The parameters a rule of this kind must have in a suite file.
     *
     * @return an unmodifiable set, empty for kinds made from code only
     */
    public Set<Parameter> required() {
        return required;
    }

    /**
     * The parameters a rule of this kind may have in a suite file besides the required ones: every kind takes
     * {@code name} and {@code severity}; row-level kinds also {@code mostly}, {@code errorAbove} and
     * {@code maxFailing}.
     *
     * @return an unmodifiable set
     */
    public Set<Parameter> optional() {
        return optional;
    }

    /**
     * The name of a rule of this kind: the kind's word and its arguments, for example {@code between(price)}.
     *
     * @param arguments what distinguishes rules of one kind (columns, a quantile)
     * @return the name outcomes carry
     */
    public String outcomeName(String... arguments) {
        return arguments.length == 0 ? word : word + "(" + String.join(", ", arguments) + ")";
    }

    /**
     * How the SQL pushdown reads this kind's aggregate.
     *
     * @return {@link SqlForm#NONE} for kinds without an SQL form
     */
    public SqlForm sqlForm() {
        return sqlForm;
    }

    /**
     * The SQL of a rule of this kind, for a single {@code SELECT} over its table, as its {@link #sqlForm} reads it:
     * for {@link SqlForm#FAILING_ROWS} a predicate that holds on a failing row; for {@link SqlForm#METRIC} the
     * aggregate that is the metric; for {@link SqlForm#DISTINCT_KEYS} an aggregate that only checks the key columns.
     *
     * @param spec the rule, as written in a suite file
     * @param sql  the table's checked columns and types, the dialect, and the parameters of this rule's placeholders
     * @return the SQL, or {@code null} when this rule has no SQL form (always for {@link SqlForm#NONE}; for an
     *         estimated distinct count or quantile, which SQL would compute exactly; for a rule whose column type
     *         SQL would read differently)
     * @throws IllegalArgumentException naming the column when the table has no such column or a wrong type
     */
    public String sql(RuleSpec spec, SqlContext sql) {
        return null;
    }

    /**
     * The kind a suite file names.
     *
     * @param word the {@code type} of a rule in a suite file, for example {@code inSet}
     * @return the kind
     * @throws IllegalArgumentException naming the word and the kinds a file can hold, when it is none of them
     */
    public static RuleKind ofWord(String word) {
        for (RuleKind k : values()) {
            if (k.inFiles && k.word.equals(word)) {
                return k;
            }
        }
        List<String> known = new ArrayList<>();
        for (RuleKind k : values()) {
            if (k.inFiles) {
                known.add(k.word);
            }
        }
        throw new IllegalArgumentException("unknown rule '" + word + "'; known: " + String.join(", ", known));
    }

    /** Builds a rule from a spec whose parameters {@link #check} has accepted. */
    Rule build(RuleSpec spec) {
        throw new IllegalArgumentException(word + " rules are made from code and cannot be read from a suite file");
    }

    /** Builds a rule from a checked spec, resolving what it compares with; most kinds compare with nothing. */
    Rule build(RuleSpec spec, References references) {
        return build(spec);
    }

    /**
     * A rule of this kind from its spec, which carries it back into files.
     *
     * @throws IllegalArgumentException naming the parameter, when one is missing, not taken by the kind, or wrong
     */
    Rule rule(RuleSpec spec) {
        return rule(spec, References.none());
    }

    /**
     * A rule of this kind from its spec, resolving its {@code reference} with {@code references}.
     *
     * @throws IllegalArgumentException naming the parameter, when one is missing, not taken by the kind, or wrong
     */
    Rule rule(RuleSpec spec, References references) {
        check(spec);
        Rule rule = build(spec, references);
        return new SpecifiedRule(spec, rule);
    }

    /** Every required parameter present, none that the kind does not take. */
    private void check(RuleSpec spec) {
        for (Parameter p : required) {
            if (p.of(spec) == null) {
                throw new IllegalArgumentException(p.word() + ": missing");
            }
        }
        for (Parameter p : Parameter.values()) {
            if (p.of(spec) != null && !required.contains(p) && !optional.contains(p)) {
                throw new IllegalArgumentException(p.word() + ": not a parameter of " + word + " (it takes "
                        + words(required, optional) + ")");
            }
        }
    }

    private static String words(Set<Parameter> required, Set<Parameter> optional) {
        List<String> w = new ArrayList<>();
        required.forEach(p -> w.add(p.word()));
        optional.forEach(p -> w.add(p.word()));
        return String.join(", ", w);
    }

    private static Set<Parameter> need(Parameter... parameters) {
        return parameters.length == 0 ? EnumSet.noneOf(Parameter.class) : EnumSet.copyOf(Arrays.asList(parameters));
    }

    private static Set<Parameter> may(Parameter... parameters) {
        return need(parameters);
    }

    /** {@code IN_SET} → {@code inSet}. */
    private static String camel(String constant) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : constant.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    // ---- shared by several kinds ----

    /** A row rule on an interval of a numeric column. */
    static Rule interval(RuleKind kind, String column, double min, double max, boolean inclusive, RuleOptions o) {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException(kind.outcomeName(column) + " must have min <= max, was " + min + ".."
                    + max);
        }
        String shown = (inclusive ? "[" : "(") + MetricBounds.format(min) + ", " + MetricBounds.format(max)
                + (inclusive ? "]" : ")");
        return new RowRule(kind.outcomeName(column), column, o, kind.code(), "outside " + shown) {
            @Override
            protected RowTest compile(Schema schema) {
                int i = AggregateRule.numericColumn(schema, column);
                FieldType type = schema.field(i).type();
                if (type == FieldType.DECIMAL) {
                    return new CellTest(i) {
                        @Override
                        public boolean passes(RowView row) {
                            Object v = row.get(i);
                            return v == null || inside(((Number) v).doubleValue());
                        }
                    };
                }
                return new ColumnCellTest(i) {
                    @Override
                    public boolean passes(RowView row) {
                        Object v = row.get(i);
                        return v == null || inside(((Number) v).doubleValue());
                    }

                    @Override
                    public void scan(ColumnBatch batch, RowRule.Failures failures) {
                        boolean[] nulls = batch.nulls(i);
                        int n = batch.size();
                        // the failing rows are gathered first without a branch per row (a selection vector, as
                        // column stores filter), then reported: a range fails a row in ten or five is common, and
                        // a branch on it would be mispredicted as often
                        int[] out = failures.scratch(n);
                        if (type == FieldType.DOUBLE) {
                            double[] v = batch.doubles(i);
                            int k = inclusive ? outsideClosed(v, nulls, n, min, max, out)
                                    : outsideOpen(v, nulls, n, min, max, out);
                            for (int j = 0; j < k; j++) {
                                failures.failDouble(out[j], v[out[j]]);
                            }
                        } else {
                            long[] v = batch.longs(i);
                            int k = inclusive ? outsideClosed(v, nulls, n, min, max, out)
                                    : outsideOpen(v, nulls, n, min, max, out);
                            for (int j = 0; j < k; j++) {
                                failures.failLong(out[j], v[out[j]]);
                            }
                        }
                    }
                };
            }

            private boolean inside(double d) {
                return inclusive ? d >= min && d <= max : d > min && d < max;
            }
        };
    }

    /**
     * Gathers into {@code out} the rows below {@code n} whose present value lies outside [{@code lo}, {@code hi}]
     * (NaN does), returning how many: one tight loop on locals, without a branch on the value.
     */
    private static int outsideClosed(double[] v, boolean[] nulls, int n, double lo, double hi, int[] out) {
        int k = 0;
        for (int r = 0; r < n; r++) {
            double x = v[r];
            out[k] = r;
            k += (x >= lo) & (x <= hi) | nulls[r] ? 0 : 1;
        }
        return k;
    }

    /** {@link #outsideClosed} over whole numbers, each compared as the double the row path reads. */
    private static int outsideClosed(long[] v, boolean[] nulls, int n, double lo, double hi, int[] out) {
        int k = 0;
        for (int r = 0; r < n; r++) {
            double x = v[r];
            out[k] = r;
            k += (x >= lo) & (x <= hi) | nulls[r] ? 0 : 1;
        }
        return k;
    }

    /** {@link #outsideOpen} over whole numbers, each compared as the double the row path reads. */
    private static int outsideOpen(long[] v, boolean[] nulls, int n, double lo, double hi, int[] out) {
        int k = 0;
        for (int r = 0; r < n; r++) {
            double x = v[r];
            out[k] = r;
            k += (x > lo) & (x < hi) | nulls[r] ? 0 : 1;
        }
        return k;
    }

    /** {@link #outsideClosed} for the open interval ({@code lo}, {@code hi}). */
    private static int outsideOpen(double[] v, boolean[] nulls, int n, double lo, double hi, int[] out) {
        int k = 0;
        for (int r = 0; r < n; r++) {
            double x = v[r];
            out[k] = r;
            k += (x > lo) & (x < hi) | nulls[r] ? 0 : 1;
        }
        return k;
    }

    /** Makes the state of a statistic of one numeric column judged against [min, max]. */
    @FunctionalInterface
    private interface StatisticState extends Serializable {
        RuleState make(String name, int column, double min, double max);
    }

    /** A dataset rule on a statistic of one numeric column that must lie in [min, max]. */
    private static Rule boundedStatistic(RuleKind kind, RuleSpec s, StatisticState states) {
        String column = s.column();
        double min = s.min();
        double max = s.max();
        return new AggregateRule(kind.outcomeName(column), Severity.ERROR) {
            @Override
            public BoundRule bind(Schema schema) {
                int i = numericColumn(schema, column);
                return bound(() -> states.make(name(), i, min, max));
            }
        };
    }

    /**
     * Rows whose present value lies outside the interval. Written as {@code NOT (inside)} so that NaN fails whether
     * the database orders NaN above every number (PostgreSQL, DuckDB, H2) or compares it false (IEEE).
     */
    private static String outsideInterval(String column, boolean inclusive, double min, double max, SqlContext sql) {
        String c = numeric(column, sql);
        return c + " IS NOT NULL AND NOT (" + c + (inclusive ? " >= " : " > ") + sql.bind(min) + " AND " + c
                + (inclusive ? " <= " : " < ") + sql.bind(max) + ")";
    }

    /** The column's finite values (NaN and infinities as null), as the in-memory statistics take them. */
    private static String finite(String column, SqlContext sql) {
        String c = numeric(column, sql);
        return "CASE WHEN " + c + " >= " + sql.bind(-Double.MAX_VALUE) + " AND " + c + " <= "
                + sql.bind(Double.MAX_VALUE) + " THEN " + c + " END";
    }

    /** The column's values other than NaN (NaN as null), as the in-memory extremes take them. */
    private static String present(String column, SqlContext sql) {
        String c = numeric(column, sql);
        return "CASE WHEN " + c + " >= " + sql.bind(Double.NEGATIVE_INFINITY) + " AND " + c + " <= "
                + sql.bind(Double.POSITIVE_INFINITY) + " THEN " + c + " END";
    }

    /** The column's identifier, when the in-memory engine would read it as a number. */
    private static String numeric(String column, SqlContext sql) {
        String c = sql.column(column);
        FieldType type = sql.type(column);
        if (type != FieldType.LONG && type != FieldType.DOUBLE && type != FieldType.DECIMAL) {
            throw new IllegalArgumentException("column '" + column + "' must be numeric, is " + type);
        }
        return c;
    }

    /** A cell test that also scans column batches. */
    private abstract static class ColumnCellTest extends RowRule.CellTest implements RowRule.ColumnTest {
        ColumnCellTest(int index) {
            super(index);
        }
    }

    /** A pattern test by {@link SimplePattern}, scanning text columns. */
    private static RowRule.RowTest simpleMatch(int i, SimplePattern pattern, boolean text) {
        if (!text) {
            return new RowRule.CellTest(i) {
                @Override
                public boolean passes(RowView row) {
                    Object v = row.get(i);
                    return v == null || pattern.matches(v.toString());
                }
            };
        }
        return new ColumnCellTest(i) {
            @Override
            public boolean passes(RowView row) {
                Object v = row.get(i);
                return v == null || pattern.matches((String) v);
            }

            @Override
            public void scan(ColumnBatch batch, RowRule.Failures failures) {
                if (batch.encoded(i)) {
                    scanDictionary(batch, i, false, pattern::matches, failures);
                    return;
                }
                boolean[] nulls = batch.nulls(i);
                if (batch.inline(i)) {
                    // one walk over the bytes; a String is made for a failing value only
                    byte[] bytes = batch.utf8(i);
                    int[] at = batch.utf8Offsets(i);
                    for (int r = 0, n = batch.size(); r < n; r++) {
                        if (!nulls[r] && !pattern.matches(bytes, at[r], at[r + 1])) {
                            failures.fail(r, new String(bytes, at[r], at[r + 1] - at[r], StandardCharsets.UTF_8));
                        }
                    }
                    return;
                }
                String[] v = batch.texts(i);
                for (int r = 0, n = batch.size(); r < n; r++) {
                    if (!nulls[r] && !pattern.matches(v[r])) {
                        failures.fail(r, v[r]);
                    }
                }
            }
        };
    }

    /** A test of one present text value. */
    @FunctionalInterface
    private interface TextTest {
        boolean passes(String value);
    }

    /**
     * Fails the rows of a dictionary-encoded text column whose value fails {@code test} (and the empty ones, when
     * {@code emptyFails}): each distinct value is judged once, then each row costs an array look-up.
     */
    private static void scanDictionary(ColumnBatch batch, int i, boolean emptyFails, TextTest test,
                                       RowRule.Failures failures) {
        boolean[] nulls = batch.nulls(i);
        int[] codes = batch.codes(i);
        String[] dictionary = batch.dictionary(i);
        int size = batch.dictionarySize(i);
        boolean[] fails = new boolean[size];
        for (int k = 0; k < size; k++) {
            fails[k] = !test.passes(dictionary[k]);
        }
        // failing values are counted once per distinct value, in the order of their first failing row (as rows
        // would count them): counts[k] per code, counts[size] for the empty value; order lists them as first seen
        long[] counts = new long[size + 1];
        int[] order = new int[size + 1];
        int distinct = 0;
        for (int r = 0, n = batch.size(); r < n; r++) {
            int k;
            if (nulls[r]) {
                if (!emptyFails) {
                    continue;
                }
                k = size;
            } else if (fails[codes[r]]) {
                k = codes[r];
            } else {
                continue;
            }
            if (counts[k]++ == 0) {
                order[distinct++] = k;
            }
            failures.failCountedLater(r);
        }
        for (int j = 0; j < distinct; j++) {
            int k = order[j];
            failures.countValues(k == size ? null : dictionary[k], counts[k]);
        }
    }

    /** Fails every empty value of a column. */
    /**
     * Whether the UTF-8 text {@code bytes[from..to)} is blank as {@link String#isBlank} says: ASCII is judged byte by
     * byte (the white space below 128 is tab to carriage return, the four separators 0x1C-0x1F and space); the
     * first byte beyond ASCII decodes the value and asks {@code isBlank}.
     */
    private static boolean blankUtf8(byte[] bytes, int from, int to) {
        for (int p = from; p < to; p++) {
            int c = bytes[p];
            if (c < 0) {
                return new String(bytes, from, to - from, StandardCharsets.UTF_8).isBlank();
            }
            if (c != ' ' && (c < 9 || c > 13) && (c < 0x1C || c > 0x1F)) {
                return false;
            }
        }
        return true;
    }

    private static void failEmpty(boolean[] nulls, int n, RowRule.Failures failures) {
        for (int r = 0; r < n; r++) {
            if (nulls[r]) {
                failures.fail(r, null);
            }
        }
    }

    private static int[] positions(Schema schema, String[] columns) {
        int[] idx = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            idx[i] = schema.indexOf(columns[i]);
        }
        return idx;
    }

    /**
     * Fresh uniqueness states for {@code columns}: primitive for one {@code LONG} column that is not personal data,
     * generic otherwise (repeated keys of a personal-data column are counted but shown masked).
     */
    private static Supplier<RuleState> uniqueness(
            String name, String[] columns, Schema schema) {
        int[] idx = positions(schema, columns);
        boolean pii = Arrays.stream(columns).anyMatch(schema::isPersonal);
        if (idx.length == 1 && schema.field(idx[0]).type() == FieldType.LONG && !pii) {
            return () -> new DistinctLongs(name, idx[0]);
        }
        return () -> new DistinctKeys(name, idx, pii);
    }

    private static FieldType fieldType(List<String> values) {
        if (values.size() != 1) {
            throw new IllegalArgumentException("values: parsesAs needs one type name, had " + values);
        }
        try {
            return FieldType.valueOf(values.get(0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("values: '" + values.get(0) + "' is not a type; known: "
                    + Arrays.toString(FieldType.values()), e);
        }
    }

    /** {@code P1D}, {@code PT6H} (ISO-8601) or the short form {@code 1d12h}, {@code 90m}, {@code 30s}. */
    static Duration age(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("P") || t.startsWith("p")) {
                return positive(Duration.parse(t), text);
            }
            Matcher m = SHORT_AGE.matcher(t);
            if (!t.isEmpty() && m.matches()) {
                Duration d = Duration.ZERO;
                d = m.group(1) == null ? d : d.plusDays(Long.parseLong(m.group(1)));
                d = m.group(2) == null ? d : d.plusHours(Long.parseLong(m.group(2)));
                d = m.group(3) == null ? d : d.plusMinutes(Long.parseLong(m.group(3)));
                d = m.group(4) == null ? d : d.plusSeconds(Long.parseLong(m.group(4)));
                return positive(d, text);
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("maxAge: '" + text + "' is not an age such as 1d, 6h, 1d12h or PT6H",
                    e);
        }
        throw new IllegalArgumentException("maxAge: '" + text + "' is not an age such as 1d, 6h, 1d12h or PT6H");
    }

    private static Duration positive(Duration d, String text) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("maxAge: must be longer than zero, was '" + text + "'");
        }
        return d;
    }

    private static final Pattern SHORT_AGE = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private static int wholeNumber(String parameter, double value) {
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(parameter + ": must be a whole number, was " + value);
        }
        return (int) value;
    }
}
