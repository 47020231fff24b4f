package org.marketlink.store.governance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A described dataset (a table): who owns it, where it comes from, how long rows are kept, which columns are personal
 * data or encrypted, and how it holds data about each kind of data subject.
 *
 * @param name        the table's name
 * @param owner       the team or person answerable for it
 * @param description what it holds
 * @param source      where its rows come from
 * @param refresh     how often it is refreshed, in words (for example {@code daily})
 * @param retention   how long rows are kept, when they are not kept forever
 * @param columns     columns with a policy (columns not listed are neither PII nor encrypted)
 * @param subjects    how the table refers to each kind of data subject, for erase and export
 */
public record Dataset(String name, String owner, String description, String source, String refresh,
                      Optional<Retention> retention, List<Column> columns, List<SubjectLink> subjects) {
    /**
     * Checks that the name is a lower-case table name and an owner is given; fills defaults and copies the collections.
     */
    public Dataset {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("dataset name must be a lower-case table name, was '" + name + "'");
        }
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("dataset " + name + " needs an owner");
        }
        description = description == null ? "" : description;
        source = source == null ? "" : source;
        refresh = refresh == null ? "" : refresh;
        retention = retention == null ? Optional.empty() : retention;
        columns = columns == null ? List.of() : List.copyOf(columns);
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
    }

    /**
     * A column's policy.
     *
     * @param name      the column
     * @param pii       personal data: masked wherever the library prints values
     * @param encrypted stored as AES-256-GCM ciphertext with its key id beside it
     */
    public record Column(String name, boolean pii, boolean encrypted) {
        /** Checks that the name is given. */
        public Column {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("column name must not be blank");
            }
        }

        /** A column that holds personal data in clear. */
        public static Column pii(String name) {
            return new Column(name, true, false);
        }

        /** A column that holds personal data sealed by the store's field cipher. */
        public static Column encrypted(String name) {
            return new Column(name, true, true);
        }
    }

    /** What retention does with rows past their period. */
    public enum RetentionAction {
        /** The rows are deleted. */
        DELETE,
        /** The rows are handed to the archive consumer, then deleted. */
        ARCHIVE
    }

    /**
     * How long rows are kept.
     *
     * @param period     rows whose time column is older than this go
     * @param timeColumn the column holding each row's time (a timestamp or a date)
     * @param action     delete them, or hand them to an archive consumer first and then delete them
     */
    public record Retention(Duration period, @JsonProperty("time_column") String timeColumn, RetentionAction action) {
        /** Checks that the period is positive, the time column a lower-case name and the action given. */
        public Retention {
            if (period == null || period.isNegative() || period.isZero() || timeColumn == null
                    || !timeColumn.matches("[a-z][a-z0-9_]*") || action == null) {
                throw new IllegalArgumentException("retention needs a positive period, a time column and an action, "
                        + "had " + period + ", '" + timeColumn + "', " + action);
            }
        }
    }

    /** What erasing a subject does to this table's rows about them. */
    public enum EraseAction {
        /** Delete the rows. */
        DELETE,
        /** Overwrite the listed columns (for example with empty text), keeping the rows for aggregates. */
        ANONYMISE,
        /**
         * Rows found by this link belong to other subjects and depend on this one (another group's order line
         * naming this group's product): erasing would break them, so the erase is refused, naming the table and
         * the count, and nothing is changed. Not part of the subject's export.
         */
        REFUSE
    }

    /**
     * How a table refers to one kind of data subject.
     *
     * @param kind        the kind of subject, for example {@code shg}, {@code buyer} or {@code customer}
     * @param where       an SQL condition selecting the subject's rows, with the parameters {@code :subject} (the
     *                    subject's key as text) and {@code :subject_like} ({@code %key%}); written in code by the
     *                    catalog's authors only: a catalog file names columns instead ({@link Via}) and the condition
     *                    is built from checked identifiers
     * @param action      delete or anonymise
     * @param anonymise   for {@code ANONYMISE}, column to an SQL literal: {@code NULL}, a quoted string or a number
     *                    (for example {@code feedback → NULL}); never an expression
     * @param mentionedIn for a table that holds the key inside free text (rejected input): the text columns; a row is
     *                    the subject's when one of them holds the key as a whole word (no letter or digit right before
     *                    or after it), so that erasing customer {@code 123} leaves customer {@code 1234}'s rows. The
     *                    condition is then only a coarse filter; empty for ordinary links
     * @param keyColumns  with {@code mentionedIn}: the columns that identify a row, to erase exactly the rows found
     */
    public record SubjectLink(String kind, String where, EraseAction action, Map<String, String> anonymise,
                              @JsonProperty("mentioned_in") List<String> mentionedIn,
                              @JsonProperty("key_columns") List<String> keyColumns) {
        /**
         * Checks that a kind, a condition and an action are given, and the anonymised columns for {@code ANONYMISE};
         * copies the collections.
         */
        public SubjectLink {
            if (kind == null || kind.isBlank() || where == null || where.isBlank() || action == null) {
                throw new IllegalArgumentException("a subject link needs a kind, a condition and an action");
            }
            anonymise = anonymise == null ? Map.of() : Map.copyOf(anonymise);
            mentionedIn = mentionedIn == null ? List.of() : List.copyOf(mentionedIn);
            keyColumns = keyColumns == null ? List.of() : List.copyOf(keyColumns);
            if (action == EraseAction.ANONYMISE && anonymise.isEmpty()) {
                throw new IllegalArgumentException("an ANONYMISE link for " + kind + " must name the columns to overwrite");
            }
            if (mentionedIn.isEmpty() != keyColumns.isEmpty()) {
                throw new IllegalArgumentException("a link by mentions needs both its text columns and the key columns "
                        + "of a row, had " + mentionedIn + " and " + keyColumns);
            }
            for (String column : concat(anonymise.keySet(), mentionedIn, keyColumns)) {
                identifier("column", column);
            }
            for (Map.Entry<String, String> e : anonymise.entrySet()) {
                // an SQL literal, never an expression: NULL, a quoted string or a number
                if (e.getValue() == null || !SQL_LITERAL.matcher(e.getValue()).matches()) {
                    throw new IllegalArgumentException("anonymise." + e.getKey() + " must be NULL, a quoted string such "
                            + "as 'erased' or a number, was " + (e.getValue() == null ? "empty" : "'" + e.getValue()
                            + "'"));
                }
            }
        }

        private static final Pattern SQL_LITERAL = Pattern.compile("NULL|'(?:[^']++|'')*+'|-?[0-9]{1,30}(\\.[0-9]{1,30})?");

        private static String identifier(String what, String name) {
            if (name == null || !name.matches("[a-z][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException(what + " must be a plain lower-case ASCII name, was '" + name + "'");
            }
            return name;
        }

        /**
         * Where a catalog file says how a table refers to a subject: by the column that holds the subject's key, or
         * by a column that holds the key of a parent row that does ({@code via}). A file never carries SQL text:
         * a {@code where} in it is refused, and the condition is built here from checked identifiers.
         *
         * @param table  the parent table
         * @param key    the parent's column the child's {@code column} refers to
         * @param column the parent's column that holds the subject's key
         */
        public record Via(String table, String key, String column) {
            /** Checks that every name is a plain identifier. */
            public Via {
                identifier("via.table", table);
                identifier("via.key", key);
                identifier("via.column", column);
            }
        }

        /** A link as a catalog file writes it (see {@link Via}); used by {@code Catalog.fromYaml}. */
        @JsonCreator
        static SubjectLink fromFile(@JsonProperty("kind") String kind, @JsonProperty("column") String column,
                                    @JsonProperty("via") Via via, @JsonProperty("where") String where,
                                    @JsonProperty("action") EraseAction action,
                                    @JsonProperty("anonymise") Map<String, String> anonymise,
                                    @JsonProperty("mentioned_in") List<String> mentionedIn,
                                    @JsonProperty("key_columns") List<String> keyColumns) {
            if (where != null) {
                throw new IllegalArgumentException("a catalog file cannot carry SQL ('where'): name the column that "
                        + "holds the subject's key (column: customer_id), or a parent row's (column: order_id, via: "
                        + "{table: orders, key: id, column: customer_id})");
            }
            String condition;
            if (mentionedIn != null && !mentionedIn.isEmpty()) {
                SubjectLink byMentions = deleteMentions(kind, mentionedIn, keyColumns == null ? List.of() : keyColumns);
                condition = byMentions.where();
            } else {
                identifier("column", column);
                condition = via == null ? column + " = :subject"
                        : column + " IN (SELECT " + via.key() + " FROM " + via.table() + " WHERE " + via.column()
                        + " = :subject)";
            }
            return new SubjectLink(kind, condition, action == null ? EraseAction.DELETE : action, anonymise,
                    mentionedIn, keyColumns);
        }

        /** A link that deletes the rows {@code where} selects; for the catalog's authors, in code. */
        public static SubjectLink delete(String kind, String where) {
            return new SubjectLink(kind, where, EraseAction.DELETE, Map.of(), List.of(), List.of());
        }

        /**
         * Refuses the subject's erase while rows found by {@code where} exist: rows of other subjects that depend
         * on this one and would be broken by the erase (see {@link EraseAction#REFUSE}).
         *
         * @param kind  the kind of subject
         * @param where the condition, with {@code :subject} for the subject's key
         * @return the link
         */
        public static SubjectLink refuse(String kind, String where) {
            return new SubjectLink(kind, where, EraseAction.REFUSE, Map.of(), List.of(), List.of());
        }

        /**
         * Deletes the rows whose {@code textColumns} mention the subject's key as a whole word; {@code keyColumns}
         * identify a row.
         */
        public static SubjectLink deleteMentions(String kind, List<String> textColumns, List<String> keyColumns) {
            // case-insensitive: a key written in upper case (a UUID as another system prints it) is the same key
            // as text whatever the column's type: JSON columns (JSONB on PostgreSQL) have no LOWER of their own
            String where = textColumns.stream().map(c -> "LOWER(CAST(" + c + " AS VARCHAR(1000000))) LIKE "
                            + ":subject_like ESCAPE '!'")
                    .collect(Collectors.joining(" OR "));
            return new SubjectLink(kind, where, EraseAction.DELETE, Map.of(), textColumns, keyColumns);
        }

        /** Whether rows are found by mentions of the key in text (see {@code mentionedIn}). */
        public boolean byMentions() {
            return !mentionedIn.isEmpty();
        }

        /** Whether {@code text} holds {@code key} as a whole word: no letter or digit right before or after it. */
        public static boolean mentions(String text, String key) {
            if (text == null || key.isEmpty()) {
                return false;
            }
            text = text.toLowerCase(Locale.ROOT);
            key = key.toLowerCase(Locale.ROOT);
            for (int at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
                int end = at + key.length();
                boolean startsWord = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
                boolean endsWord = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
                if (startsWord && endsWord) {
                    return true;
                }
            }
            return false;
        }

        private static List<String> concat(Collection<String> a, List<String> b, List<String> c) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            all.addAll(c);
            return all;
        }
    }
}
