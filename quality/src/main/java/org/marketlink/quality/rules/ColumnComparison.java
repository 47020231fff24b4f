package org.marketlink.quality.rules;

import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.RowView;
import org.marketlink.core.data.Schema;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Set;

/**
 * A row rule comparing two columns of the same row, for example {@code delivered_on >= ordered_on} or
 * {@code min_price <= max_price}. Rows where either value is empty pass (completeness is its own rule). Numbers of
 * different types compare by value (decimals exactly); other types must be the same on both sides, which is checked
 * once against the schema.
 */
final class ColumnComparison extends RowRule {
    static final Set<String> OPERATORS = Set.of("<", "<=", "==", "!=", ">=", ">");
    private static final Set<FieldType> NUMERIC = Set.of(FieldType.LONG, FieldType.DOUBLE, FieldType.DECIMAL);

    private final String left;
    private final String operator;
    private final String right;

    /** A comparison; {@link RuleKind#COMPARE} has checked that {@code operator} is one of {@link #OPERATORS}. */
    ColumnComparison(RuleKind kind, String left, String operator, String right, RuleOptions o) {
        super(kind.outcomeName(left + " " + operator + " " + right), left, o, kind.code(),
                "breaks " + left + " " + operator + " " + right);
        this.left = left;
        this.operator = operator;
        this.right = right;
    }

    @Override
    protected RowTest compile(Schema schema) {
        int l = schema.indexOf(left);
        int r = schema.indexOf(right);
        FieldType lt = schema.field(l).type();
        FieldType rt = schema.field(r).type();
        Comparator<Object> order = order(lt, rt);
        int op = switch (operator) {
            case "<" -> 0;
            case "<=" -> 1;
            case "==" -> 2;
            case "!=" -> 3;
            case ">=" -> 4;
            default -> 5;
        };
        return new RowTest() {
            @Override
            public boolean passes(RowView row) {
                Object a = row.get(l);
                Object b = row.get(r);
                if (a == null || b == null) {
                    return true;
                }
                int c = order.compare(a, b);
                return switch (op) {
                    case 0 -> c < 0;
                    case 1 -> c <= 0;
                    case 2 -> c == 0;
                    case 3 -> c != 0;
                    case 4 -> c >= 0;
                    default -> c > 0;
                };
            }

            @Override
            public String value(RowView row) {
                return row.get(l) + " vs " + right + " " + row.get(r);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private Comparator<Object> order(FieldType lt, FieldType rt) {
        if (NUMERIC.contains(lt) && NUMERIC.contains(rt)) {
            if (lt == FieldType.DECIMAL || rt == FieldType.DECIMAL) {
                return (a, b) -> decimal(a).compareTo(decimal(b));
            }
            return (a, b) -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        if (lt != rt) {
            throw new IllegalArgumentException("rule " + name() + ": cannot compare " + left + " (" + lt + ") with "
                    + right + " (" + rt + ")");
        }
        return (a, b) -> ((Comparable<Object>) a).compareTo(b);
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        return v instanceof Long n ? BigDecimal.valueOf(n) : BigDecimal.valueOf(((Number) v).doubleValue());
    }
}
