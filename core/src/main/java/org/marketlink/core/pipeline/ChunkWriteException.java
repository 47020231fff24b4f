package org.marketlink.core.pipeline;

/**
 * A run stopped because one chunk could not be written after its retries. It says exactly what is durable: every
 * earlier chunk whole (its rows in the sink, its rejections in the quarantine), and of this chunk either nothing
 * or only its rejections (the runner writes rejections before rows unless the sink writes both in one transaction,
 * see {@link Sink#writeTogether}). Every other row read before the failure is in neither place; the message names
 * the chunk, its first source row and the counts, never a value.
 */
public class ChunkWriteException extends UnableToRunException {
    private static final long serialVersionUID = 1L;

    /** The chunk that was not written whole. */
    private final ChunkKey chunk;
    /** Whether this chunk's rejections are in the quarantine. */
    private final boolean rejectionsWritten;
    /** This chunk's rows, none of them in the sink. */
    private final int rows;
    /** This chunk's rejections. */
    private final int rejections;
    /** Rows of earlier chunks in the sink. */
    private final long rowsWrittenBefore;
    /** Rejections of earlier chunks in the quarantine. */
    private final long rejectionsWrittenBefore;

    /**
     * A failure of {@code target} on {@code chunk}.
     *
     * @param target                  what failed, for example {@code sink orders} or {@code quarantine}
     * @param chunk                   the chunk
     * @param attempts                how often it was tried
     * @param rejectionsWritten       whether the chunk's rejections were written before the failure
     * @param rows                    the chunk's rows
     * @param rejections              the chunk's rejections
     * @param rowsWrittenBefore       rows of earlier chunks written
     * @param rejectionsWrittenBefore rejections of earlier chunks written
     * @param cause                   the last failure (its text is in the message only when it holds no personal data)
     * @param causeText               the cause as it may be shown
     */
    public ChunkWriteException(String target, ChunkKey chunk, int attempts, boolean rejectionsWritten, int rows,
                               int rejections, long rowsWrittenBefore, long rejectionsWrittenBefore,
                               Throwable cause, String causeText) {
        super(target + " failed on chunk " + chunk.index() + " (source rows from " + chunk.firstRow() + ") after "
                + attempts + " attempt" + (attempts == 1 ? "" : "s") + ": " + causeText + ". Written before it: "
                + rowsWrittenBefore + " rows and " + rejectionsWrittenBefore + " rejections of earlier chunks. Of this "
                + "chunk: " + (rejectionsWritten ? "its " + rejections + " rejections are in the quarantine and "
                : rejections == 0 ? "" : "its " + rejections + " rejections are not in the quarantine and ")
                + "its " + rows + " rows are not in the sink", cause);
        this.chunk = chunk;
        this.rejectionsWritten = rejectionsWritten;
        this.rows = rows;
        this.rejections = rejections;
        this.rowsWrittenBefore = rowsWrittenBefore;
        this.rejectionsWrittenBefore = rejectionsWrittenBefore;
    }

    /** The chunk that was not written whole: the source rows from its {@code firstRow} on are to be read again. */
    public ChunkKey chunk() {
        return chunk;
    }

    /** Whether this chunk's rejections are in the quarantine (its rows never are). */
    public boolean rejectionsWritten() {
        return rejectionsWritten;
    }

    /** The number of this chunk's rows, none of which is in the sink. */
    public int unwrittenRows() {
        return rows;
    }

    /** The number of this chunk's rejections; in the quarantine when {@link #rejectionsWritten()}. */
    public int chunkRejections() {
        return rejections;
    }

    /** Rows of the earlier chunks, all in the sink. */
    public long rowsWrittenBefore() {
        return rowsWrittenBefore;
    }

    /** Rejections of the earlier chunks, all in the quarantine. */
    public long rejectionsWrittenBefore() {
        return rejectionsWrittenBefore;
    }
}
