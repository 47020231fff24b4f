package org.marketlink.core.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chunks of values keyed by run and chunk index: a chunk written again (a retry) replaces itself, chunks of
 * different runs never replace each other. Thread-safe.
 */
final class ChunkedList<T> {
    private final Map<String, TreeMap<Long, List<T>>> runs = new LinkedHashMap<>();

    synchronized void put(ChunkKey key, List<T> values) {
        runs.computeIfAbsent(key.runId(), r -> new TreeMap<>()).put(key.index(), List.copyOf(values));
    }

    synchronized List<T> all() {
        List<T> out = new ArrayList<>();
        runs.values().forEach(chunks -> chunks.values().forEach(out::addAll));
        return Collections.unmodifiableList(out);
    }
}
