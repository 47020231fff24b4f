package org.marketlink.store.matching;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first message of a match, with placeholders in braces: {@code {shg}}, {@code {buyer}}, {@code {place}} (the
 * group's place or region), {@code {category}} (the group's category) and {@code {score}} (as a percentage). Unknown
 * placeholders are rejected when the template is made, not when a message is sent. Immutable and thread-safe.
 */
public final class MessageTemplate {
    /** The placeholders a template may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("shg", "buyer", "place", "category", "score");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private final String text;

    private MessageTemplate(String text) {
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException when the text is blank or names a placeholder not in {@link #PLACEHOLDERS}
     */
    public static MessageTemplate of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("template text must not be blank");
        }
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown placeholder(s) " + unknown + " in template '" + text
                    + "'; known: " + PLACEHOLDERS);
        }
        return new MessageTemplate(text);
    }

    /** A plain introduction. */
    public static MessageTemplate introduction() {
        return of("Namaste {buyer}, {shg} from {place} produces {category} that fits what you buy "
                + "(match {score}). Would you like to connect?");
    }

    /** The message with every placeholder replaced by its value from {@code values}. */
    public String render(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The template's text, placeholders included. */
    public String text() {
        return text;
    }
}
