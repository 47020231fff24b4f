package org.marketlink.core.pipeline;

import org.marketlink.core.Checks;
import org.marketlink.core.data.Row;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** Factories for the common stages. */
public final class Stages {
    /** Reason code of rows a {@link #filter} drops. */
    public static final String FILTERED = "FILTERED";
    /** Reason code of rows a {@link #deduplicate} drops. */
    public static final String DUPLICATE = "DUPLICATE";
    /** Reason code of an input a {@link #flatMap} turned into no rows: it is quarantined, not lost. */
    public static final String NO_OUTPUT = "NO_OUTPUT";

    private Stages() {
    }

    /** One output per input. */
    public static <I, O> Stage<I, O> map(Function<? super I, ? extends O> fn) {
        Checks.notNull("fn", fn);
        return (in, out) -> out.emit(fn.apply(in));
    }

    /**
     * Keeps inputs that pass {@code keep}; the others go to quarantine with reason {@link #FILTERED} (nothing is
     * dropped silently).
     */
    public static <T> Stage<T, T> filter(Predicate<? super T> keep, String why) {
        Checks.notNull("keep", keep);
        return (in, out) -> {
            if (keep.test(in)) {
                out.emit(in);
            } else {
                out.reject(FILTERED, "", why);
            }
        };
    }

    /** Outputs per input, as many as {@code fn} gives; an input it turns into no rows is quarantined as {@link #NO_OUTPUT}. */
    public static <I, O> Stage<I, O> flatMap(Function<? super I, ? extends Iterable<? extends O>> fn) {
        Checks.notNull("fn", fn);
        return (in, out) -> {
            boolean any = false;
            for (O o : fn.apply(in)) {
                out.emit(o);
                any = true;
            }
            if (!any) {
                out.reject(NO_OUTPUT, "", "the function made no rows of it");
            }
        };
    }

    /**
     * A validation plug point: {@code check} returns the violations of one row (empty when it is valid). A row
     * with violations goes to quarantine under the first violation's code, with all messages joined.
     */
    public static <T> Stage<T, T> validate(Function<? super T, List<Violation>> check) {
        Checks.notNull("check", check);
        return (in, out) -> {
            List<Violation> violations = check.apply(in);
            if (violations == null || violations.isEmpty()) {
                out.emit(in);
            } else {
                out.reject(violations);
            }
        };
    }

    /**
     * Drops exact duplicates (equal rows), keeping the first; memory grows with the number of distinct rows.
     */
    public static <T> Stage<T, T> distinct() {
        return new KeepFirst<>(Function.identity(), false);
    }

    /**
     * Deduplication for input already sorted (or grouped) by key: keeps the first row of each run of equal keys
     * in constant memory, however large the input.
     */
    public static <T, K> Stage<T, T> deduplicateSorted(Function<? super T, K> key) {
        Checks.notNull("key", key);
        return new Stage<>() {
            private K last;
            private boolean any;
            private long lastRow;

            @Override
            public void apply(T in, Emitter<T> out) {
                K k = key.apply(in);
                if (any && Objects.equals(k, last)) {
                    out.reject(DUPLICATE, "", "duplicate of row " + lastRow);
                } else {
                    last = k;
                    lastRow = out.rowNumber();
                    any = true;
                    out.emit(in);
                }
            }

            @Override
            public boolean stateful() {
                return true;
            }
        };
    }

    /**
     * Looks up extra data for each row through a host function, keeping the answers for the last
     * {@code cacheSize} keys used (least recently used first out), and combines it with the row. A key the lookup
     * does not know quarantines the row as {@code NOT_FOUND} (the message does not repeat the key, which may be
     * personal data). The lookup must be thread-safe; it is called once per key while the key is cached, and
     * look-ups of keys not yet cached are serialised. For a slow or shared lookup, hand in a host cache (for
     * example a Caffeine {@code LoadingCache::get}) with a {@code cacheSize} of 0.
     */
    public static <T, K, V, O> Stage<T, O> enrich(Function<? super T, K> key,
                                                  Function<? super K, Optional<V>> lookup,
                                                  BiFunction<? super T, ? super V, ? extends O> combine,
                                                  long cacheSize) {
        Checks.notNull("key", key);
        Checks.notNull("lookup", lookup);
        Checks.notNull("combine", combine);
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cacheSize must be >= 0, was " + cacheSize);
        }
        RecentlyUsed<K, Optional<V>> cache = new RecentlyUsed<>(cacheSize);
        return (in, out) -> {
            K k = key.apply(in);
            Optional<V> found = k == null ? Optional.empty() : cache.get(k, lookup);
            if (found.isPresent()) {
                out.emit(combine.apply(in, found.get()));
            } else {
                out.reject("NOT_FOUND", "", "no enrichment found for the row's key");
            }
        };
    }

    /**
     * Calls {@code first} with the first row of each distinct key before that row moves on, and passes every row on
     * unchanged: to write a dimension row (a product, a customer) before the first fact that refers to it reaches the
     * sink, in the same pass. Rows of a key whose {@code first} is still running wait for it, so no row of that key
     * overtakes it; when {@code first} throws, the row is quarantined as {@code STAGE_ERROR} and the next row of the key
     * tries again. A null key passes without a call. Stateless (safe on parallel chunks); the keys seen are kept, so
     * memory grows with the number of distinct keys. {@code first} must be thread-safe and should be idempotent: a run
     * that is replayed calls it again.
     */
    public static <T, K> Stage<T, T> beforeFirst(Function<? super T, K> key, Consumer<? super T> first) {
        Checks.notNull("key", key);
        Checks.notNull("first", first);
        ConcurrentHashMap<K, Boolean> done = new ConcurrentHashMap<>();
        return (in, out) -> {
            K k = key.apply(in);
            if (k != null && !done.containsKey(k)) {
                done.computeIfAbsent(k, x -> {
                    first.accept(in);
                    return Boolean.TRUE;
                });
            }
            out.emit(in);
        };
    }

    /**
     * Groups runs of consecutive rows with equal keys (input sorted or grouped by key) and emits one combined
     * value per run, in constant memory. A key that appears again after other keys starts a new run.
     */
    public static <T, K, O> Stage<T, O> groupConsecutive(Function<? super T, K> key,
                                                         BiFunction<? super K, List<T>, O> combine) {
        Checks.notNull("key", key);
        Checks.notNull("combine", combine);
        return new Stage<>() {
            private K current;
            private List<T> run = new ArrayList<>();
            private final List<Long> rowNumbers = new ArrayList<>();

            @Override
            public void apply(T in, Emitter<O> out) {
                K k = key.apply(in);
                if (!run.isEmpty() && !Objects.equals(k, current)) {
                    emitRun(out);
                }
                current = k;
                run.add(in);
                rowNumbers.add(out.rowNumber());
            }

            /** Emits the combined run; if combining fails, every row of the run goes to quarantine. */
            private void emitRun(Emitter<O> out) {
                List<T> done = run;
                run = new ArrayList<>();
                O combined;
                try {
                    combined = combine.apply(current, done);
                } catch (RuntimeException e) {
                    for (int i = 0; i < done.size(); i++) {
                        out.rejectHeld(done.get(i), rowNumbers.get(i), "GROUP_ERROR", "",
                                "the row's group could not be combined: " + e.getClass().getSimpleName());
                    }
                    rowNumbers.clear();
                    return;
                }
                rowNumbers.clear();
                out.emit(combined);
            }

            @Override
            public void finish(Emitter<O> out) {
                if (!run.isEmpty()) {
                    emitRun(out);
                }
            }

            @Override
            public boolean stateful() {
                return true;
            }

            @Override
            public boolean combinesRows() {
                return true;
            }
        };
    }

    /** Which of several rows with one key a {@link #deduplicate} keeps. */
    public enum Keep {
        /** Keep the first row seen with the key. */
        FIRST,
        /** Keep the last row seen with the key. */
        LAST
    }

    /**
     * Keeps one row per key and quarantines the others as {@link #DUPLICATE}. Memory grows with the number of
     * distinct keys (for {@code FIRST}, only the keys; for {@code LAST}, the kept rows until the end).
     */
    public static <T, K> Stage<T, T> deduplicate(Function<? super T, K> key, Keep keep) {
        Checks.notNull("key", key);
        Checks.notNull("keep", keep);
        return keep == Keep.FIRST ? new KeepFirst<>(key, true) : new KeepBest<>(key, (a, b) -> 1);
    }

    /**
     * Keeps the greatest row per key by {@code order} (for example the latest by a timestamp); on ties the
     * earlier row stays. Kept rows are emitted at the end, in the order their keys first appeared.
     */
    public static <T, K> Stage<T, T> deduplicateBy(Function<? super T, K> key, Comparator<? super T> order) {
        Checks.notNull("key", key);
        Checks.notNull("order", order);
        return new KeepBest<>(key, order);
    }

    /**
     * Keeps the first row of each key among the last {@code maxKeys} distinct keys kept, and quarantines repeats as
     * {@link #DUPLICATE}: deduplication with bounded state for unbounded streams. Memory is at most {@code maxKeys}
     * keys; a key evicted (the least recently kept first) is kept again when it comes back. Holds no rows, so a
     * stream's position can be committed after every chunk.
     */
    public static <T, K> Stage<T, T> deduplicateWithin(Function<? super T, K> key, int maxKeys) {
        Checks.notNull("key", key);
        Checks.atLeast("maxKeys", maxKeys, 1);
        return new KeepFirstWithin<>(key, null, null, maxKeys);
    }

    /**
     * Keeps the first row of each key and quarantines as {@link #DUPLICATE} a row whose key was kept less than
     * {@code window} before it by {@code time} (an event time, not the clock), with bounded state for unbounded
     * streams: keys are forgotten in the order they were kept once they are older than {@code window} before the
     * newest time seen (and never more than {@code maxKeys} are held). For events that arrive roughly in time order;
     * a late event older than its key's window is kept again. Holds no rows.
     */
    public static <T, K> Stage<T, T> deduplicateWithin(Function<? super T, K> key, Function<? super T, Instant> time,
                                                        Duration window, int maxKeys) {
        Checks.notNull("key", key);
        Checks.notNull("time", time);
        Checks.notNull("window", window);
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        Checks.atLeast("maxKeys", maxKeys, 1);
        return new KeepFirstWithin<>(key, time, window, maxKeys);
    }

    private static final class KeepFirstWithin<T, K> implements Stage<T, T> {
        private final Function<? super T, K> key;
        private final Function<? super T, Instant> time;
        private final Duration window;
        private final int maxKeys;
        /** Kept keys in the order they were kept, with the time they were kept at (null without a time). */
        private final LinkedHashMap<K, Instant> kept = new LinkedHashMap<>();
        private Instant newest;

        KeepFirstWithin(Function<? super T, K> key, Function<? super T, Instant> time, Duration window, int maxKeys) {
            this.key = key;
            this.time = time;
            this.window = window;
            this.maxKeys = maxKeys;
        }

        @Override
        public void apply(T in, Emitter<T> out) {
            K k = key.apply(in);
            Instant at = time == null ? null : time.apply(in);
            if (at != null && (newest == null || at.isAfter(newest))) {
                newest = at;
                Instant horizon = newest.minus(window);
                for (var it = kept.entrySet().iterator(); it.hasNext(); ) {
                    Instant keptAt = it.next().getValue();
                    if (keptAt == null || !keptAt.isBefore(horizon)) {
                        break;
                    }
                    it.remove();
                }
            }
            Instant keptAt = kept.get(k);
            boolean repeat = kept.containsKey(k) && (at == null || keptAt == null || !keptAt.isBefore(at.minus(window)));
            if (repeat) {
                out.reject(DUPLICATE, "", "duplicate of a row with the same key kept within the window");
                return;
            }
            kept.remove(k);
            kept.put(k, at);
            if (kept.size() > maxKeys) {
                var eldest = kept.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
            out.emit(in);
        }

        @Override
        public boolean stateful() {
            return true;
        }
    }

    private static final class KeepFirst<T, K> implements Stage<T, T>, WarmsInput {
        private final Function<? super T, K> key;
        private final Set<K> seen = new HashSet<>();
        private final boolean nameKey;

        KeepFirst(Function<? super T, K> key, boolean nameKey) {
            this.key = key;
            this.nameKey = nameKey;
        }

        @Override
        public void warm(Object input) {
            // a row is its own key and keeps its hash: hashing it on a worker spares the committing thread
            if (nameKey || !(input instanceof Row)) {
                return;
            }
            input.hashCode();
        }

        @Override
        public void apply(T in, Emitter<T> out) {
            K k = key.apply(in);
            if (seen.add(k)) {
                out.emit(in);
            } else {
                // the row is in the rejection already (masked where personal); the key is never repeated in the text
                out.reject(DUPLICATE, "", nameKey ? "duplicate of an earlier row with the same key"
                        : "exact duplicate of an earlier row");
            }
        }

        @Override
        public boolean stateful() {
            return true;
        }
    }

    private static final class KeepBest<T, K> implements Stage<T, T> {
        private final Function<? super T, K> key;
        private final Comparator<? super T> order;
        private final Map<K, Held<T>> kept = new LinkedHashMap<>();

        private record Held<T>(T value, long rowNumber) {
        }

        KeepBest(Function<? super T, K> key, Comparator<? super T> order) {
            this.key = key;
            this.order = order;
        }

        @Override
        public void apply(T in, Emitter<T> out) {
            K k = key.apply(in);
            Held<T> current = kept.get(k);
            if (current == null) {
                kept.put(k, new Held<>(in, out.rowNumber()));
            } else if (order.compare(in, current.value()) > 0) {
                kept.put(k, new Held<>(in, out.rowNumber()));
                out.rejectHeld(current.value(), current.rowNumber(), DUPLICATE, "",
                        "superseded by row " + out.rowNumber() + " with the same key");
            } else {
                out.reject(DUPLICATE, "", "duplicate of row " + current.rowNumber() + " with the same key");
            }
        }

        @Override
        public void finish(Emitter<T> out) {
            kept.values().forEach(h -> out.emit(h.value()));
            kept.clear();
        }

        @Override
        public boolean stateful() {
            return true;
        }
    }
}
