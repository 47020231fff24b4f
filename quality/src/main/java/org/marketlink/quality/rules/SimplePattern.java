package org.marketlink.quality.rules;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole-value match for the regular expressions data checks mostly are ({@code C\d+}, {@code [A-Z]{2}-\d{4}},
 * {@code [a-z]+}), without {@link java.util.regex}'s backtracking machinery: a sequence of atoms (a literal, a class
 * such as {@code [a-z0-9_]}, {@code [^,]}, {@code \d}, {@code \w}, {@code \s} or {@code .}), each with a greedy
 * quantifier ({@code ?}, {@code *}, {@code +}, {@code {n}}, {@code {n,}}, {@code {n,m}}), matched left to right in
 * one pass. {@link #compile} accepts a pattern only when that one pass is exact: when no atom that may repeat or be
 * left out can match a character that an atom which may come next could match, giving back characters could never
 * lead to another match, so greedy matching answers as {@link java.util.regex.Matcher#matches} does. Every other
 * pattern (alternation, groups, anchors, flags, back-references, non-ASCII members, overlapping atoms such as
 * {@code .*x}) is refused and left to {@code java.util.regex}. Characters are Unicode code points, as Java's are.
 * Immutable and thread-safe; serializable with the rule that holds it.
 */
final class SimplePattern implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The atoms, flattened for the matching loop: their ASCII bit sets, what they match beyond, their bounds. */
    private final long[] lows;
    private final long[] highs;
    private final CharSet[] sets;
    private final int[] mins;
    private final int[] maxs;

    private SimplePattern(Atom[] atoms) {
        int n = atoms.length;
        lows = new long[n];
        highs = new long[n];
        sets = new CharSet[n];
        mins = new int[n];
        maxs = new int[n];
        for (int i = 0; i < n; i++) {
            lows[i] = atoms[i].set.low;
            highs[i] = atoms[i].set.high;
            sets[i] = atoms[i].set;
            mins[i] = atoms[i].min;
            maxs[i] = atoms[i].max;
        }
    }

    /** Which code points an atom matches: ASCII as two bit sets, beyond ASCII all, none, or all but line ends. */
    private record CharSet(long low, long high, int beyond) implements Serializable {
        static final int NONE = 0;
        static final int ALL = 1;
        static final int ALL_BUT_LINE_ENDS = 2;

        boolean has(int c) {
            if (c < 64) {
                return (low >>> c & 1) != 0;
            }
            if (c < 128) {
                return (high >>> (c - 64) & 1) != 0;
            }
            return beyond == ALL || beyond == ALL_BUT_LINE_ENDS && c != 0x85 && c != 0x2028 && c != 0x2029;
        }

        boolean overlaps(CharSet o) {
            return (low & o.low) != 0 || (high & o.high) != 0 || beyond != NONE && o.beyond != NONE;
        }

        CharSet with(CharSet o) {
            return new CharSet(low | o.low, high | o.high, Math.max(beyond, o.beyond));
        }

        CharSet negated() {
            return new CharSet(~low, ~high, beyond == NONE ? ALL : NONE);
        }

        static CharSet of(int c) {
            return c < 64 ? new CharSet(1L << c, 0, NONE) : new CharSet(0, 1L << (c - 64), NONE);
        }

        static CharSet range(int from, int to) {
            CharSet s = new CharSet(0, 0, NONE);
            for (int c = from; c <= to; c++) {
                s = s.with(of(c));
            }
            return s;
        }
    }

    private record Atom(CharSet set, int min, int max) implements Serializable {
    }

    private static final CharSet DIGIT = CharSet.range('0', '9');
    private static final CharSet WORD = DIGIT.with(CharSet.range('a', 'z')).with(CharSet.range('A', 'Z'))
            .with(CharSet.of('_'));
    private static final CharSet SPACE = CharSet.of(' ').with(CharSet.range('\t', '\r'));
    /** Java's {@code .} without flags: every code point but the line terminators. */
    private static final CharSet DOT = new CharSet(~(1L << '\n' | 1L << '\r'), -1L, CharSet.ALL_BUT_LINE_ENDS);

    /**
     * The pattern, when it is of the kind one greedy pass matches exactly; otherwise null.
     *
     * @param regex a {@link java.util.regex.Pattern} that compiles
     */
    static SimplePattern compile(String regex) {
        List<Atom> atoms = new ArrayList<>();
        int[] at = {0};
        while (at[0] < regex.length()) {
            CharSet set = atom(regex, at);
            if (set == null) {
                return null;
            }
            int[] bounds = quantifier(regex, at);
            if (bounds == null) {
                return null;
            }
            atoms.add(new Atom(set, bounds[0], bounds[1]));
        }
        Atom[] a = atoms.toArray(new Atom[0]);
        for (int i = 0; i < a.length; i++) {
            if (a[i].min == a[i].max) {
                continue;
            }
            // the atoms that may follow a variable one: the next, and past it while they may be left out
            for (int j = i + 1; j < a.length; j++) {
                if (a[i].set.overlaps(a[j].set)) {
                    return null;
                }
                if (a[j].min > 0) {
                    break;
                }
            }
        }
        return new SimplePattern(a);
    }

    private static CharSet atom(String r, int[] at) {
        char c = r.charAt(at[0]++);
        switch (c) {
            case '.':
                return DOT;
            case '[':
                return charClass(r, at);
            case '\\':
                return escape(r, at, false);
            default:
                if (c >= 128 || "()|^$*+?{}]".indexOf(c) >= 0) {
                    return null;
                }
                return CharSet.of(c);
        }
    }

    /** {@code \d}, {@code \w}, {@code \s} or an escaped ASCII punctuation mark; null for anything else. */
    private static CharSet escape(String r, int[] at, boolean inClass) {
        if (at[0] >= r.length()) {
            return null;
        }
        char c = r.charAt(at[0]++);
        return switch (c) {
            case 'd' -> DIGIT;
            case 'w' -> WORD;
            case 's' -> SPACE;
            case 'D' -> inClass ? null : DIGIT.negated();
            case 'W' -> inClass ? null : WORD.negated();
            case 'S' -> inClass ? null : SPACE.negated();
            case 't' -> CharSet.of('\t');
            case 'n' -> CharSet.of('\n');
            default -> c < 128 && !Character.isLetterOrDigit(c) ? CharSet.of(c) : null;
        };
    }

    private static CharSet charClass(String r, int[] at) {
        boolean negated = at[0] < r.length() && r.charAt(at[0]) == '^';
        if (negated) {
            at[0]++;
        }
        CharSet set = new CharSet(0, 0, CharSet.NONE);
        boolean first = true;
        while (at[0] < r.length()) {
            char c = r.charAt(at[0]++);
            if (c == ']') {
                return first ? null : negated ? set.negated() : set;
            }
            first = false;
            CharSet member;
            int single = -1;
            if (c == '\\') {
                int before = at[0];
                member = escape(r, at, true);
                if (member == null) {
                    return null;
                }
                char e = r.charAt(before);
                single = "dws".indexOf(e) >= 0 ? -1 : (e == 't' ? '\t' : e == 'n' ? '\n' : e);
            } else if (c >= 128 || c == '[' || c == '&' || c == ']') {
                return null; // nested classes and intersections are not simple
            } else {
                member = CharSet.of(c);
                single = c;
            }
            if (single >= 0 && at[0] + 1 < r.length() && r.charAt(at[0]) == '-' && r.charAt(at[0] + 1) != ']') {
                at[0]++;
                char to = r.charAt(at[0]++);
                if (to == '\\' || to >= 128 || to < single) {
                    return null;
                }
                member = CharSet.range(single, to);
            }
            set = set.with(member);
        }
        return null;
    }

    /** The {min, max} of the quantifier at {@code at} ({1, 1} when there is none); null for lazy or possessive. */
    private static int[] quantifier(String r, int[] at) {
        if (at[0] >= r.length()) {
            return new int[] {1, 1};
        }
        int[] bounds;
        char c = r.charAt(at[0]);
        switch (c) {
            case '?' -> bounds = new int[] {0, 1};
            case '*' -> bounds = new int[] {0, Integer.MAX_VALUE};
            case '+' -> bounds = new int[] {1, Integer.MAX_VALUE};
            case '{' -> {
                int close = r.indexOf('}', at[0]);
                if (close < 0) {
                    return null;
                }
                String[] parts = r.substring(at[0] + 1, close).split(",", -1);
                try {
                    int min = Integer.parseInt(parts[0]);
                    int max = parts.length == 1 ? min : parts[1].isEmpty() ? Integer.MAX_VALUE
                            : Integer.parseInt(parts[1]);
                    if (parts.length > 2 || min < 0 || max < min) {
                        return null;
                    }
                    bounds = new int[] {min, max};
                } catch (NumberFormatException e) {
                    return null;
                }
                at[0] = close;
            }
            default -> {
                return new int[] {1, 1};
            }
        }
        at[0]++;
        if (at[0] < r.length() && (r.charAt(at[0]) == '?' || r.charAt(at[0]) == '+')) {
            return null;
        }
        return bounds;
    }

    /**
     * Whether the whole of {@code s} matches. The loop for ASCII text counts characters, which are then code points,
     * with one bound per atom and no per-character count; the first character beyond ASCII hands the value to
     * {@link #matchesCodePoints}, which counts code points.
     */
    boolean matches(String s) {
        int pos = 0;
        int n = s.length();
        for (int a = 0; a < lows.length; a++) {
            long low = lows[a];
            long high = highs[a];
            int max = maxs[a];
            int end = max >= n - pos ? n : pos + max;
            int start = pos;
            while (pos < end) {
                char c = s.charAt(pos);
                if (c >= 128) {
                    return matchesCodePoints(s);
                }
                if (((c < 64 ? low >>> c : high >>> (c - 64)) & 1) == 0) {
                    break;
                }
                pos++;
            }
            if (pos - start < mins[a]) {
                return false;
            }
        }
        return pos == n;
    }

    /**
     * Whether the whole of the UTF-8 text {@code bytes[from..to)} matches: {@link #matches(String)} on bytes held
     * {@link org.marketlink.core.data.ColumnBatch#inline inline}, with the same ASCII fast path; the first byte
     * beyond ASCII decodes the value and hands it to {@link #matchesCodePoints}.
     */
    boolean matches(byte[] bytes, int from, int to) {
        int pos = from;
        for (int a = 0; a < lows.length; a++) {
            long low = lows[a];
            long high = highs[a];
            int max = maxs[a];
            int end = max >= to - pos ? to : pos + max;
            int start = pos;
            while (pos < end) {
                int c = bytes[pos];
                if (c < 0) {
                    return matchesCodePoints(new String(bytes, from, to - from, StandardCharsets.UTF_8));
                }
                if (((c < 64 ? low >>> c : high >>> (c - 64)) & 1) == 0) {
                    break;
                }
                pos++;
            }
            if (pos - start < mins[a]) {
                return false;
            }
        }
        return pos == to;
    }

    /** Whether the whole of {@code s} matches, counting code points: for text beyond ASCII. */
    boolean matchesCodePoints(String s) {
        int pos = 0;
        int n = s.length();
        for (int a = 0; a < lows.length; a++) {
            long low = lows[a];
            long high = highs[a];
            int max = maxs[a];
            int count = 0;
            while (count < max && pos < n) {
                char c = s.charAt(pos);
                if (c < 128) {
                    // ASCII, the usual case: one bit test
                    if (((c < 64 ? low >>> c : high >>> (c - 64)) & 1) == 0) {
                        break;
                    }
                    pos++;
                } else {
                    int cp = Character.isHighSurrogate(c) && pos + 1 < n ? s.codePointAt(pos) : c;
                    if (!sets[a].has(cp)) {
                        break;
                    }
                    pos += Character.charCount(cp);
                }
                count++;
            }
            if (count < mins[a]) {
                return false;
            }
        }
        return pos == n;
    }
}
