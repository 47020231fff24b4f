package org.marketlink.quality.sql;

/** The characters the in-memory engine calls white space ({@link Character#isWhitespace}), for SQL's trim. */
final class Blank {
    /** Every code point for which {@link Character#isWhitespace} holds (all are in the Basic Multilingual Plane). */
    static final String WHITESPACE = whitespace();

    private Blank() {
    }

    private static String whitespace() {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (Character.isWhitespace(c)) {
                s.appendCodePoint(c);
            }
        }
        return s.toString();
    }
}
