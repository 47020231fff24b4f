package org.marketlink.quality.rules;

import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.Severity;

import java.util.function.Supplier;

/**
 * A rule over the dataset as a whole (row counts, uniqueness, statistics, drift): it does not judge single rows.
 * Subclasses resolve their columns in {@link #bind} and return {@link #bound} with a supplier of fresh metric
 * states. Immutable and thread-safe, as every rule; serializable when its fields are.
 *
 * @serial exclude
 */
public abstract class AggregateRule implements Rule {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final Severity severity;

    /**
     * An aggregate rule.
     *
     * @param name     the rule's name, unique within its suite
     * @param severity the severity of a failure
     */
    protected AggregateRule(String name, Severity severity) {
        this.name = name;
        this.severity = severity;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The severity of a failure.
     *
     * @return the severity given at construction
     */
    protected Severity severity() {
        return severity;
    }

    /**
     * The bound form of this rule, making a fresh state from {@code states} for every pass or chunk.
     *
     * @param states makes an empty metric state; called once per pass or chunk
     * @return a bound rule that is not row-level
     */
    protected BoundRule bound(Supplier<? extends RuleState> states) {
        return new BoundRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public RuleState newState() {
                return states.get();
            }

            @Override
            public boolean rowLevel() {
                return false;
            }
        };
    }

    /**
     * The position of a numeric column ({@code LONG}, {@code DOUBLE} or {@code DECIMAL}).
     *
     * @param schema the schema to look in
     * @param column the column's name
     * @return its position
     * @throws IllegalArgumentException naming the column when it is missing or not numeric
     */
    protected static int numericColumn(Schema schema, String column) {
        int i = schema.indexOf(column);
        FieldType t = schema.field(i).type();
        if (t != FieldType.LONG && t != FieldType.DOUBLE && t != FieldType.DECIMAL) {
            throw new IllegalArgumentException("column '" + column + "' must be numeric, is " + t);
        }
        return i;
    }
}
