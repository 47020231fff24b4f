package org.marketlink.quality.imports;

import org.marketlink.quality.rules.RowFilter;

import java.util.List;

/** A tool's row filter (dbt's {@code where}, Soda's {@code filter}) as a rule's {@code filter}, when it parses. */
final class Filters {
    private Filters() {
    }

    /**
     * {@code condition}, checked to be one {@link RowFilter} reads; null stays null.
     *
     * @throws NotMapped naming the tool's key and why, when it is not
     */
    static String checked(String key, String condition) {
        if (condition == null) {
            return null;
        }
        try {
            RowFilter.parse(condition);
            return condition;
        } catch (IllegalArgumentException e) {
            throw new NotMapped(key + ": " + e.getMessage());
        }
    }

    /**
     * A Great Expectations {@code row_condition} in SQL's {@code WHERE} syntax, for the parsers whose meaning is
     * plain: {@code pandas} ({@code amount>0 & status=="shipped"}, as {@code DataFrame.query} reads it) and
     * {@code spark} / {@code great_expectations__experimental__} ({@code col("amount")>0}). Comparisons of a column
     * with a number or a quoted string, {@code &}, {@code |} and parentheses translate; {@code a != v} becomes
     * {@code (a <> v OR a IS NULL)}, because pandas keeps a missing value there and SQL does not. Anything else
     * ({@code ~}, methods such as {@code .isnull()}, arithmetic, another parser) is refused, never guessed.
     *
     * @throws NotMapped naming what does not translate
     */
    static String fromGreatExpectations(String condition, String parser) {
        if (!List.of("pandas", "spark", "great_expectations__experimental__").contains(parser)) {
            throw new NotMapped("condition_parser: '" + parser + "' is not one MarketLink reads");
        }
        StringBuilder out = new StringBuilder();
        String pendingColumn = null;
        int i = 0;
        int n = condition.length();
        while (i < n) {
            char c = condition.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (condition.startsWith("col(", i) && !parser.equals("pandas")) {
                int close = condition.indexOf(')', i);
                if (close < 0) {
                    throw new NotMapped("row_condition: col( without its )");
                }
                String inner = condition.substring(i + 4, close).strip();
                pendingColumn = column(unquote(inner));
                out.append(pendingColumn);
                i = close + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(condition.charAt(end)) || condition.charAt(end) == '_')) {
                    end++;
                }
                if (end < n && (condition.charAt(end) == '.' || condition.charAt(end) == '(')) {
                    throw new NotMapped("row_condition: methods and functions do not translate ("
                            + condition.substring(i, end) + condition.charAt(end) + ")");
                }
                pendingColumn = column(condition.substring(i, end));
                out.append(pendingColumn);
                i = end;
            } else if (Character.isDigit(c) || (c == '-' || c == '.') && i + 1 < n
                    && Character.isDigit(condition.charAt(i + 1))) {
                int end = i + 1;
                while (end < n) {
                    char d = condition.charAt(end);
                    if (Character.isDigit(d) || d == '.') {
                        end++;
                    } else if ((d == 'e' || d == 'E') && end + 1 < n) {
                        end += condition.charAt(end + 1) == '-' || condition.charAt(end + 1) == '+' ? 2 : 1;
                    } else {
                        break;
                    }
                }
                out.append(' ').append(condition, i, end).append(' ');
                i = end;
            } else if (c == '"' || c == '\'') {
                int close = condition.indexOf(c, i + 1);
                if (close < 0) {
                    throw new NotMapped("row_condition: a string without its closing quote");
                }
                out.append(" '").append(condition.substring(i + 1, close).replace("'", "''")).append("' ");
                i = close + 1;
            } else if (condition.startsWith("==", i)) {
                out.append(" = ");
                i += 2;
            } else if (condition.startsWith("!=", i)) {
                // pandas keeps a missing value for !=, SQL's <> does not: the null is kept explicitly
                if (pendingColumn == null || out.toString().strip().endsWith(")")) {
                    throw new NotMapped("row_condition: != needs a column on its left");
                }
                int at = out.lastIndexOf(pendingColumn);
                int valueEnd = valueEnd(condition, i + 2);
                String value = fromGreatExpectations(condition.substring(i + 2, valueEnd), parser).strip();
                out.replace(at, out.length(), "(" + pendingColumn + " <> " + value + " OR " + pendingColumn
                        + " IS NULL)");
                i = valueEnd;
            } else if (condition.startsWith("<=", i) || condition.startsWith(">=", i)) {
                out.append(' ').append(condition, i, i + 2).append(' ');
                i += 2;
            } else if (c == '<' || c == '>') {
                out.append(' ').append(c).append(' ');
                i++;
            } else if (c == '&') {
                out.append(" AND ");
                i += i + 1 < n && condition.charAt(i + 1) == '&' ? 2 : 1;
            } else if (c == '|') {
                out.append(" OR ");
                i += i + 1 < n && condition.charAt(i + 1) == '|' ? 2 : 1;
            } else if (c == '(' || c == ')') {
                out.append(c);
                i++;
            } else {
                throw new NotMapped("row_condition: '" + c + "' does not translate");
            }
        }
        return tidy(out.toString());
    }

    /** One space between tokens, none inside parentheses' edges; quoted text is left as it is. */
    private static String tidy(String sql) {
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted; // '' inside a string toggles twice and stays inside
            }
            if (!quoted && c == ' ') {
                char last = b.length() == 0 ? '(' : b.charAt(b.length() - 1);
                char next = i + 1 < sql.length() ? sql.charAt(i + 1) : ')';
                if (last == ' ' || last == '(' || next == ' ' || next == ')') {
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String column(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new NotMapped("row_condition: '" + name + "' is not a plain column name");
        }
        if (List.of("and", "or", "not", "in", "is", "True", "False", "None").contains(name)) {
            throw new NotMapped("row_condition: the word '" + name + "' does not translate; use & and |");
        }
        return name;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)
                ? s.substring(1, s.length() - 1) : s;
    }

    /** Where the value after an operator ends: at the next &, | or closing parenthesis outside quotes. */
    private static int valueEnd(String condition, int from) {
        char quote = 0;
        for (int i = from; i < condition.length(); i++) {
            char c = condition.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '&' || c == '|' || c == ')') {
                return i;
            }
        }
        return condition.length();
    }
}
