package org.marketlink.core.privacy;

import org.marketlink.core.data.Field;
import org.marketlink.core.data.Personal;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;

import java.lang.reflect.RecordComponent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern JSON_MEMBER = Pattern.compile(
            // possessive throughout: a long member value is one run, not one regex frame per character
            "\"([^\"\\\\]++)\"(\\s*+:\\s*+)(\"(?:[^\"\\\\]++|\\\\.)*+\"|[^,}\\]\\s]++)");

    private Masking() {
    }

    /** {@code value} as text, or {@link #MASK} when the field holds personal data. */
    public static String show(Field field, Object value) {
        return field.shown(value);
    }

    /**
     * Whether the {@code column} of a row-like value holds personal data: a field of a {@link Row}'s schema, or a
     * component of a record annotated {@link Personal}. Anything else carries no such knowledge: false.
     */
    public static boolean isPersonal(Object value, String column) {
        if (column == null || column.isEmpty()) {
            return false;
        }
        if (value instanceof Row row) {
            return row.schema().isPersonal(column);
        }
        if (value instanceof Record record) {
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                if (c.getName().equals(column)) {
                    return c.isAnnotationPresent(Personal.class);
                }
            }
        }
        return false;
    }

    /**
     * Whether a row-like value may hold personal data: a {@link Row} whose schema has a personal field, or a record
     * with a {@link Personal} component. Text that quotes such a value (an exception's message) is withheld.
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
        if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.isAnnotationPresent(Personal.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A row-like value as text for people: records with their {@link Personal} components masked; anything else by
     * its own {@code toString} (rows mask their personal fields themselves). For rejected rows and samples, not for
     * hot paths.
     */
    public static String render(Object value) {
        if (value instanceof Record r) {
            StringBuilder out = new StringBuilder(r.getClass().getSimpleName()).append('[');
            RecordComponent[] components = r.getClass().getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                out.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=');
                if (components[i].isAnnotationPresent(Personal.class)) {
                    out.append(MASK);
                    continue;
                }
                Object v;
                try {
                    components[i].getAccessor().setAccessible(true);
                    v = components[i].getAccessor().invoke(r);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    v = "?";
                }
                out.append(v);
            }
            return out.append(']').toString();
        }
        return String.valueOf(value);
    }

    /**
     * A line of JSON text with the values of the schema's personal members masked, for quarantining lines that did
     * not parse (best effort: members are found by pattern, since the line is not valid JSON).
     */
    public static String maskJson(String line, Schema schema) {
        Matcher m = JSON_MEMBER.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = schema.isPersonal(m.group(1))
                    ? "\"" + m.group(1) + "\"" + m.group(2) + "\"" + MASK + "\"" : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
