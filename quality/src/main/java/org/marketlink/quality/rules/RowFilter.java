package org.marketlink.quality.rules;

import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.RowView;
import org.marketlink.core.data.Schema;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which rows a rule judges: a condition in the syntax of an SQL {@code WHERE} clause, as Soda's {@code filter} and
 * dbt's {@code where} write it. It is parsed here into a tree, never handed to a database as text:
 * <ul>
 *   <li>a comparison of a column with a literal: {@code region = 'Nairobi'}, {@code price >= 10},
 *   {@code status <> 'CANCELLED'} ({@code =}, {@code !=}, {@code <>}, {@code <}, {@code <=}, {@code >},
 *   {@code >=});</li>
 *   <li>{@code column IS NULL}, {@code column IS NOT NULL};</li>
 *   <li>{@code column IN ('a', 'b')}, {@code column NOT IN (1, 2)};</li>
 *   <li>{@code AND}, {@code OR}, {@code NOT} and parentheses, with SQL's precedence (NOT, then AND, then OR).</li>
 * </ul>
 * Literals are numbers, text in single quotes ({@code ''} for a quote), {@code TRUE} and {@code FALSE}; on a
 * {@code DATE} or {@code TIMESTAMP} column a text literal is an ISO date or instant. Keywords are case-insensitive.
 * Empty values follow SQL's three-valued logic: a comparison with an empty value is unknown, {@code NOT} of unknown
 * is unknown, and only rows for which the condition is true are kept. Immutable and thread-safe.
 */
public final class RowFilter implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String text;
    private final Node root;

    private RowFilter(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses a condition.
     *
     * @throws IllegalArgumentException naming the position and what was expected, when it is not one
     */
    public static RowFilter parse(String condition) {
        if (condition == null || condition.isBlank()) {
            throw new IllegalArgumentException("filter: empty");
        }
        Parser p = new Parser(condition);
        Node root = p.or();
        if (p.peek() != null) {
            throw p.error("end of the condition");
        }
        return new RowFilter(condition, root);
    }

    /** The condition as written. */
    public String text() {
        return text;
    }

    /**
     * The condition bound to a schema.
     *
     * @throws IllegalArgumentException naming the column when the schema has none of that name, or a literal that
     *                                  does not fit the column's type
     */
    public Bound bind(Schema schema) {
        return new Bound(root.bind(schema));
    }

    @Override
    public String toString() {
        return text;
    }

    /** A condition bound to a schema: whether a row is kept. Thread-safe. */
    public static final class Bound implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Node root;

        private Bound(Node root) {
            this.root = root;
        }

        /** Whether the condition is true for {@code row} (false or unknown drop the row). */
        public boolean keeps(RowView row) {
            return root.eval(row) == Boolean.TRUE;
        }
    }

    /** A condition's node: evaluates to TRUE, FALSE or null (unknown). */
    private interface Node extends Serializable {
        Boolean eval(RowView row);

        /** This node with its columns resolved to positions and its literals to the columns' types. */
        Node bind(Schema schema);
    }

    private record And(Node left, Node right) implements Node {
        @Override
        public Boolean eval(RowView row) {
            Boolean a = left.eval(row);
            if (a == Boolean.FALSE) {
                return false;
            }
            Boolean b = right.eval(row);
            if (b == Boolean.FALSE) {
                return false;
            }
            return a == null || b == null ? null : true;
        }

        @Override
        public Node bind(Schema schema) {
            return new And(left.bind(schema), right.bind(schema));
        }
    }

    private record Or(Node left, Node right) implements Node {
        @Override
        public Boolean eval(RowView row) {
            Boolean a = left.eval(row);
            if (a == Boolean.TRUE) {
                return true;
            }
            Boolean b = right.eval(row);
            if (b == Boolean.TRUE) {
                return true;
            }
            return a == null || b == null ? null : false;
        }

        @Override
        public Node bind(Schema schema) {
            return new Or(left.bind(schema), right.bind(schema));
        }
    }

    private record Not(Node inner) implements Node {
        @Override
        public Boolean eval(RowView row) {
            Boolean a = inner.eval(row);
            return a == null ? null : !a;
        }

        @Override
        public Node bind(Schema schema) {
            return new Not(inner.bind(schema));
        }
    }

    /** {@code column IS [NOT] NULL}: never unknown. */
    private record IsNull(String column, int index, boolean negated) implements Node {
        @Override
        public Boolean eval(RowView row) {
            return (row.get(index) == null) != negated;
        }

        @Override
        public Node bind(Schema schema) {
            return new IsNull(column, position(schema, column), negated);
        }
    }

    /** {@code column op literal}, or {@code column [NOT] IN (literals)} when {@code op} is IN. */
    private record Compare(String column, int index, String op, List<Object> literals) implements Node {
        @Override
        public Boolean eval(RowView row) {
            Object v = row.get(index);
            if (v == null) {
                return null;
            }
            if (op.equals("IN") || op.equals("NOT IN")) {
                boolean found = false;
                for (Object l : literals) {
                    if (compare(v, l) == 0) {
                        found = true;
                        break;
                    }
                }
                return found != op.equals("NOT IN");
            }
            int c = compare(v, literals.get(0));
            return switch (op) {
                case "=" -> c == 0;
                case "<>" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static int compare(Object value, Object literal) {
            if (value instanceof Number a && literal instanceof Number b) {
                if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
                    return x.compareTo(y);
                }
                return Double.compare(a.doubleValue(), b.doubleValue());
            }
            return ((Comparable) value).compareTo(literal);
        }

        @Override
        public Node bind(Schema schema) {
            int i = position(schema, column);
            FieldType type = schema.field(i).type();
            List<Object> typed = new ArrayList<>();
            for (Object l : literals) {
                typed.add(typed(column, type, l));
            }
            return new Compare(column, i, op, List.copyOf(typed));
        }
    }

    private static int position(Schema schema, String column) {
        if (!schema.has(column)) {
            throw new IllegalArgumentException("filter: no column '" + column + "'");
        }
        return schema.indexOf(column);
    }

    /** A literal as the column's values are held, or an error naming both. */
    private static Object typed(String column, FieldType type, Object literal) {
        String wrong = "filter: " + column + " is " + type + ", which " + literal + " is not";
        switch (type) {
            case LONG, DOUBLE -> {
                if (literal instanceof BigDecimal b) {
                    return b.doubleValue();
                }
            }
            case DECIMAL -> {
                if (literal instanceof BigDecimal b) {
                    return b;
                }
            }
            case BOOLEAN -> {
                if (literal instanceof Boolean) {
                    return literal;
                }
            }
            case STRING, JSON -> {
                if (literal instanceof String) {
                    return literal;
                }
            }
            case DATE -> {
                if (literal instanceof String t) {
                    try {
                        return LocalDate.parse(t);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException(wrong + " (not an ISO date)", e);
                    }
                }
            }
            case TIMESTAMP -> {
                if (literal instanceof String t) {
                    try {
                        return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant()
                                : Instant.parse(t);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException(wrong + " (not an ISO date or instant)", e);
                    }
                }
            }
            default -> {
            }
        }
        throw new IllegalArgumentException(wrong);
    }

    /** A recursive-descent parser over the condition's tokens. */
    private static final class Parser {
        private final String text;
        private final List<String> tokens = new ArrayList<>();
        private final List<Integer> positions = new ArrayList<>();
        private int at;

        Parser(String text) {
            this.text = text;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                int start = i;
                if (c == '\'') {
                    StringBuilder s = new StringBuilder("'");
                    i++;
                    while (true) {
                        if (i >= text.length()) {
                            throw new IllegalArgumentException("filter: text not closed, from position "
                                    + (start + 1));
                        }
                        char d = text.charAt(i++);
                        if (d == '\'') {
                            if (i < text.length() && text.charAt(i) == '\'') {
                                s.append('\'');
                                i++;
                                continue;
                            }
                            break;
                        }
                        s.append(d);
                    }
                    add(s.toString(), start);
                } else if (Character.isLetter(c) || c == '_') {
                    while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i))
                            || text.charAt(i) == '_')) {
                        i++;
                    }
                    add(text.substring(start, i), start);
                } else if (Character.isDigit(c) || (c == '-' || c == '.') && i + 1 < text.length()
                        && (Character.isDigit(text.charAt(i + 1)) || text.charAt(i + 1) == '.')) {
                    i++;
                    while (i < text.length() && (Character.isDigit(text.charAt(i)) || ".eE".indexOf(text.charAt(i))
                            >= 0 || (text.charAt(i) == '-' || text.charAt(i) == '+')
                            && "eE".indexOf(text.charAt(i - 1)) >= 0)) {
                        i++;
                    }
                    add(text.substring(start, i), start);
                } else if (c == '<' || c == '>' || c == '!') {
                    i++;
                    if (i < text.length() && (text.charAt(i) == '=' || c == '<' && text.charAt(i) == '>')) {
                        i++;
                    }
                    add(text.substring(start, i), start);
                } else if ("=(),".indexOf(c) >= 0) {
                    add(String.valueOf(c), i++);
                } else {
                    throw new IllegalArgumentException("filter: unexpected '" + c + "' at position " + (i + 1));
                }
            }
        }

        private void add(String token, int position) {
            tokens.add(token);
            positions.add(position);
        }

        String peek() {
            return at < tokens.size() ? tokens.get(at) : null;
        }

        private boolean keyword(String word) {
            String t = peek();
            if (t != null && t.toUpperCase(Locale.ROOT).equals(word)) {
                at++;
                return true;
            }
            return false;
        }

        IllegalArgumentException error(String expected) {
            String found = peek();
            return new IllegalArgumentException("filter: expected " + expected + (found == null ? " at the end"
                    : " at position " + (positions.get(at) + 1) + ", found '" + found + "'") + " in '" + text
                    + "'");
        }

        Node or() {
            Node left = and();
            while (keyword("OR")) {
                left = new Or(left, and());
            }
            return left;
        }

        Node and() {
            Node left = not();
            while (keyword("AND")) {
                left = new And(left, not());
            }
            return left;
        }

        Node not() {
            if (keyword("NOT")) {
                return new Not(not());
            }
            return primary();
        }

        Node primary() {
            if ("(".equals(peek())) {
                at++;
                Node inner = or();
                if (!")".equals(peek())) {
                    throw error("')'");
                }
                at++;
                return inner;
            }
            String column = peek();
            if (column == null || !(Character.isLetter(column.charAt(0)) || column.charAt(0) == '_')
                    || isKeyword(column)) {
                throw error("a column");
            }
            at++;
            if (keyword("IS")) {
                boolean negated = keyword("NOT");
                if (!keyword("NULL")) {
                    throw error("NULL");
                }
                return new IsNull(column, -1, negated);
            }
            boolean negated = keyword("NOT");
            if (keyword("IN")) {
                if (!"(".equals(peek())) {
                    throw error("'('");
                }
                at++;
                List<Object> values = new ArrayList<>();
                values.add(literal());
                while (",".equals(peek())) {
                    at++;
                    values.add(literal());
                }
                if (!")".equals(peek())) {
                    throw error("')' or ','");
                }
                at++;
                return new Compare(column, -1, negated ? "NOT IN" : "IN", List.copyOf(values));
            }
            if (negated) {
                throw error("IN");
            }
            String op = peek();
            if (op == null || !List.of("=", "!=", "<>", "<", "<=", ">", ">=").contains(op)) {
                throw error("a comparison (=, <>, <, <=, >, >=), IS or IN");
            }
            at++;
            return new Compare(column, -1, op.equals("!=") ? "<>" : op, List.of(literal()));
        }

        private static boolean isKeyword(String t) {
            return List.of("AND", "OR", "NOT", "IS", "IN", "NULL", "TRUE", "FALSE").contains(t.toUpperCase(
                    Locale.ROOT));
        }

        private Object literal() {
            String t = peek();
            if (t == null) {
                throw error("a value");
            }
            at++;
            if (t.startsWith("'")) {
                return t.substring(1);
            }
            if (t.equalsIgnoreCase("TRUE") || t.equalsIgnoreCase("FALSE")) {
                return Boolean.valueOf(t.toLowerCase(Locale.ROOT));
            }
            try {
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                at--;
                throw error("a value (a number, 'text', TRUE or FALSE)");
            }
        }
    }
}
