package org.marketlink.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a byte stream into blocks that end right after a {@code \n} byte (or at the stream's end), carrying the
 * bytes after a block's last line break to the front of the next. A line longer than a block makes the block grow
 * until the line ends. Not thread-safe.
 */
final class ByteBlocks {
    /** A block: {@code bytes[0, length)}; {@code last} when the stream ends with it. */
    record Block(byte[] bytes, int length, boolean last) {
    }

    private final InputStream in;
    private final int size;
    private byte[] carry = new byte[0];
    private int carried;
    private boolean ended;

    ByteBlocks(InputStream in, int size) {
        this.in = in;
        this.size = size;
    }

    /** The next block; after the last one, an empty last block. */
    Block next() throws IOException {
        if (ended) {
            return new Block(carry, 0, true);
        }
        byte[] bytes = new byte[Math.max(size, carried + size / 2)];
        System.arraycopy(carry, 0, bytes, 0, carried);
        int length = carried;
        int searched = 0;
        while (true) {
            int n = in.readNBytes(bytes, length, bytes.length - length);
            length += n;
            if (length < bytes.length) {
                ended = true;
                carried = 0;
                return new Block(bytes, length, true);
            }
            int cut = lastLineBreak(bytes, searched, length);
            if (cut >= 0) {
                carried = length - cut - 1;
                if (carry.length < carried) {
                    carry = new byte[Math.max(carried, size / 2)];
                }
                System.arraycopy(bytes, cut + 1, carry, 0, carried);
                return new Block(bytes, cut + 1, false);
            }
            // one line fills the block: grow it until the line ends
            searched = length;
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
    }

    private static int lastLineBreak(byte[] bytes, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
