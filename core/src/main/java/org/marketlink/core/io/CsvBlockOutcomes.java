package org.marketlink.core.io;

import org.marketlink.core.data.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A CSV file's outcomes read by blocks on several threads, in file order. The calling thread reads (and, for gzip,
 * decompresses) the bytes and cuts them into blocks after a line break; each block is decoded, split into records
 * and parsed into rows by a task on the executor, or by the calling thread itself when it reaches a block no worker
 * has started, so the read makes progress on a busy pool.
 *
 * <p>A block is parsed on the guess that it starts at a record's start. The guess is checked when the block before
 * it is done: if that block ended between records, the guess was right; if it ended inside a quoted cell (a line
 * break inside quotes, or a quote that is never closed), the unfinished record is read again with the next block
 * joined on, until a record ends exactly where one of the guessed records ended: from there on the guessed records
 * are the ones a reading from the file's start gives, because the scan depends on nothing but where it starts. So
 * the outcomes, line numbers and quarantined records are exactly those of {@link CsvStreamOutcomes}, and a damaged
 * quote costs one record's re-reading, not the rest of the file.
 *
 * <p>Memory: at most {@code 2 × parallelism} blocks in flight, each its bytes, its characters and its parsed rows.
 */
final class CsvBlockOutcomes implements CsvOutcomes {
    private final Path file;
    private final Schema schema;
    private final CsvOptions options;
    private final boolean rows;
    private final InputStream in;
    private final ByteBlocks blocks;
    private final Executor executor;
    private final int parallelism;
    private final Deque<BlockTask> inFlight = new ArrayDeque<>();
    private CsvLayout layout;
    private boolean started;
    private boolean readAll;
    /** The parsed block whose outcomes are being handed out, from {@link #index}. */
    private ParsedBlock current;
    private int index;
    /** The line the current block's text starts at. */
    private long base;
    /** A guessed block whose records from {@link #resumeIndex} on come after the current (joined) block. */
    private ParsedBlock resume;
    private int resumeIndex;
    private long resumeBase;
    private long line;

    CsvBlockOutcomes(Path file, Schema schema, CsvOptions options, boolean rows, InputStream in, int blockBytes,
            Executor executor, int parallelism) {
        this.file = file;
        this.schema = schema;
        this.options = options;
        this.rows = rows;
        this.in = in;
        this.blocks = new ByteBlocks(in, blockBytes);
        this.executor = executor;
        this.parallelism = parallelism;
    }

    /** Whether a file in {@code charset} can be cut at its {@code 0x0A} bytes: every such byte is a line break. */
    static boolean cutsAtLineBreaks(Charset charset) {
        String name = charset.name();
        return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
                || name.startsWith("ISO-8859-") || name.startsWith("windows-125");
    }

    @Override
    public Object next() throws IOException {
        if (!started) {
            started = true;
            if (!start()) {
                return null;
            }
        }
        while (true) {
            if (index < current.count) {
                line = base + current.lines[index] - 1;
                return current.outcomes[index++];
            }
            if (!advance()) {
                return null;
            }
        }
    }

    /** Reads the header (and the lines skipped after it) from the first block; false for an empty file. */
    private boolean start() throws IOException {
        ByteBlocks.Block first = blocks.next();
        CharBuffer chars = decodeBlock(options.charset(), first.bytes(), first.length());
        char[] text = chars.array();
        int to = chars.limit();
        int from = to > 0 && text[0] == '\uFEFF' ? 1 : 0;
        CsvRecords records = CsvRecords.block(text, from, to, first.last(), options.delimiter(), options.quote(),
                options.maxRecordChars());
        layout = CsvLayout.read(records, file, schema, options);
        if (layout == null) {
            return false;
        }
        base = records.line();
        readAll = first.last();
        // the workers start on the next blocks while this thread parses the rest of the first
        fillInFlight();
        current = parse(text, records.position(), to, first.last());
        index = 0;
        return true;
    }

    /** Moves on to the next block's outcomes; false after the last block. */
    private boolean advance() throws IOException {
        if (resume != null) {
            current = resume;
            index = resumeIndex;
            base = resumeBase;
            resume = null;
            return true;
        }
        if (current.last) {
            return false;
        }
        ParsedBlock guessed = take();
        if (!current.incomplete) {
            base += current.endLine - 1;
            current = guessed;
            index = 0;
            return true;
        }
        join(guessed);
        return true;
    }

    /**
     * Reads the current block's unfinished record again with {@code guessed} joined on, up to where a record ends
     * where one of the guessed records ended.
     */
    private void join(ParsedBlock guessed) {
        int tail = current.to - current.stop;
        int length = tail + guessed.to - guessed.from;
        char[] joined = Arrays.copyOfRange(current.text, current.stop, current.stop + length);
        System.arraycopy(guessed.text, guessed.from, joined, tail, guessed.to - guessed.from);
        long joinedBase = base + current.endLine - 1;
        ParsedBlock again = new ParsedBlock(joined, 0, length, guessed.last);
        CsvRecords records = CsvRecords.block(joined, 0, length, guessed.last, options.delimiter(), options.quote(),
                options.maxRecordChars());
        while (true) {
            CsvRecords.Record record = next(records);
            if (record == null) {
                again.finish(records);
                break;
            }
            again.add(layout.outcome(record, rows), record.line(), records.position(), records.line());
            int at = records.position() - tail + guessed.from;
            int j = at == guessed.from ? -1 : at < guessed.from ? -2 : Arrays.binarySearch(guessed.ends, 0,
                    guessed.count, at);
            if (at == guessed.from || j >= 0) {
                // in step with the guess: its records after j are the file's
                long lineThere = joinedBase + records.line() - 1;
                resume = guessed;
                resumeIndex = j + 1;
                resumeBase = lineThere - (j < 0 ? 1 : guessed.endLines[j]) + 1;
                break;
            }
        }
        current = again;
        index = 0;
        base = joinedBase;
    }

    /**
     * The next block's guessed parse: topping up the blocks in flight, running the block here if no worker has
     * begun it, and helping with later blocks while a worker finishes it.
     */
    private ParsedBlock take() throws IOException {
        fillInFlight();
        BlockTask task = inFlight.poll();
        if (task == null) {
            // the last block was read and ended between records: an empty last block closes the file
            return new ParsedBlock(new char[0], 0, 0, true);
        }
        fillInFlight();
        task.run();
        // a worker has the next block: rather than wait, this thread parses a later block no worker has begun
        for (var it = inFlight.descendingIterator(); it.hasNext() && !task.finished(); ) {
            it.next().run();
        }
        return task.result();
    }

    private void fillInFlight() throws IOException {
        while (!readAll && inFlight.size() < 2 * parallelism) {
            ByteBlocks.Block block = blocks.next();
            readAll = block.last();
            BlockTask task = new BlockTask(block);
            inFlight.add(task);
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                // the pool is shutting down or full: the calling thread runs the block when it gets there
            }
        }
    }

    private static CsvRecords.Record next(CsvRecords records) {
        try {
            return records.next();
        } catch (IOException e) {
            // a block has no reader behind it
            throw new IllegalStateException(e);
        }
    }

    private static CharBuffer decodeBlock(Charset charset, byte[] bytes, int length) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, 0, length));
        } catch (CharacterCodingException e) {
            // cannot happen with REPLACE
            throw new IllegalStateException(e);
        }
    }

    /** Splits {@code text[from, to)} into records and parses each. */
    private ParsedBlock parse(char[] text, int from, int to, boolean last) {
        ParsedBlock parsed = new ParsedBlock(text, from, to, last);
        CsvRecords records = CsvRecords.block(text, from, to, last, options.delimiter(), options.quote(),
                options.maxRecordChars());
        CsvRecords.Record record;
        while ((record = next(records)) != null) {
            parsed.add(layout.outcome(record, rows), record.line(), records.position(), records.line());
        }
        parsed.finish(records);
        return parsed;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public CsvLayout layout() {
        return layout;
    }

    @Override
    public void close() {
        inFlight.forEach(BlockTask::cancel);
        inFlight.clear();
        CsvSource.closeQuietly(in);
    }

    /** One block's records, parsed, with where each ended; lines counted from 1 at the block's start. */
    private static final class ParsedBlock {
        final char[] text;
        final int from;
        final int to;
        final boolean last;
        int count;
        Object[] outcomes = new Object[256];
        long[] lines = new long[256];
        int[] ends = new int[256];
        long[] endLines = new long[256];
        /** Whether the block ends inside a record, which starts at {@link #stop}. */
        boolean incomplete;
        /** Where the scan stopped: the end of the text, or the start of the incomplete record. */
        int stop;
        /** The line at {@link #stop}. */
        long endLine = 1;

        ParsedBlock(char[] text, int from, int to, boolean last) {
            this.text = text;
            this.from = from;
            this.to = to;
            this.last = last;
        }

        void add(Object outcome, long line, int end, long endLine) {
            if (count == outcomes.length) {
                int n = count * 2;
                outcomes = Arrays.copyOf(outcomes, n);
                lines = Arrays.copyOf(lines, n);
                ends = Arrays.copyOf(ends, n);
                endLines = Arrays.copyOf(endLines, n);
            }
            outcomes[count] = outcome;
            lines[count] = line;
            ends[count] = end;
            endLines[count] = endLine;
            count++;
        }

        void finish(CsvRecords records) {
            incomplete = records.incomplete();
            stop = records.position();
            endLine = records.line();
        }
    }

    /** A block's decoding and parsing, run once: by a worker, or by the consumer when no worker has begun it. */
    private final class BlockTask implements Runnable {
        private final ByteBlocks.Block block;
        private boolean claimed;
        private boolean finished;
        private boolean cancelled;
        private ParsedBlock parsed;
        private Throwable failure;

        BlockTask(ByteBlocks.Block block) {
            this.block = block;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (claimed || cancelled) {
                    return;
                }
                claimed = true;
            }
            ParsedBlock result = null;
            Throwable f = null;
            try {
                CharBuffer chars = decodeBlock(options.charset(), block.bytes(), block.length());
                result = parse(chars.array(), 0, chars.limit(), block.last());
            } catch (RuntimeException | Error x) {
                f = x;
            }
            synchronized (this) {
                parsed = result;
                failure = f;
                finished = true;
                notifyAll();
            }
        }

        synchronized boolean finished() {
            return finished;
        }

        synchronized void cancel() {
            cancelled = true;
        }

        /** The parsed block, parsing it on this thread when no worker has started it. */
        ParsedBlock result() {
            run();
            synchronized (this) {
                boolean interrupted = false;
                while (!finished) {
                    try {
                        wait();
                    } catch (InterruptedException x) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                if (failure instanceof Error e) {
                    throw e;
                }
                if (failure != null) {
                    throw (RuntimeException) failure;
                }
                return parsed;
            }
        }
    }
}
