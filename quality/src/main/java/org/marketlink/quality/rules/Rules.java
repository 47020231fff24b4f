package org.marketlink.quality.rules;

import org.marketlink.core.Checks;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.RowView;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.Severity;
import org.marketlink.quality.metrics.Newest;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Factories for the built-in rules, one per {@link RuleKind}. A rule a suite file can hold is made from its {@link
 * RuleSpec} by its kind, so a rule made here and the same rule read from a file are the same rule, and it can be
 * written back. Every factory checks its arguments at once and throws {@link IllegalArgumentException} naming the
 * one that is wrong. Rules are immutable, thread-safe and serializable.
 */
public final class Rules {
    private Rules() {
    }

    /**
     * Every value of {@code column} is present (not null, and not blank for strings). Named {@code complete(column)}.
     *
     * @param column the column
     * @return the rule
     */
    public static Rule complete(String column) {
        return complete(column, RuleOptions.strict());
    }

    /**
     * {@link #complete(String)} with tolerances.
     *
     * @param column the column
     * @param o      the share that must pass, and the severity of a failure
     * @return the rule
     */
    public static Rule complete(String column, RuleOptions o) {
        return RuleKind.COMPLETE.rule(RuleSpec.of(RuleKind.COMPLETE).withColumn(column).options(o));
    }

    /**
     * Every present numeric value of {@code column} lies in [min, max]. Named {@code between(column)}; empty values
     * pass, NaN fails.
     *
     * @param column the numeric column
     * @param min    the lower bound
     * @param max    the upper bound, at least {@code min}
     * @return the rule
     */
    public static Rule between(String column, double min, double max) {
        return between(column, min, max, true, RuleOptions.strict());
    }

    /**
     * Every present numeric value of {@code column} lies in [min, max], or (min, max) when not inclusive.
     *
     * @param column    the numeric column
     * @param min       the lower bound
     * @param max       the upper bound, at least {@code min}
     * @param inclusive whether the bounds belong to the interval
     * @param o         tolerances
     * @return the rule
     */
    public static Rule between(String column, double min, double max, boolean inclusive, RuleOptions o) {
        return RuleKind.BETWEEN.rule(RuleSpec.of(RuleKind.BETWEEN).withColumn(column).withMin(min).withMax(max)
                .withInclusive(inclusive).options(o));
    }

    /**
     * Every present value of {@code column} is at least 0. Named {@code nonNegative(column)}.
     *
     * @param column the numeric column
     * @return the rule
     */
    public static Rule nonNegative(String column) {
        return RuleKind.NON_NEGATIVE.rule(RuleSpec.of(RuleKind.NON_NEGATIVE).withColumn(column));
    }

    /**
     * Every present value of {@code column} is greater than 0. Named {@code positive(column)}.
     *
     * @param column the numeric column
     * @return the rule
     */
    public static Rule positive(String column) {
        return RuleKind.POSITIVE.rule(RuleSpec.of(RuleKind.POSITIVE).withColumn(column));
    }

    /**
     * Every present value of {@code column}, as text, is one of {@code allowed}. Named {@code inSet(column)}.
     *
     * @param column  the column
     * @param allowed the allowed values, at least one
     * @return the rule
     */
    public static Rule inSet(String column, Set<String> allowed) {
        return inSet(column, allowed, RuleOptions.strict());
    }

    /**
     * {@link #inSet(String, Set)} with tolerances.
     *
     * @param column  the column
     * @param allowed the allowed values, at least one
     * @param o       tolerances
     * @return the rule
     */
    public static Rule inSet(String column, Set<String> allowed, RuleOptions o) {
        return RuleKind.IN_SET.rule(RuleSpec.of(RuleKind.IN_SET).withColumn(column)
                .withValues(List.copyOf(new TreeSet<>(allowed))).options(o));
    }

    /**
     * Every present value of {@code column}, as text, matches {@code regex} as a whole (compiled once). Named
     * {@code matches(column)}.
     *
     * @param column the column
     * @param regex  a regular expression
     * @return the rule
     */
    public static Rule matches(String column, String regex) {
        return matches(column, regex, RuleOptions.strict());
    }

    /**
     * {@link #matches(String, String)} with tolerances.
     *
     * @param column the column
     * @param regex  a regular expression
     * @param o      tolerances
     * @return the rule
     */
    public static Rule matches(String column, String regex, RuleOptions o) {
        return RuleKind.MATCHES.rule(RuleSpec.of(RuleKind.MATCHES).withColumn(column).withPattern(regex).options(o));
    }

    /**
     * Every present value of a text column can be read as {@code type}, exactly as the library's readers read it
     * ({@link org.marketlink.core.data.Cells}). Named {@code parsesAs(column, TYPE)}.
     *
     * @param column the text column
     * @param type   the type its values must be readable as
     * @param o      tolerances
     * @return the rule
     */
    public static Rule parsesAs(String column, FieldType type, RuleOptions o) {
        return RuleKind.PARSES_AS.rule(RuleSpec.of(RuleKind.PARSES_AS).withColumn(column).withValues(List.of(type.name()))
                .options(o));
    }

    /**
     * Every present text value of {@code column} has between {@code min} and {@code max} characters. Named
     * {@code length(column)}.
     *
     * @param column the column
     * @param min    the fewest characters, at least 0
     * @param max    the most characters, at least {@code min}
     * @param o      tolerances
     * @return the rule
     */
    public static Rule length(String column, int min, int max, RuleOptions o) {
        return RuleKind.LENGTH.rule(RuleSpec.of(RuleKind.LENGTH).withColumn(column).withMin((double) min).withMax((double) max).options(o));
    }

    /**
     * Compares two columns of each row with {@code operator} ({@code <, <=, ==, !=, >=, >}), for example
     * {@code compare("delivered_on", ">=", "ordered_on")}, named {@code compare(delivered_on >= ordered_on)}. Rows
     * with an empty side pass; numbers of different types compare by value; other types must match (checked when
     * the suite compiles).
     *
     * @param left     the left column
     * @param operator the comparison
     * @param right    the right column
     * @return the rule
     */
    public static Rule compare(String left, String operator, String right) {
        return compare(left, operator, right, RuleOptions.strict());
    }

    /**
     * {@link #compare(String, String, String)} with tolerances.
     *
     * @param left     the left column
     * @param operator the comparison
     * @param right    the right column
     * @param o        tolerances
     * @return the rule
     */
    public static Rule compare(String left, String operator, String right, RuleOptions o) {
        return RuleKind.COMPARE.rule(RuleSpec.of(RuleKind.COMPARE).withColumns(List.of(left, right))
                .withValues(List.of(operator)).options(o));
    }

    /**
     * No two rows share the same values of {@code columns} (exact; memory grows with distinct keys). Named
     * {@code unique(a,b)}.
     *
     * @param columns the key columns
     * @return the rule
     */
    public static Rule unique(String... columns) {
        return RuleKind.UNIQUE.rule(RuleSpec.of(RuleKind.UNIQUE).withColumns(List.of(columns)));
    }

    /**
     * {@code columns} form a primary key: no row has an empty value in any of them, and no two rows share the same
     * values. Rows with an empty key column are counted as failures and left out of the duplicate count.
     *
     * @param columns the key columns, at least one
     * @return the rule
     */
    public static Rule primaryKey(String... columns) {
        return RuleKind.PRIMARY_KEY.rule(RuleSpec.of(RuleKind.PRIMARY_KEY).withColumns(List.of(columns)));
    }

    /**
     * The number of rows is in [min, max]. Named {@code rowCount}.
     *
     * @param min the fewest rows
     * @param max the most rows
     * @return the rule
     */
    public static Rule rowCount(long min, long max) {
        return RuleKind.ROW_COUNT.rule(RuleSpec.of(RuleKind.ROW_COUNT).withMin((double) min).withMax((double) max));
    }

    /**
     * The mean of the finite values of a numeric column is in [min, max]; errored when there are none. Named
     * {@code meanBetween(column)}.
     *
     * @param column the numeric column
     * @param min    the smallest mean allowed
     * @param max    the largest mean allowed
     * @return the rule
     */
    public static Rule meanBetween(String column, double min, double max) {
        return RuleKind.MEAN_BETWEEN.rule(RuleSpec.of(RuleKind.MEAN_BETWEEN).withColumn(column).withMin(min).withMax(max));
    }

    /**
     * The sample standard deviation of the finite values of a numeric column is in [min, max]. Named
     * {@code stddevBetween(column)}.
     *
     * @param column the numeric column
     * @param min    the smallest standard deviation allowed
     * @param max    the largest standard deviation allowed
     * @return the rule
     */
    public static Rule stddevBetween(String column, double min, double max) {
        return RuleKind.STDDEV_BETWEEN.rule(RuleSpec.of(RuleKind.STDDEV_BETWEEN).withColumn(column).withMin(min).withMax(max));
    }

    /**
     * The share of all rows whose key occurs exactly once is in [min, max] (Deequ's {@code Uniqueness};
     * {@code isUnique} is {@code uniquenessBetween(1, 1, columns)}). Named {@code uniquenessBetween(columns)}.
     */
    public static Rule uniquenessBetween(double min, double max, String... columns) {
        return RuleKind.UNIQUENESS_BETWEEN.rule(RuleSpec.of(RuleKind.UNIQUENESS_BETWEEN)
                .withColumns(List.of(columns)).withMin(min).withMax(max));
    }

    /**
     * The population standard deviation (divided by n, as Deequ's {@code hasStandardDeviation}) of the finite values
     * of a numeric column is in [min, max]. Named {@code populationStddevBetween(column)}.
     */
    public static Rule populationStddevBetween(String column, double min, double max) {
        return RuleKind.POPULATION_STDDEV_BETWEEN.rule(RuleSpec.of(RuleKind.POPULATION_STDDEV_BETWEEN)
                .withColumn(column).withMin(min).withMax(max));
    }

    /**
     * The number of distinct present values of {@code column} is in [min, max]: estimated with a HyperLogLog
     * sketch (about 1.6% error, bounded memory), or counted exactly when {@code exact}.
     *
     * @param column the column
     * @param min    the fewest distinct values
     * @param max    the most distinct values
     * @param exact  count exactly instead of estimating
     * @return the rule
     */
    public static Rule distinctCount(String column, long min, long max, boolean exact) {
        return RuleKind.DISTINCT_COUNT.rule(RuleSpec.of(RuleKind.DISTINCT_COUNT).withColumn(column).withMin((double) min)
                .withMax((double) max).withExact(exact));
    }

    /**
     * The {@code q} quantile of the finite values of a numeric column is in [min, max]: estimated with a KLL
     * sketch (rank within about 0.7% of q, bounded memory, reproducible: its coin is seeded), or computed exactly when {@code exact}.
     *
     * @param column the numeric column
     * @param q      the quantile, in 0..1
     * @param min    the smallest value allowed
     * @param max    the largest value allowed
     * @param exact  compute exactly instead of estimating
     * @return the rule
     */
    public static Rule quantile(String column, double q, double min, double max, boolean exact) {
        return RuleKind.QUANTILE.rule(RuleSpec.of(RuleKind.QUANTILE).withColumn(column).withQ(q).withMin(min).withMax(max)
                .withExact(exact));
    }

    // ---- kinds made from code only: what they take cannot be written in a suite file ----

    /**
     * Every present value of {@code column} is a key of the referenced dataset, given as its set of keys (for
     * example the ids of the products table read once with {@code SqlPushdown.keys(store, table, column)} of the
     * {@code marketlink-store} module). Named {@code references(column, referenced)}.
     *
     * @param column     the column holding references
     * @param keys       the keys of the referenced dataset, as rows hold them
     * @param referenced names the referenced dataset in messages
     * @param o          tolerances
     * @return the rule
     */
    public static Rule references(String column, Set<?> keys, String referenced, RuleOptions o) {
        Set<Object> known = Set.copyOf(keys);
        RuleKind kind = RuleKind.REFERENCES;
        return new RowRule(kind.outcomeName(column, referenced), column, o, kind.code(), "not found in " + referenced) {
            @Override
            protected RowTest compile(Schema schema) {
                int i = schema.indexOf(column);
                return new CellTest(i) {
                    @Override
                    public boolean passes(RowView row) {
                        Object v = row.get(i);
                        return v == null || known.contains(v);
                    }
                };
            }
        };
    }

    /**
     * An arbitrary row predicate (cross-column checks and the like) under a name; {@code shown} is the column whose
     * value is reported for failing rows. Its reason code is {@code SATISFIES}.
     *
     * @param name        the rule's name
     * @param shown       the column reported for failing rows, or empty for the whole row
     * @param predicate   whether a row passes; serializable if the suite is shipped to a cluster
     * @param description what a failing row is, for messages
     * @param o           tolerances
     * @return the rule
     */
    public static Rule satisfies(String name, String shown, Predicate<RowView> predicate, String description,
                                 RuleOptions o) {
        Checks.notNull("predicate", predicate);
        return new RowRule(name, shown, o, RuleKind.SATISFIES.code(), description) {
            @Override
            protected RowTest compile(Schema schema) {
                int i = shown == null || shown.isEmpty() ? -1 : schema.indexOf(shown);
                return new RowTest() {
                    @Override
                    public boolean passes(RowView row) {
                        return predicate.test(row);
                    }

                    @Override
                    public String value(RowView row) {
                        return i < 0 ? row.toString() : String.valueOf(row.get(i));
                    }
                };
            }
        };
    }

    /**
     * The newest value of a timestamp column is no older than {@code maxAge} at the time {@code clock} gives when
     * the outcome is computed; failed when there are no values. Named {@code freshness(column)}.
     *
     * @param column the timestamp column
     * @param maxAge the oldest the newest value may be
     * @param clock  gives "now"; serializable if the suite is shipped to a cluster
     * @return the rule
     */
    public static Rule freshness(String column, Duration maxAge, Clock clock) {
        Checks.notNull("maxAge", maxAge);
        Checks.notNull("clock", clock);
        return new AggregateRule(RuleKind.FRESHNESS.outcomeName(column), Severity.ERROR) {
            @Override
            public BoundRule bind(Schema schema) {
                int i = schema.indexOf(column);
                if (schema.field(i).type() != FieldType.TIMESTAMP) {
                    throw new IllegalArgumentException("column '" + column + "' must be a TIMESTAMP, is "
                            + schema.field(i).type());
                }
                return bound(() -> new Newest(name(), i, maxAge, clock));
            }
        };
    }

    /**
     * A host-defined aggregate rule: a mergeable state {@code S} built per chunk from {@code zero}, fed each row by
     * {@code add}, combined by {@code merge}, and judged by {@code metric} (passing when it lies in [min, max]).
     *
     * @param name   the rule's name
     * @param zero   makes an empty state
     * @param add    adds a row to a state
     * @param merge  combines two states
     * @param metric the metric of a state; NaN makes the outcome errored
     * @param min    the smallest metric allowed
     * @param max    the largest metric allowed
     * @param <S>    the state's type
     * @return the rule
     */
    public static <S> Rule aggregate(String name, Supplier<S> zero, BiFunction<S, RowView, S> add,
                                     BinaryOperator<S> merge, Function<S, Double> metric, double min, double max) {
        return new AggregateRule(name, Severity.ERROR) {
            @Override
            public BoundRule bind(Schema schema) {
                return bound(() -> new CustomAggregate<>(name(), zero.get(), add, merge, metric, min, max));
            }
        };
    }
}
