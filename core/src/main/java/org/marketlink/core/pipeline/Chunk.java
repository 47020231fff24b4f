package org.marketlink.core.pipeline;

import java.util.ArrayList;
import java.util.List;

/** One chunk of a run as it moves from the reader through the stages to the writer. Confined to one thread at a time. */
final class Chunk {
    /** A value with its source row number. */
    record Item(Object value, long rowNumber) {
    }

    /** The value of an item whose row the source left to decode on a worker. */
    record Pending(Undecoded<?> row) {
    }

    final long index;
    final long firstRow;
    final List<Item> items = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    List<Item> output = new ArrayList<>();
    /** Where the source stood after the chunk's last row ({@link Cursor#position()}); null without positions. */
    Object position;
    /**
     * The source row number of the chunk's last row, fixed when it is read (stages add rejections later); for a
     * chunk that read nothing (the stateful stages' flush), the row before its first.
     */
    long lastRow;
    /**
     * The checksum of {@link #output} once it is final, made where the last stage ran (a worker, when every stage is
     * stateless) so that the committing thread does not hash every row; set by {@link StageChain} before the chunk
     * is written, null until then.
     */
    Checksum outputChecksum;
    /** Rows read from the source, fixed when the chunk is closed (stages add rejections later). */
    long sourceRows;
    /** {@link System#nanoTime()} when the chunk's first row was read; 0 for a chunk that read nothing. */
    long firstRowNanos;
    /** How many of {@link #items} are {@link Pending}: rows to decode before the first stage. */
    int pending;

    Chunk(long index, long firstRow) {
        this.index = index;
        this.firstRow = firstRow;
        this.lastRow = firstRow - 1;
    }

    /** Rows read from the source into this chunk, valid or rejected by the source. */
    long rowsRead() {
        return items.size() + rejections.size();
    }
}
