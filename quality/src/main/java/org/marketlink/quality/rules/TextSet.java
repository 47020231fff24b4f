package org.marketlink.quality.rules;

import java.io.Serializable;
import java.util.Collection;

/**
 * A fixed set of strings for the membership test of {@code inSet} on text, probed by the strings' own cached hash
 * codes in one open-addressing array: a lookup is a hash, an identity or length-and-equals check, without
 * {@link java.util.HashMap}'s node indirection. Immutable and thread-safe.
 */
final class TextSet implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String[] table;
    private final int mask;

    TextSet(Collection<String> values) {
        int slots = Integer.highestOneBit(Math.max(4, values.size() * 4 - 1)) << 1;
        table = new String[slots];
        mask = slots - 1;
        for (String v : values) {
            int slot = spread(v.hashCode()) & mask;
            while (table[slot] != null && !table[slot].equals(v)) {
                slot = (slot + 1) & mask;
            }
            table[slot] = v;
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    boolean contains(String s) {
        int slot = spread(s.hashCode()) & mask;
        String k;
        while ((k = table[slot]) != null) {
            if (k == s || k.equals(s)) {
                return true;
            }
            slot = (slot + 1) & mask;
        }
        return false;
    }
}
