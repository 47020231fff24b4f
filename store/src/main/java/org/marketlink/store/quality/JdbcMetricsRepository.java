package org.marketlink.store.quality;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.UnableToWriteException;
import org.marketlink.quality.history.MetricPoint;
import org.marketlink.quality.history.MetricsRepository;
import org.marketlink.store.MarketStore;
import org.marketlink.store.internal.DatabaseErrors;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Metrics in the store's {@code quality_metrics} table (created by the store's migrations), on PostgreSQL or H2.
 * Saving the same dataset, rule, time and tags again replaces the value. Thread-safe.
 */
public final class JdbcMetricsRepository implements MetricsRepository {
    private final Jdbi jdbi;

    /** Metrics in {@code store}'s database. */
    public JdbcMetricsRepository(MarketStore store) {
        this.jdbi = store.jdbi();
    }

    @Override
    public void save(List<MetricPoint> points) {
        try {
            jdbi.useTransaction(h -> {
                PreparedBatch delete = h.prepareBatch("DELETE FROM quality_metrics WHERE dataset = :d AND rule = :r "
                        + "AND measured_at = :t AND tags = :g");
                PreparedBatch insert = h.prepareBatch("INSERT INTO quality_metrics (dataset, rule, measured_at, tags, "
                        + "metric, status) VALUES (:d, :r, :t, :g, :m, :s)");
                for (MetricPoint p : points) {
                    OffsetDateTime t = p.measuredAt().atOffset(ZoneOffset.UTC);
                    String tags = encode(p.tags());
                    delete.bind("d", p.dataset()).bind("r", p.rule()).bind("t", t).bind("g", tags).add();
                    insert.bind("d", p.dataset()).bind("r", p.rule()).bind("t", t).bind("g", tags)
                            .bindBySqlType("m", Double.isNaN(p.metric()) ? null : p.metric(), Types.DOUBLE)
                            .bind("s", p.status()).add();
                }
                if (!points.isEmpty()) {
                    delete.execute();
                    insert.execute();
                }
            });
        } catch (RuntimeException e) {
            throw new UnableToWriteException("could not save " + points.size() + " quality metrics: "
                    + DatabaseErrors.describe(e), DatabaseErrors.withheld(e));
        }
    }

    @Override
    public List<MetricPoint> history(String dataset, String rule, Instant from, Instant to) {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT * FROM quality_metrics WHERE dataset = :d AND rule = :r "
                            + "AND measured_at >= :f AND measured_at < :t ORDER BY measured_at, tags")
                    .bind("d", dataset).bind("r", rule).bind("f", clamp(from)).bind("t", clamp(to))
                    .map((rs, c) -> {
                        double m = rs.getDouble("metric");
                        if (rs.wasNull()) {
                            m = Double.NaN;
                        }
                        return new MetricPoint(rs.getString("dataset"), rs.getString("rule"),
                                rs.getObject("measured_at", OffsetDateTime.class).toInstant(),
                                decode(rs.getString("tags")), m, rs.getString("status"));
                    }).list());
        } catch (RuntimeException e) {
            throw new UnableToReadException("could not read the history of " + rule + " on " + dataset + ": "
                    + DatabaseErrors.describe(e), DatabaseErrors.withheld(e));
        }
    }

    private static OffsetDateTime clamp(Instant t) {
        Instant lo = Instant.parse("0001-01-01T00:00:00Z");
        Instant hi = Instant.parse("9999-12-31T23:59:59Z");
        return (t.isBefore(lo) ? lo : t.isAfter(hi) ? hi : t).atOffset(ZoneOffset.UTC);
    }

    /** Tags as sorted {@code key=value} pairs joined by '&', percent-escaped, so equal maps give equal text. */
    static String encode(Map<String, String> tags) {
        return new TreeMap<>(tags).entrySet().stream()
                .map(e -> esc(e.getKey()) + "=" + esc(e.getValue())).collect(Collectors.joining("&"));
    }

    static Map<String, String> decode(String text) {
        Map<String, String> out = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            int i = pair.indexOf('=');
            out.put(unesc(pair.substring(0, i)), unesc(pair.substring(i + 1)));
        }
        return out;
    }

    private static String esc(String s) {
        return s.replace("%", "%25").replace("&", "%26").replace("=", "%3D");
    }

    private static String unesc(String s) {
        return s.replace("%3D", "=").replace("%26", "&").replace("%25", "%");
    }

}
