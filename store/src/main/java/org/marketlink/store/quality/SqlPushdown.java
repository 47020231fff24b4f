package org.marketlink.store.quality;

import org.jdbi.v3.core.Handle;
import org.marketlink.core.UnableToReadException;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.RuleKind;
import org.marketlink.quality.rules.RuleSpec;
import org.marketlink.store.MarketStore;
import org.marketlink.store.internal.TableColumns;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs a suite inside the database instead of reading the rows out: one aggregate query computes every supported
 * rule's metric, plus one grouped query per uniqueness rule (no top values: they would be read out of the table). The
 * metrics equal those of the in-memory run (distinct counts and quantiles are computed exactly in SQL). Table and
 * column names are checked against the database's own metadata; values are bound as parameters. Rules that have no
 * SQL form (predicates, parse-ability, freshness, references, primary keys, column comparisons, drift) come back as
 * errored outcomes that say so. {@link #keys} reads a table's keys for {@code Rules.references}.
 *
 * <p>Thread-safe (stateless).
 */
public final class SqlPushdown {

    private SqlPushdown() {
    }

    // a table name is checked before it goes into SQL; identifiers never come from data
    private static String tableName(String table) {
        return TableColumns.identifier("table", table);
    }

    private static Set<String> existingColumns(Handle h, String table) {
        Set<String> columns = columns(h, table);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no table '" + table + "' in the database");
        }
        return columns;
    }

    /**
     * Runs {@code suite} on {@code table} in {@code store}'s database; {@link IllegalArgumentException} if there is no
     * such table.
     */
    public static SuiteResult run(Suite suite, MarketStore store, String table) {
        String t = tableName(table);
        return store.jdbi().withHandle(h -> {
            Set<String> columns = existingColumns(h, t);
            List<String> select = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            select.add("COUNT(*)");
            List<int[]> slots = new ArrayList<>();
            for (Rule r : suite.rules()) {
                RuleSpec s = r.spec().orElse(null);
                int at = select.size();
                String expr = s == null ? null : s.kind().sql(s, c -> col(c, columns, r.name()), params);
                if (expr == null) {
                    slots.add(null);
                } else {
                    select.add(expr);
                    slots.add(new int[] {at});
                }
            }
            String sql = "SELECT " + String.join(", ", select) + " FROM " + t;
            var query = h.createQuery(sql);
            for (int i = 0; i < params.size(); i++) {
                query.bind(i, params.get(i));
            }
            double[] values = query.map((rs, c) -> {
                double[] v = new double[select.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = rs.getDouble(i + 1);
                    if (rs.wasNull()) {
                        v[i] = Double.NaN;
                    }
                }
                return v;
            }).one();
            long rows = (long) values[0];
            List<RuleOutcome> outcomes = new ArrayList<>();
            for (int k = 0; k < suite.rules().size(); k++) {
                Rule r = suite.rules().get(k);
                int[] slot = slots.get(k);
                if (slot == null) {
                    outcomes.add(new RuleOutcome.Errored(r.name(), Double.NaN, "rule " + r.name()
                            + " cannot run as SQL; run it in memory"));
                    continue;
                }
                outcomes.add(outcome(h, t, r, r.spec().orElseThrow(), values[slot[0]], rows));
            }
            return new SuiteResult(suite.name(), rows, outcomes);
        });
    }

    /**
     * The distinct present values of {@code table.column}, read once, for {@link
     * org.marketlink.quality.rules.Rules#references} — referential integrity against a database table. Names are
     * checked against the table's own columns; values come back as the types rows hold (whole numbers as
     * {@code Long}, {@code DATE} as {@code LocalDate}, {@code TIMESTAMP} as {@code Instant}), so they compare equal
     * to the values of a row. Memory grows with the number of keys.
     */
    public static Set<Object> keys(MarketStore store, String table, String column) {
        String t = tableName(table);
        return store.jdbi().withHandle(h -> {
            Set<String> columns = existingColumns(h, t);
            String c = col(column, columns, "references(" + table + "." + column + ")");
            Set<Object> keys = new HashSet<>();
            h.createQuery("SELECT DISTINCT " + c + " FROM " + t + " WHERE " + c + " IS NOT NULL")
                    .map((rs, ctx) -> rowValue(rs.getObject(1))).forEach(keys::add);
            return keys;
        });
    }

    private static Object rowValue(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Date d) {
            return d.toLocalDate();
        }
        if (v instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return v;
    }

    private static Set<String> columns(Handle h, String table) {
        try {
            return TableColumns.of(h.getConnection(), table);
        } catch (SQLException e) {
            throw new UnableToReadException("could not read the columns of " + table, e);
        }
    }

    private static String col(String name, Set<String> columns, String rule) {
        String c = TableColumns.isIdentifier(name) ? name.toLowerCase(Locale.ROOT) : "";
        if (c.isEmpty() || !columns.contains(c)) {
            throw new IllegalArgumentException("rule " + rule + ": the table has no column '" + name + "'");
        }
        return c;
    }

    /** Judges a rule from its aggregate, as its kind's SQL form says the aggregate is to be read. */
    private static RuleOutcome outcome(Handle h, String table, Rule r, RuleSpec s, double value, long rows) {
        String name = r.name();
        RuleKind kind = s.kind();
        switch (kind.sqlForm()) {
            case FAILING_ROWS: {
                long failing = Double.isNaN(value) ? 0 : (long) value;
                double passing = rows == 0 ? 1 : (double) (rows - failing) / rows;
                Severity level = s.rowOptions().judge(rows, failing);
                if (level == null) {
                    return new RuleOutcome.Passed(name, passing, failing + " of " + rows + " rows fail");
                }
                return new RuleOutcome.Failed(name, passing, s.column() + ": " + failing + " rows fail (in SQL)", level,
                        failing, List.of(), List.of());
            }
            case DISTINCT_KEYS: {
                String cols = String.join(", ", s.columns().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList());
                // names were checked by the kind's sql(); skipNulls leaves rows with an empty key column out
                String where = Boolean.TRUE.equals(s.skipNulls()) ? " WHERE " + String.join(" AND ", s.columns()
                        .stream().map(c -> c.toLowerCase(Locale.ROOT) + " IS NOT NULL").toList()) : "";
                long kept = where.isEmpty() ? rows : h.createQuery("SELECT COUNT(*) FROM " + table + where)
                        .mapTo(Long.class).one();
                long groups = h.createQuery("SELECT COUNT(*) FROM (SELECT " + cols + " FROM " + table + where
                        + " GROUP BY " + cols + ") g").mapTo(Long.class).one();
                long duplicates = kept - groups;
                double metric = kept == 0 ? 1 : (double) groups / kept;
                return duplicates == 0 ? new RuleOutcome.Passed(name, metric, groups + " distinct of " + kept + " rows")
                        : new RuleOutcome.Failed(name, metric, duplicates + " duplicate rows (in SQL)", s.failureSeverity(),
                        duplicates, List.of(), List.of());
            }
            case METRIC: {
                double min = s.min() == null ? Double.NEGATIVE_INFINITY : s.min();
                double max = s.max() == null ? Double.POSITIVE_INFINITY : s.max();
                if (Double.isNaN(value)) {
                    return new RuleOutcome.Errored(name, Double.NaN, "no values");
                }
                String msg = s.type() + " " + value + ", expected " + min + ".." + max;
                return value >= min && value <= max ? new RuleOutcome.Passed(name, value, msg)
                        : new RuleOutcome.Failed(name, value, msg, s.failureSeverity(), 0, List.of(), List.of());
            }
            default:
                throw new IllegalStateException("rule " + name + " has no SQL form");
        }
    }
}
