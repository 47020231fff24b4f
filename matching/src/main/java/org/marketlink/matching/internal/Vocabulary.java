package org.marketlink.matching.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dense indices for strings (categories, certifications, measure names), assigned in first-seen order. */
public final class Vocabulary {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    public int add(String term) {
        Integer known = index.get(term);
        if (known != null) {
            return known;
        }
        index.put(term, names.size());
        names.add(term);
        return names.size() - 1;
    }

    public String nameOf(int i) {
        return names.get(i);
    }

    /** The index of a term, or -1 when it was never added. */
    public int indexOf(String term) {
        Integer i = index.get(term);
        return i == null ? -1 : i;
    }

    public int size() {
        return index.size();
    }

    /** 64-bit words needed for a bit set over the vocabulary (at least 1). */
    public int words() {
        return Math.max(1, (index.size() + 63) >>> 6);
    }
}
