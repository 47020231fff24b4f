package org.marketlink.store.internal;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Database and parser errors made safe to throw and log: their own text is withheld, because it quotes row values
 * (PostgreSQL's "Failing row contains (…)" and "Key (email)=(…)", a batch entry's SQL with its literals, Jdbi's bound
 * arguments, H2's key values, Jackson's source excerpt). What is kept says what went wrong and where: the kind of
 * violation, the SQLState and vendor code, the names of the constraint, relation and column the server names in
 * its first line, and the stack trace. Stateless and thread-safe.
 */
public final class DatabaseErrors {
    /** Names in a PostgreSQL server message's first line: identifiers only, never a value. */
    private static final Pattern NAMED = Pattern.compile("(constraint|relation|column) \"([A-Za-z0-9_]{1,63})\"");

    private DatabaseErrors() {
    }

    /** A one-line reason without the database's text: for example {@code a check constraint failed [SQLState 23514, ...]}. */
    public static String describe(Throwable e) {
        SQLException sql = firstSql(e);
        if (sql == null) {
            return e.getClass().getName() + " (its message is withheld: it can quote values)";
        }
        String state = String.valueOf(sql.getSQLState());
        String kind = switch (state) {
            case "23505" -> "duplicate key";
            case "23503", "23506" -> "a referenced row does not exist";
            case "23514", "23513" -> "a check constraint failed";
            case "23502" -> "a required value is missing";
            case "22001" -> "a value is too long for its column";
            case "22003" -> "a number is out of its column's range";
            default -> "database error";
        };
        StringBuilder out = new StringBuilder(kind).append(" [SQLState ").append(state).append(", vendor code ")
                .append(sql.getErrorCode());
        Set<String> names = names(e);
        if (!names.isEmpty()) {
            out.append(", ").append(String.join(", ", names));
        }
        return out.append("; the database's message is withheld: it can quote row values]").toString();
    }

    /**
     * A stand-in for {@code e} to attach as a cause: an {@link SQLException} with {@link #describe}'s text, the
     * original SQLState, vendor code and stack trace, and no cause of its own (the original chain quotes values).
     */
    public static Exception withheld(Throwable e) {
        SQLException sql = firstSql(e);
        Exception safe = sql == null ? new IllegalStateException(describe(e))
                : new SQLException(describe(e), sql.getSQLState(), sql.getErrorCode());
        safe.setStackTrace(e.getStackTrace());
        return safe;
    }

    /** The first SQLState in the cause chain, or {@code ""}: what tells a lost race from a real failure. */
    public static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return "";
    }

    private static SQLException firstSql(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    private static Set<String> names(Throwable e) {
        Set<String> names = new LinkedHashSet<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException n = s; n != null; n = n.getNextException()) {
                    String message = n.getMessage();
                    if (message != null && message.startsWith("ERROR:")) {
                        int end = message.indexOf('\n');
                        Matcher m = NAMED.matcher(end < 0 ? message : message.substring(0, end));
                        while (m.find()) {
                            names.add(m.group(1) + " " + m.group(2));
                        }
                    }
                }
            }
        }
        return names;
    }
}
