package org.marketlink.core.privacy;

import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The column and field names that hold personal data, which the library never prints: rows and records rendered for
 * quarantine, exception messages, quality samples and top values show {@value #MASK} in their place. Names match
 * regardless of case and underscores ({@code contact_phone} is {@code contactPhone}). Starts with the marketplace's own
 * PII columns (those {@code Catalog.builtIn()} marks); {@code Catalog.registerPii()} adds a host's. Thread-safe.
 */
public final class PiiColumns {
    /** What a masked value is shown as. */
    public static final String MASK = "***";

    /**
     * The marketplace's PII columns as the built-in catalog marks them, plus {@code contact} (the record component
     * holding them). Masking works by name across all data, so the buyers' {@code place}, {@code latitude} and
     * {@code longitude} also hide market locations in quarantine and samples: a location that is not personal data
     * is masked rather than a sole trader's address shown.
     */
    public static final Set<String> DEFAULTS = Set.of("contact_person", "contact_phone", "contact_email",
            "bank_details", "delivery_address", "feedback", "initial_message", "payment_terms", "contact", "place",
            "latitude", "longitude");

    private static final Set<String> NAMES = new CopyOnWriteArraySet<>();

    static {
        DEFAULTS.forEach(PiiColumns::register);
    }

    private PiiColumns() {
    }

    /** Marks a column name as personal data, from now on, everywhere in this JVM. */
    public static void register(String column) {
        if (column != null && !column.isBlank()) {
            NAMES.add(normalise(column));
        }
    }

    /** Whether values of this column are personal data. */
    public static boolean isPii(String column) {
        return column != null && NAMES.contains(normalise(column));
    }

    /** {@code value} as text, or {@link #MASK} when the column is personal data. */
    public static String show(String column, Object value) {
        return isPii(column) ? MASK : String.valueOf(value);
    }

    /**
     * A row-like value as text for people: records with their PII components masked; anything else by its own
     * {@code toString} (library rows mask themselves). For rejected rows and samples, not for hot paths.
     */
    public static String render(Object value) {
        if (value instanceof Record r) {
            StringBuilder out = new StringBuilder(r.getClass().getSimpleName()).append('[');
            RecordComponent[] components = r.getClass().getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                Object v;
                try {
                    components[i].getAccessor().setAccessible(true);
                    v = components[i].getAccessor().invoke(r);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    v = "?";
                }
                out.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=')
                        .append(show(components[i].getName(), v));
            }
            return out.append(']').toString();
        }
        return String.valueOf(value);
    }

    private static final java.util.regex.Pattern JSON_MEMBER = java.util.regex.Pattern.compile(
            "\"([^\"\\\\]+)\"(\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]\\s]+)");

    /**
     * A line of JSON text with the values of personal-data members masked, for quarantining lines that did not parse
     * (best effort: members are found by pattern, since the line is not valid JSON).
     */
    public static String maskJson(String line) {
        java.util.regex.Matcher m = JSON_MEMBER.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = isPii(m.group(1)) ? "\"" + m.group(1) + "\"" + m.group(2) + "\"" + MASK + "\""
                    : m.group();
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String normalise(String column) {
        return column.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
