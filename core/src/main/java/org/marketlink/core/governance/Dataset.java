package org.marketlink.core.governance;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        public Column {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("column name must not be blank");
            }
        }

        public static Column pii(String name) {
            return new Column(name, true, false);
        }

        public static Column encrypted(String name) {
            return new Column(name, true, true);
        }
    }

    /** What retention does with rows past their period. */
    public enum RetentionAction { DELETE, ARCHIVE }

    /**
     * How long rows are kept.
     *
     * @param period     rows whose time column is older than this go
     * @param timeColumn the column holding each row's time (a timestamp or a date)
     * @param action     delete them, or hand them to an archive consumer first and then delete them
     */
    public record Retention(Duration period, @JsonProperty("time_column") String timeColumn, RetentionAction action) {
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
        ANONYMISE
    }

    /**
     * How a table refers to one kind of data subject.
     *
     * @param kind      the kind of subject, for example {@code shg}, {@code buyer} or {@code customer}
     * @param where     an SQL condition selecting the subject's rows, with the parameters {@code :subject} (the
     *                  subject's key as text) and {@code :subject_like} ({@code %key%}); catalog authors write it, never
     *                  end users
     * @param action    delete or anonymise
     * @param anonymise for {@code ANONYMISE}, column to SQL literal (for example {@code feedback → NULL})
     */
    public record SubjectLink(String kind, String where, EraseAction action, Map<String, String> anonymise) {
        public SubjectLink {
            if (kind == null || kind.isBlank() || where == null || where.isBlank() || action == null) {
                throw new IllegalArgumentException("a subject link needs a kind, a condition and an action");
            }
            anonymise = anonymise == null ? Map.of() : Map.copyOf(anonymise);
            if (action == EraseAction.ANONYMISE && anonymise.isEmpty()) {
                throw new IllegalArgumentException("an ANONYMISE link for " + kind + " must name the columns to overwrite");
            }
            for (String column : anonymise.keySet()) {
                if (!column.matches("[a-z][a-z0-9_]*")) {
                    throw new IllegalArgumentException("anonymised column must be a plain column name, was '"
                            + column + "'");
                }
            }
        }

        public static SubjectLink delete(String kind, String where) {
            return new SubjectLink(kind, where, EraseAction.DELETE, Map.of());
        }
    }
}
