package org.marketlink.core.pipeline.normalize;

import java.text.Normalizer;
import java.util.Locale;

/** Cleans names: Unicode NFC, surrounding space removed, inner white space collapsed to one space. Thread-safe. */
public final class Names {
    private Names() {
    }

    /** The text in Unicode NFC, runs of white space collapsed to one space and stripped; empty for null. */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        boolean space = false;
        for (int i = 0; i < nfc.length(); i++) {
            char c = nfc.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@link #clean} and then lower case, for keys that must match regardless of how they were typed. */
    public static String key(String text) {
        return clean(text).toLowerCase(Locale.ROOT);
    }
}
