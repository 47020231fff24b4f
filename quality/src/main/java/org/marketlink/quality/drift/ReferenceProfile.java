package org.marketlink.quality.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.marketlink.core.Checks;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.RowView;
import org.marketlink.core.data.Schema;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * What a dataset looked like once, kept to judge later data against it: the drift rules of suite files name one
 * ({@code type: ksDrift, column: price, reference: prices-2026-11, max: 0.1}). For each numeric column it keeps a
 * sorted sample of the finite values (all of them up to {@link Builder#maxSample}, beyond that a uniform sample drawn
 * with a seeded random source, so the same rows give the same profile); for each other column the share of each
 * value, while there are at most {@link Builder#maxCategories} of them.
 *
 * <p>Columns the schema marks personal are left out: a profile is stored, and their values would be in it. It is
 * written and read as JSON ({@link #toJson}, {@link #fromJson}) for the host to keep where it keeps files or in a
 * table. Immutable and thread-safe.
 *
 * @param name    the name suite files use
 * @param rows    the rows it was made from
 * @param columns what each column held, in schema order
 */
public record ReferenceProfile(String name, long rows, List<Column> columns) implements Serializable {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * What one column held.
     *
     * @param name   the column
     * @param sample its finite values, sorted (numeric columns), else null
     * @param shares each value's share of the present values (other columns), else null
     */
    public record Column(String name, double[] sample, Map<String, Double> shares) implements Serializable {
        /** Copies the sample and the shares. */
        public Column {
            Checks.notNull("name", name);
            sample = sample == null ? null : sample.clone();
            shares = shares == null ? null : Collections.unmodifiableMap(new TreeMap<>(shares));
        }

        /** The sorted sample, a copy. */
        @Override
        public double[] sample() {
            return sample == null ? null : sample.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Column c && c.name.equals(name) && Arrays.equals(c.sample, sample)
                    && Objects.equals(c.shares, shares);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(sample);
        }

        @Override
        public String toString() {
            return "Column[" + name + (sample != null ? ", " + sample.length + " sampled values"
                    : shares != null ? ", " + shares.size() + " categories" : "") + "]";
        }
    }

    /** Checks the name and copies the columns. */
    public ReferenceProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: a reference profile needs a name");
        }
        columns = List.copyOf(columns);
    }

    /**
     * The sorted sample of a numeric column, for the Kolmogorov–Smirnov drift rule.
     *
     * @param column the column
     * @return a copy of the sample
     * @throws IllegalArgumentException when the profile has no sample of that column
     */
    public double[] sample(String column) {
        Column c = column(column);
        if (c.sample == null || c.sample.length == 0) {
            throw new IllegalArgumentException("reference: profile '" + name + "' has no numeric sample of column '"
                    + column + "'");
        }
        return c.sample();
    }

    /**
     * The share of each value of a categorical column, for the PSI and chi-square drift rules.
     *
     * @param column the column
     * @return the shares
     * @throws IllegalArgumentException when the profile has no shares of that column
     */
    public Map<String, Double> shares(String column) {
        Column c = column(column);
        if (c.shares == null || c.shares.isEmpty()) {
            throw new IllegalArgumentException("reference: profile '" + name + "' has no category shares of column '"
                    + column + "'");
        }
        return c.shares;
    }

    private Column column(String column) {
        for (Column c : columns) {
            if (c.name.equals(column)) {
                return c;
            }
        }
        throw new IllegalArgumentException("reference: profile '" + name + "' has no column '" + column + "'");
    }

    /** The profile as JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write reference profile " + name, e);
        }
    }

    /**
     * A profile from the JSON {@link #toJson} wrote.
     *
     * @throws IllegalArgumentException when the text is not such a profile
     */
    public static ReferenceProfile fromJson(String json) {
        try {
            return JSON.readValue(json, ReferenceProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a reference profile: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A builder of a profile of rows of {@code schema}.
     *
     * @param name   the profile's name
     * @param schema the rows' schema
     * @return the builder
     */
    public static Builder builder(String name, Schema schema) {
        return new Builder(name, schema);
    }

    /** Takes rows one by one and makes the profile. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Schema schema;
        private int maxSample = 10_000;
        private int maxCategories = 10_000;
        private long seed = 0x5EED_CAFEL;
        private SplittableRandom random;
        private double[][] samples;
        private long[] seen;
        private List<Map<String, long[]>> counts;
        private long rows;

        private Builder(String name, Schema schema) {
            Checks.notNull("name", name);
            this.name = name;
            this.schema = Checks.notNull("schema", schema);
        }

        /** The most values kept of a numeric column (default 10,000). */
        public Builder maxSample(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("maxSample must be at least 1, not " + v);
            }
            this.maxSample = v;
            return this;
        }

        /** The most distinct values of another column whose shares are kept (default 10,000). */
        public Builder maxCategories(int v) {
            if (v < 2) {
                throw new IllegalArgumentException("maxCategories must be at least 2, not " + v);
            }
            this.maxCategories = v;
            return this;
        }

        /** The seed of the sample beyond {@link #maxSample} values. */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /**
         * Adds a row.
         *
         * @throws IllegalArgumentException when the row is of another schema
         */
        public Builder accept(RowView row) {
            if (!row.schema().equals(schema)) {
                throw new IllegalArgumentException("row " + (rows + 1) + " is of another schema");
            }
            if (samples == null) {
                start();
            }
            rows++;
            for (int f = 0; f < schema.size(); f++) {
                if (schema.isPersonal(f)) {
                    continue;
                }
                Object v = row.get(f);
                if (v == null) {
                    continue;
                }
                if (samples[f] != null) {
                    double d = ((Number) v).doubleValue();
                    if (Double.isFinite(d)) {
                        sample(f, d);
                    }
                } else {
                    Map<String, long[]> c = counts.get(f);
                    if (c != null) {
                        c.computeIfAbsent(v.toString(), k -> new long[1])[0]++;
                        if (c.size() > maxCategories) {
                            counts.set(f, null);
                        }
                    }
                }
            }
            return this;
        }

        private void start() {
            random = new SplittableRandom(seed);
            samples = new double[schema.size()][];
            seen = new long[schema.size()];
            counts = new ArrayList<>();
            for (int f = 0; f < schema.size(); f++) {
                FieldType t = schema.field(f).type();
                boolean numeric = t == FieldType.LONG || t == FieldType.DOUBLE || t == FieldType.DECIMAL;
                samples[f] = numeric ? new double[Math.min(maxSample, 1024)] : null;
                counts.add(numeric ? null : new HashMap<>());
            }
        }

        /** Reservoir sampling (Vitter's algorithm R): every value kept with the same chance. */
        private void sample(int f, double d) {
            long k = seen[f]++;
            if (k < maxSample) {
                if (k == samples[f].length) {
                    samples[f] = Arrays.copyOf(samples[f], (int) Math.min(maxSample, 2L * k));
                }
                samples[f][(int) k] = d;
            } else {
                long j = random.nextLong(k + 1);
                if (j < maxSample) {
                    samples[f][(int) j] = d;
                }
            }
        }

        /** The profile of the rows so far. */
        public ReferenceProfile build() {
            if (samples == null) {
                start();
            }
            List<Column> columns = new ArrayList<>();
            for (int f = 0; f < schema.size(); f++) {
                if (schema.isPersonal(f)) {
                    continue;
                }
                String column = schema.field(f).name();
                if (samples[f] != null) {
                    double[] s = Arrays.copyOf(samples[f], (int) Math.min(seen[f], maxSample));
                    Arrays.sort(s);
                    columns.add(new Column(column, s, null));
                } else if (counts.get(f) != null) {
                    long total = 0;
                    for (long[] c : counts.get(f).values()) {
                        total += c[0];
                    }
                    Map<String, Double> shares = new TreeMap<>();
                    for (Map.Entry<String, long[]> e : counts.get(f).entrySet()) {
                        shares.put(e.getKey(), (double) e.getValue()[0] / total);
                    }
                    columns.add(new Column(column, null, shares));
                } else {
                    columns.add(new Column(column, null, null));
                }
            }
            return new ReferenceProfile(name, rows, columns);
        }
    }
}
