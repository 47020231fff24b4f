package org.marketlink.quality.metrics;

import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.rules.RuleState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Uniqueness of one {@code LONG} column over primitive arrays: no boxing and no allocation per row (the generic
 * {@link DistinctKeys} allocates a map node per distinct key and made uniqueness the slowest rule of a suite). Same
 * outcome as the generic state, which serves as its oracle.
 *
 * <p>Keys in the order real ones arrive (shuffled, hashed) would each miss the cache in one table of a million
 * keys, and growing such a table rehashes it again and again. Instead each key is appended to one of
 * {@value #PARTITIONS} arrays by the top bits of its hash (radix partitioning, as column stores aggregate), and a
 * partition is deduplicated on its own, in a small table that stays in the cache: when its array is full and at the
 * end. A deduplicated partition holds each of its keys once; the few keys seen more than once are counted in a
 * second, small table. Memory grows with the distinct keys (8 bytes each, and at most as many again of slack), not
 * with the rows.
 *
 * <p>Keys that fill most of a range, as a table's ids do whatever order they come in, are kept as one bit each in a
 * bitmap over the range instead (a test-and-set per key), for as long as it costs no more than the partitions would:
 * at most 64 bits per distinct key. When the keys turn out too spread out, the bitmap's keys move to the partitions
 * and the rest follow them there. Not thread-safe.
 */
public final class DistinctLongs implements KeyFrequencies {
    private static final long serialVersionUID = 4L;
    private static final int PARTITION_BITS = 8;
    private static final int PARTITIONS = 1 << PARTITION_BITS;
    /** A partition's array is deduplicated when full from this size on (below, it just grows). */
    private static final int DEDUPLICATE_FROM = 1 << 13;
    /** The bitmap's first size: 64 Ki keys in 8 KiB. */
    private static final int INITIAL_WORDS = 1 << 10;
    /** Bits the bitmap may spend per distinct key: 64, the 8 bytes a key costs in the partitions. */
    private static final long DENSITY = 64;
    /** The range the bitmap may cover before it has seen enough keys to be judged dense: 2 Mi keys, 256 KiB. */
    private static final long TRIAL_BITS = 1L << 21;
    /** Fibonacci hashing: the top bits of the product pick the partition, the next ones the slot within it. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private final String name;
    private final int column;
    /** Each partition's keys other than 0: its first {@code length[p]} entries, null until it has one. */
    private final long[][] partitions = new long[PARTITIONS][];
    private final int[] length = new int[PARTITIONS];
    /** How many of each partition's first keys are known distinct (deduplicated). */
    private final int[] distinct = new int[PARTITIONS];
    private long zeros;
    /** Keys seen more than once, with their count beyond the first: key at {@code 2k}, count at {@code 2k + 1}. */
    private long[] repeats = new long[2 * 16];
    private int repeatBits = 4;
    private int repeatSize;
    private long nulls;
    private long rows;
    /**
     * Dense keys (a table's ids: most of a range, in any order) are one bit each in {@code bits}, key {@code lo + i}
     * at bit {@code i}: a test-and-set in a cache-sized array instead of a hash. Null before the first key and once
     * the keys proved too spread out ({@code sparse}); then they are in the partitions.
     */
    private long[] bits;
    private long lo;
    private long denseKeys;
    private boolean sparse;
    /** Scratch table for deduplicating one partition. */
    private transient long[] scratch;

    /**
     * No key seen yet.
     *
     * @param name   the rule's name
     * @param column the position of the {@code LONG} key column
     */
    public DistinctLongs(String name, int column) {
        this.name = name;
        this.column = column;
    }

    @Override
    public void accept(RowView row) {
        rows++;
        Object v = row.get(column);
        if (v == null) {
            nulls++;
        } else {
            take((Long) v);
        }
    }

    @Override
    public boolean columnar() {
        return true;
    }

    @Override
    public void acceptColumns(ColumnBatch batch, long[] failed) {
        boolean[] empty = batch.nulls(column);
        long[] values = batch.longs(column);
        int n = batch.size();
        rows += n;
        for (int r = 0; r < n; r++) {
            if (empty[r]) {
                nulls++;
            } else {
                take(values[r]);
            }
        }
    }

    private void take(long key) {
        if (key == 0) {
            zeros++;
            return;
        }
        if (!sparse && dense(key)) {
            return;
        }
        takeSparse(key);
    }

    /**
     * Counts a key in the bitmap of dense keys: true when it did (the key is in its range, or the range could grow
     * to hold it and stay dense); false when the keys are too spread out for one bit each, and from then on every
     * key goes to the partitions.
     */
    private boolean dense(long key) {
        long[] b = bits;
        if (b == null) {
            // the first range is centred on the first key, kept within the longs (no arithmetic wraps)
            long half = INITIAL_WORDS << 5;
            long start = key & -64L;
            lo = start >= Long.MIN_VALUE + half ? start - half : Long.MIN_VALUE;
            lo = Math.min(lo, Long.MAX_VALUE - (INITIAL_WORDS << 6) + 1);
            b = bits = new long[INITIAL_WORDS];
        }
        long off = key - lo;
        if (Long.compareUnsigned(off, (long) b.length << 6) >= 0) {
            if (!grow(key)) {
                toSparse();
                return false;
            }
            b = bits;
            off = key - lo;
        }
        int w = (int) (off >>> 6);
        long m = 1L << off;
        if ((b[w] & m) != 0) {
            repeat(key, 1);
        } else {
            b[w] |= m;
            denseKeys++;
        }
        return true;
    }

    /**
     * Widens the bitmap's range to hold {@code key}, at least doubling it, while it stays within
     * {@value #DENSITY} bits per distinct key (or {@value #TRIAL_BITS} bits while few keys are known).
     */
    private boolean grow(long key) {
        long span = (long) bits.length << 6;
        long keyWord = key & -64L;
        long newLo = Math.min(lo, keyWord);
        long newHi;
        try {
            long hi = Math.addExact(lo, span); // the range's end, exclusive; lo and span are multiples of 64
            newHi = Math.max(hi, Math.addExact(keyWord, 64));
            long needed = Math.subtractExact(newHi, newLo);
            long allowed = Math.max(TRIAL_BITS, DENSITY * (denseKeys + 1));
            if (needed > allowed) {
                return false;
            }
            long wanted = Math.min(allowed, Math.max(needed, 2 * span)) & -64L;
            wanted = Math.max(wanted, needed);
            if (key < lo) {
                newLo = Math.subtractExact(newHi, wanted);
            } else {
                newHi = Math.addExact(newLo, wanted);
            }
        } catch (ArithmeticException beyondLong) {
            return false;
        }
        long[] grown = new long[(int) ((newHi - newLo) >>> 6)];
        System.arraycopy(bits, 0, grown, (int) ((lo - newLo) >>> 6), bits.length);
        bits = grown;
        lo = newLo;
        return true;
    }

    /**
     * Adds the other's bitmap to this one a word at a time, when this one's range can grow to cover it and stay
     * dense: a key in both is a repeat. False (nothing done) otherwise.
     */
    private boolean mergeBitmap(DistinctLongs o) {
        long otherLast = o.lo + ((long) o.bits.length << 6) - 1;
        if (bits == null) {
            bits = o.bits.clone();
            lo = o.lo;
            denseKeys = o.denseKeys;
            return true;
        }
        long saved = denseKeys;
        // the range must cover the other's, within what the keys of both may cost
        denseKeys += o.denseKeys;
        boolean covered = covers(o.lo) || grow(o.lo);
        covered = covered && (covers(otherLast) || grow(otherLast));
        denseKeys = saved;
        if (!covered) {
            return false;
        }
        int offset = (int) ((o.lo - lo) >>> 6);
        long[] mine = bits;
        for (int w = 0; w < o.bits.length; w++) {
            long theirs = o.bits[w];
            if (theirs == 0) {
                continue;
            }
            long both = mine[offset + w] & theirs;
            while (both != 0) {
                repeat(o.lo + ((long) w << 6) + Long.numberOfTrailingZeros(both), 1);
                both &= both - 1;
            }
            denseKeys += Long.bitCount(theirs & ~mine[offset + w]);
            mine[offset + w] |= theirs;
        }
        return true;
    }

    private boolean covers(long key) {
        return Long.compareUnsigned(key - lo, (long) bits.length << 6) < 0;
    }

    /** Moves the bitmap's keys to the partitions, for keys too spread out for one bit each. */
    private void toSparse() {
        sparse = true;
        long[] b = bits;
        bits = null;
        denseKeys = 0;
        if (b != null) {
            forEachKey(b, lo, this::takeSparse);
        }
    }

    /** Each key of a bitmap whose bit 0 is key {@code lo}, in ascending order. */
    private static void forEachKey(long[] bits, long lo, LongConsumer each) {
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                each.accept(lo + ((long) w << 6) + Long.numberOfTrailingZeros(word));
                word &= word - 1;
            }
        }
    }

    private void takeSparse(long key) {
        int p = (int) ((key * GOLDEN) >>> (64 - PARTITION_BITS));
        long[] keys = partitions[p];
        int at = length[p];
        if (keys == null || at == keys.length) {
            keys = room(p);
            at = length[p];
        }
        keys[at] = key;
        length[p] = at + 1;
    }

    /** A partition's array with room for one more key: deduplicated first when large, grown when still full. */
    private long[] room(int p) {
        long[] keys = partitions[p];
        if (keys == null) {
            keys = new long[16];
        } else {
            if (keys.length >= DEDUPLICATE_FROM) {
                deduplicate(p);
            }
            if (length[p] > keys.length >> 1) {
                keys = Arrays.copyOf(keys, keys.length * 2);
            }
        }
        partitions[p] = keys;
        return keys;
    }

    /**
     * Leaves each key of partition {@code p} once, in the order first seen, and counts the others as repeats.
     */
    private void deduplicate(int p) {
        long[] keys = partitions[p];
        int n = length[p];
        if (keys == null || distinct[p] == n) {
            return;
        }
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(16, 2 * n - 1));
        int slots = 1 << bits;
        if (scratch == null || scratch.length < slots) {
            scratch = new long[slots];
        } else {
            Arrays.fill(scratch, 0, slots, 0L);
        }
        long[] t = scratch;
        int mask = slots - 1;
        int out = 0;
        for (int i = 0; i < n; i++) {
            long key = keys[i];
            // the bits below the partition's own pick the slot
            int slot = (int) (((key * GOLDEN) << PARTITION_BITS) >>> (64 - bits));
            long k;
            boolean seen = false;
            while ((k = t[slot]) != 0) {
                if (k == key) {
                    seen = true;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (seen) {
                repeat(key, 1);
            } else {
                t[slot] = key;
                keys[out++] = key;
            }
        }
        length[p] = out;
        distinct[p] = out;
    }

    /** Adds {@code n} occurrences beyond the first of {@code key}. */
    private void repeat(long key, long n) {
        long[] t = repeats;
        int mask = (t.length >> 1) - 1;
        int slot = (int) ((key * GOLDEN) >>> (64 - repeatBits));
        while (t[2 * slot + 1] != 0) {
            if (t[2 * slot] == key) {
                t[2 * slot + 1] += n;
                return;
            }
            slot = (slot + 1) & mask;
        }
        t[2 * slot] = key;
        t[2 * slot + 1] = n;
        if (++repeatSize > t.length >> 2) {
            long[] old = repeats;
            repeats = new long[old.length * 2];
            repeatBits++;
            repeatSize = 0;
            for (int i = 0; i < old.length; i += 2) {
                if (old[i + 1] != 0) {
                    repeat(old[i], old[i + 1]);
                }
            }
        }
    }

    @Override
    public void merge(RuleState other) {
        DistinctLongs o = (DistinctLongs) other;
        rows += o.rows;
        nulls += o.nulls;
        zeros += o.zeros;
        // the other's bitmap word by word when this one can cover it, else its keys one by one
        if (o.bits != null && (sparse || !mergeBitmap(o))) {
            forEachKey(o.bits, o.lo, this::take); // a bitmap holds no 0, which take counts apart
        }
        // the other's keys are occurrences as this state's are; its repeats are counts beyond them
        for (int p = 0; p < PARTITIONS; p++) {
            int n = o.length[p];
            if (n == 0) {
                continue;
            }
            long[] keys = partitions[p];
            int at = length[p];
            if (keys == null || keys.length < at + n) {
                keys = keys == null ? new long[Math.max(16, n)] : Arrays.copyOf(keys, Math.max(keys.length * 2, at + n));
                partitions[p] = keys;
            }
            System.arraycopy(o.partitions[p], 0, keys, at, n);
            length[p] = at + n;
        }
        for (int i = 0; i < o.repeats.length; i += 2) {
            if (o.repeats[i + 1] != 0) {
                repeat(o.repeats[i], o.repeats[i + 1]);
            }
        }
    }

    /** Deduplicates every partition and counts the distinct keys other than 0. */
    private long distinctOtherThanZero() {
        long keys = denseKeys;
        for (int p = 0; p < PARTITIONS; p++) {
            deduplicate(p);
            keys += length[p];
        }
        return keys;
    }

    @Override
    public long keysSeenOnce() {
        long keys = distinctOtherThanZero();
        // every key with an entry among the repeats was seen more than once; 0 is counted apart
        return keys - repeatSize + (zeros == 1 ? 1 : 0);
    }

    @Override
    public RuleOutcome outcome() {
        long keys = distinctOtherThanZero();
        List<RuleOutcome.ValueCount> repeated = new ArrayList<>();
        for (int i = 0; i < repeats.length; i += 2) {
            if (repeats[i + 1] != 0) {
                repeated.add(new RuleOutcome.ValueCount(Long.toString(repeats[i]), 1 + repeats[i + 1]));
            }
        }
        if (zeros > 1) {
            repeated.add(new RuleOutcome.ValueCount("0", zeros));
        }
        if (nulls > 1) {
            repeated.add(new RuleOutcome.ValueCount(DistinctKeys.NULL_KEY.toString(), nulls));
        }
        long distinctKeys = keys + (zeros > 0 ? 1 : 0) + (nulls > 0 ? 1 : 0);
        return DistinctKeys.outcome(name, rows, distinctKeys, repeated);
    }
}
