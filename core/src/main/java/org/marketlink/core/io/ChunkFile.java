package org.marketlink.core.io;

import org.marketlink.core.UnableToWriteException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * An output file written a chunk at a time, so that a retried chunk replaces its failed attempt instead of
 * appending to it: each chunk starts at the end of the last chunk that was written completely, truncating
 * anything a failed attempt left behind. Chunks must arrive in order (the pipeline guarantees it). Thread-safe.
 */
final class ChunkFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final Map<Long, Long> startOfChunk = new HashMap<>();
    private long committed;
    private long lastChunk = -1;

    ChunkFile(Path path, byte[] header) {
        this.path = path;
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            if (header.length > 0) {
                channel.write(ByteBuffer.wrap(header));
            }
            committed = channel.position();
        } catch (IOException e) {
            throw new UnableToWriteException("could not open " + path + " for writing: " + e.getMessage(), e);
        }
    }

    /** Writes one chunk's bytes; writing the same chunk index again replaces it. */
    synchronized void write(long chunk, byte[] bytes) throws IOException {
        long start;
        if (chunk == lastChunk) {
            start = startOfChunk.get(chunk);
        } else if (chunk > lastChunk) {
            start = committed;
        } else {
            throw new IllegalStateException("chunk " + chunk + " of " + path + " arrived after chunk " + lastChunk);
        }
        startOfChunk.clear();
        startOfChunk.put(chunk, start);
        lastChunk = chunk;
        channel.truncate(start);
        channel.position(start);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
        committed = channel.position();
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UnableToWriteException("could not close " + path + ": " + e.getMessage(), e);
        }
    }
}
