package org.marketlink.quality.profile;

import org.apache.datasketches.hll.HllSketch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.privacy.Masking;
import org.marketlink.quality.metrics.KllDoubles;
import org.marketlink.quality.metrics.ValueCounter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/** Profiles a dataset in one pass with bounded memory (sketches and capped counters). Thread-safe (stateless). */
public final class Profiler {
    private static final FieldType[] CANDIDATES = {FieldType.LONG, FieldType.DOUBLE, FieldType.DATE,
            FieldType.TIMESTAMP, FieldType.BOOLEAN};

    private Profiler() {
    }

    /** How often a profile reports progress, in rows. */
    public static final int PROGRESS_EVERY = 100_000;

    /** The profile of these rows, in one pass. */
    public static DatasetProfile profile(Schema schema, Iterable<Row> rows) {
        return profile(schema, rows, done -> {
        });
    }

    /**
     * The profile of these rows, in one pass, telling {@code rowsDone} how far it is: every {@value #PROGRESS_EVERY}
     * rows and once at the end with the total, on the calling thread.
     *
     * @param schema   the rows' schema
     * @param rows     the rows
     * @param rowsDone progress: the rows profiled so far
     * @return the profile
     */
    public static DatasetProfile profile(Schema schema, Iterable<Row> rows, LongConsumer rowsDone) {
        int n = schema.size();
        Column[] cols = new Column[n];
        for (int i = 0; i < n; i++) {
            cols[i] = new Column(schema.field(i));
        }
        long count = 0;
        for (Row row : rows) {
            count++;
            for (int i = 0; i < n; i++) {
                cols[i].accept(row.get(i));
            }
            if (count % PROGRESS_EVERY == 0) {
                rowsDone.accept(count);
            }
        }
        rowsDone.accept(count);
        List<ColumnProfile> out = new ArrayList<>(n);
        for (Column c : cols) {
            out.add(c.profile(count));
        }
        return new DatasetProfile(count, out);
    }

    /** The shape of a text value: digits as 9, lower-case letters as a, upper-case as A, the rest kept. */
    static String pattern(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 40));
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(Character.isDigit(c) ? '9' : Character.isLowerCase(c) ? 'a' : Character.isUpperCase(c) ? 'A' : c);
        }
        return s.length() > 40 ? b.append('…').toString() : b.toString();
    }

    private static final class Column {
        private final Field field;
        private long nulls;
        private final HllSketch distinct = new HllSketch(12);
        private final Set<Object> exact = new HashSet<>();
        private boolean exactOverflow;
        /** Seeded: the same rows give the same profile. */
        private final KllDoubles quantiles = new KllDoubles(200, 0x5EEDL);
        private final ValueCounter values = new ValueCounter(1000);
        private final ValueCounter patterns = new ValueCounter(200);
        private long n;
        private double mean;
        private double m2;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private final boolean[] parses = {true, true, true, true, true};

        private final boolean pii;

        Column(Field field) {
            this.field = field;
            this.pii = field.personal();
        }

        void accept(Object v) {
            if (v == null || v instanceof String s && s.isBlank()) {
                nulls++;
                return;
            }
            String text = v instanceof BigDecimal b ? b.toPlainString() : v.toString();
            distinct.update(text);
            if (!exactOverflow) {
                exact.add(v);
                if (exact.size() > 5000) {
                    exactOverflow = true;
                    exact.clear();
                }
            }
            values.add(pii ? Masking.MASK : text, 1); // personal data is counted but never shown
            if (v instanceof Number num) {
                double d = num.doubleValue();
                if (Double.isFinite(d)) {
                    n++;
                    double delta = d - mean;
                    mean += delta / n;
                    m2 += delta * (d - mean);
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                    quantiles.update(d);
                }
            }
            if (v instanceof String s) {
                patterns.add(pattern(s), 1);
                String t = s.strip();
                for (int k = 0; k < CANDIDATES.length; k++) {
                    if (parses[k] && !parsesAs(t, CANDIDATES[k])) {
                        parses[k] = false;
                    }
                }
            }
        }

        private static boolean parsesAs(String t, FieldType type) {
            try {
                switch (type) {
                    case LONG -> Long.parseLong(t);
                    case DOUBLE -> {
                        return Double.isFinite(Double.parseDouble(t));
                    }
                    case DATE -> LocalDate.parse(t);
                    case TIMESTAMP -> LocalDateTime.parse(t.replace(' ', 'T').replace("Z", ""));
                    case BOOLEAN -> {
                        return t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false");
                    }
                    default -> {
                        return false;
                    }
                }
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        ColumnProfile profile(long rows) {
            FieldType inferred = field.type();
            if (field.type() == FieldType.STRING && rows > nulls) {
                for (int k = 0; k < CANDIDATES.length; k++) {
                    if (parses[k]) {
                        inferred = CANDIDATES[k];
                        break;
                    }
                }
            }
            boolean numeric = n > 0;
            double[] q = numeric ? new double[] {quantiles.quantile(0.05),
                    quantiles.quantile(0.5),
                    quantiles.quantile(0.95)} : new double[0];
            long d = exactOverflow ? Math.round(distinct.getEstimate()) : exact.size();
            return new ColumnProfile(field.name(), field.type(), inferred, rows == 0 ? 0 : (double) nulls / rows, d,
                    numeric ? min : Double.NaN, numeric ? max : Double.NaN, numeric ? mean : Double.NaN,
                    n > 1 ? Math.sqrt(m2 / (n - 1)) : Double.NaN, q, values.top(5),
                    field.type() == FieldType.STRING ? patterns.top(3) : List.of());
        }
    }
}
