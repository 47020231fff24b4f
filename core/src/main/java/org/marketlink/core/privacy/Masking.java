package org.marketlink.core.privacy;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.Personal;
import org.marketlink.core.data.PersonalTypes;
import org.marketlink.core.data.RecordRows;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the library shows values to people without showing personal data: pure functions of a field (or a record
 * component) and a value. What is personal is a property of the data's schema ({@link Field#personal()}, set by
 * {@link Schema#withPersonal}, by the {@link Personal} annotation on record components, or by a catalog that
 * describes the data), never a list kept by the JVM, so masking is the same on every machine the schema travels to.
 *
 * <p>Stateless and thread-safe.
 */
public final class Masking {
    /** What a masked value is shown as ({@link Field#MASK}). */
    public static final String MASK = Field.MASK;

    /** Nesting deeper than this is shown as {@code …} (a value that contains itself would never end). */
    private static final int MAX_DEPTH = 16;

    private Masking() {
    }

    /** {@code value} as text, or {@link #MASK} when the field holds personal data. */
    public static String show(Field field, Object value) {
        return field.shown(value);
    }

    /**
     * Whether the {@code column} of a row-like value holds personal data: a field of a {@link Row}'s schema, or a
     * component of a record that is {@link Personal} or holds personal data inside it. A dotted column
     * ({@code address.street}) is followed through nested records. Anything else carries no such knowledge: false.
     */
    public static boolean isPersonal(Object value, String column) {
        if (column == null || column.isEmpty()) {
            return false;
        }
        if (value instanceof Row row) {
            return row.schema().isPersonal(column) || row.schema().isPersonal(head(column));
        }
        return value instanceof Record record && isPersonal(record.getClass(), column);
    }

    private static String head(String column) {
        int dot = column.indexOf('.');
        return dot < 0 ? column : column.substring(0, dot);
    }

    /**
     * Per record class, its components, their readers ({@link RecordRows#componentReaders}; null where they cannot
     * be had) and which are marked {@link Personal}: read once, since asking the class again for every rejected row
     * had cost more than the rest of a run's work on it.
     */
    private record Components(RecordComponent[] components, List<Function<Object, Object>> readers,
                              boolean[] marked) {
    }

    private static final ClassValue<Components> COMPONENTS = new ClassValue<>() {
        @Override
        protected Components computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            boolean[] marked = new boolean[components.length];
            for (int i = 0; i < components.length; i++) {
                marked[i] = components[i].isAnnotationPresent(Personal.class);
            }
            List<Function<Object, Object>> readers;
            try {
                readers = RecordRows.componentReaders(type.asSubclass(Record.class));
            } catch (RuntimeException closed) {
                readers = null; // not readable from here: every value shown as "?"
            }
            return new Components(components, readers, marked);
        }
    };

    private static boolean isPersonal(Class<?> type, String column) {
        String name = head(column);
        Components known = COMPONENTS.get(type);
        for (int i = 0; i < known.components().length; i++) {
            RecordComponent c = known.components()[i];
            if (c.getName().equals(name)) {
                if (known.marked()[i]) {
                    return true;
                }
                if (name.length() == column.length()) {
                    return PersonalTypes.holdsPersonal(c.getGenericType());
                }
                return c.getType().isRecord() && isPersonal(c.getType(), column.substring(name.length() + 1));
            }
        }
        return false;
    }

    /**
     * Whether a row-like value may hold personal data: a {@link Row} whose schema has a personal field, or a record
     * with a personal component at any depth ({@link PersonalTypes}). Text that quotes such a value (an exception's
     * message) is withheld.
     */
    public static boolean mayHoldPersonal(Object value) {
        if (value instanceof Row row) {
            for (Field f : row.schema().fields()) {
                if (f.personal()) {
                    return true;
                }
            }
            return false;
        }
        return value instanceof Record r && PersonalTypes.holdsPersonal(r.getClass());
    }

    /**
     * A row-like value as text for people: records with their {@link Personal} components masked, at any depth
     * (records inside records, lists, sets, maps and {@code Optional}s); a {@link Row} as a JSON object of its fields
     * in schema order, personal fields as {@code "***"}, so a quarantined row reads as data with its field names, not
     * as a Java {@code toString}; anything else by its own {@code toString}. For rejected rows and samples, not for
     * hot paths.
     */
    public static String render(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, 0);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value, int depth) {
        if (depth > MAX_DEPTH && (value instanceof Record || value instanceof Iterable<?> || value instanceof Map<?, ?>
                || value instanceof Optional<?>)) {
            out.append('…');
        } else if (value instanceof Row row) {
            appendJson(out, row, depth);
        } else if (value instanceof Record r) {
            out.append(r.getClass().getSimpleName()).append('[');
            Components known = COMPONENTS.get(r.getClass());
            RecordComponent[] components = known.components();
            for (int i = 0; i < components.length; i++) {
                out.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=');
                if (known.marked()[i]) {
                    out.append(MASK);
                    continue;
                }
                Object v;
                try {
                    v = known.readers() == null ? "?" : known.readers().get(i).apply(r);
                } catch (RuntimeException e) {
                    v = "?";
                }
                append(out, v, depth + 1);
            }
            out.append(']');
        } else if (value instanceof Optional<?> o) {
            if (o.isEmpty()) {
                out.append("Optional.empty");
            } else {
                append(out.append("Optional["), o.get(), depth + 1);
                out.append(']');
            }
        } else if (value instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.append(first ? "" : ", ");
                first = false;
                append(out, e.getKey(), depth + 1);
                append(out.append('='), e.getValue(), depth + 1);
            }
            out.append('}');
        } else if (value instanceof Collection<?> c) {
            out.append('[');
            boolean first = true;
            for (Object e : c) {
                out.append(first ? "" : ", ");
                first = false;
                append(out, e, depth + 1);
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }

    private static void appendJson(StringBuilder out, Row row, int depth) {
        out.append('{');
        Schema schema = row.schema();
        for (int i = 0; i < schema.size(); i++) {
            Field field = schema.field(i);
            quote(out.append(i == 0 ? "" : ", "), field.name()).append(": ");
            Object v = row.get(i);
            if (field.personal()) {
                quote(out, MASK);
            } else if (v == null || v instanceof Boolean) {
                out.append(v);
            } else if (v instanceof Number number && isFinite(number)) {
                out.append(number);
            } else {
                StringBuilder text = new StringBuilder();
                append(text, v, depth + 1);
                quote(out, text);
            }
        }
        out.append('}');
    }

    private static boolean isFinite(Number n) {
        return !(n instanceof Double d && !Double.isFinite(d)) && !(n instanceof Float f && !Float.isFinite(f));
    }

    /** {@code text} as a JSON string, escaped by jackson-core's encoder (RFC 8259). */
    private static StringBuilder quote(StringBuilder out, CharSequence text) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        return out.append('"');
    }

    /**
     * A line of JSON text with the values of the schema's personal members masked, for quarantining lines that did
     * not parse. The line is scanned, not parsed (it is not valid JSON): every {@code "name":} at any depth whose
     * name is a personal field of {@code schema} has its whole value replaced by {@code "***"} — a string, a number,
     * or a nested object or array up to its matching bracket (or the end of a damaged line). One pass, no
     * backtracking, whatever the line holds.
     */
    public static String maskJson(String line, Schema schema) {
        StringBuilder out = new StringBuilder(line.length());
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c != '"') {
                out.append(c);
                i++;
                continue;
            }
            int end = endOfString(line, i);
            out.append(line, i, end);
            int colon = skipSpaces(line, end);
            if (colon < n && line.charAt(colon) == ':' && end - i >= 2
                    && schema.isPersonal(line.substring(i + 1, end - 1))) {
                int valueStart = skipSpaces(line, colon + 1);
                out.append(line, end, valueStart).append('"').append(MASK).append('"');
                i = endOfValue(line, valueStart);
            } else {
                i = end;
            }
        }
        return out.toString();
    }

    /** The index just past the string that opens at {@code start}, or the end of the line if it never closes. */
    private static int endOfString(String line, int start) {
        int i = start + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return line.length();
    }

    private static int skipSpaces(String line, int i) {
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index just past the JSON value that starts at {@code start}: a string, a bracketed value or a scalar. */
    private static int endOfValue(String line, int start) {
        int n = line.length();
        if (start >= n) {
            return n;
        }
        char first = line.charAt(start);
        if (first == '"') {
            return endOfString(line, start);
        }
        if (first == '{' || first == '[') {
            int depth = 0;
            int i = start;
            while (i < n) {
                char c = line.charAt(i);
                if (c == '"') {
                    i = endOfString(line, i);
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return i + 1;
                }
                i++;
            }
            return n;
        }
        int i = start;
        while (i < n && ",}] \t\r\n".indexOf(line.charAt(i)) < 0) {
            i++;
        }
        return i;
    }
}
