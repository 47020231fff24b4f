package org.marketlink.quality.profile;

import org.marketlink.core.data.FieldType;
import org.marketlink.quality.RuleOutcome;

import java.util.List;

/**
 * What one column holds.
 *
 * @param name          column name
 * @param declaredType  the schema's type
 * @param inferredType  for text columns, the narrowest type every present value parses as (else the declared type)
 * @param nullFraction  share of empty values (blank text counts as empty)
 * @param distinct      distinct present values (HyperLogLog estimate, exact below a few thousand)
 * @param min           smallest numeric value (NaN when not numeric)
 * @param max           largest numeric value
 * @param mean          mean of the numeric values
 * @param stddev        sample standard deviation
 * @param quantiles     5th, 50th and 95th percentiles (KLL sketch)
 * @param topValues     most frequent values
 * @param patterns      most frequent shapes of text values (digits as 9, letters as a/A)
 */
public record ColumnProfile(String name, FieldType declaredType, FieldType inferredType, double nullFraction,
                            long distinct, double min, double max, double mean, double stddev, double[] quantiles,
                            List<RuleOutcome.ValueCount> topValues, List<RuleOutcome.ValueCount> patterns) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public ColumnProfile {
        quantiles = quantiles.clone();
        topValues = List.copyOf(topValues);
        patterns = List.copyOf(patterns);
    }

    /** Whether the column holds numbers. */
    public boolean numeric() {
        return !Double.isNaN(min);
    }
}
