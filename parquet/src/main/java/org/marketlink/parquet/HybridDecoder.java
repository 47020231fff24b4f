package org.marketlink.parquet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Parquet's RLE / bit-packing hybrid encoding (definition levels and dictionary ids), read from a byte buffer by
 * absolute position: a run header (an unsigned varint) is either a repeated value (header's low bit 0, count in
 * the rest, the value in the bit width's whole bytes) or groups of 8 bit-packed values (low bit 1, groups in the
 * rest, least significant bit first). Reads straight from the page's byte array. Written here because parquet-java's decoder reads through a
 * {@code DataInputStream} a byte at a time, which was most of a column read's time. Used by one reader on one
 * thread.
 */
final class HybridDecoder {
    private final int[] packed = new int[8];
    private byte[] data;
    private int position;
    private int end;
    private int bitWidth;
    private int mask;
    private int bytesPerValue;
    private int runLeft;
    private boolean isPacked;
    private int runValue;
    private int packedIndex;

    /** Starts reading values of {@code bitWidth} bits (0 to 32) from {@code buffer}'s bytes {@code [from, to)}. */
    void start(ByteBuffer buffer, int from, int to, int bitWidth) {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new IllegalArgumentException("a bit width of " + bitWidth + " is not one Parquet writes (0 to 32)");
        }
        if (buffer.hasArray()) {
            this.data = buffer.array();
            this.position = buffer.arrayOffset() + from;
            this.end = buffer.arrayOffset() + to;
        } else {
            this.data = new byte[to - from];
            buffer.get(from, data);
            this.position = 0;
            this.end = data.length;
        }
        this.bitWidth = bitWidth;
        this.mask = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
        this.bytesPerValue = (bitWidth + 7) / 8;
        this.runLeft = 0;
    }

    /** The next value. */
    int next() {
        if (runLeft == 0) {
            readHeader();
        }
        runLeft--;
        if (!isPacked) {
            return runValue;
        }
        if (packedIndex == 8) {
            unpackGroup();
        }
        return packed[packedIndex++];
    }

    /** Reads the next {@code n} values into {@code out[0, n)}. */
    void read(int[] out, int n) {
        int i = 0;
        while (i < n) {
            if (runLeft == 0) {
                readHeader();
            }
            int take = Math.min(runLeft, n - i);
            runLeft -= take;
            if (!isPacked) {
                Arrays.fill(out, i, i + take, runValue);
                i += take;
                continue;
            }
            int to = i + take;
            while (i < to && packedIndex < 8) {
                out[i++] = packed[packedIndex++];
            }
            // whole groups straight into the output, while a group's bytes and a long's overrun fit the data
            while (to - i >= 8 && position + bitWidth + 8 <= end) {
                unpackGroupInto(out, i);
                i += 8;
            }
            for (; i < to; i++) {
                if (packedIndex == 8) {
                    unpackGroup();
                }
                out[i] = packed[packedIndex++];
            }
        }
    }

    private void readHeader() {
        int header = 0;
        int shift = 0;
        int b;
        do {
            if (position >= end) {
                throw new IllegalStateException("the run-length data ended before its values did");
            }
            b = data[position++];
            header |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0 && shift < 35);
        if ((header & 1) == 0) {
            isPacked = false;
            runLeft = header >>> 1;
            int v = 0;
            for (int i = 0; i < bytesPerValue; i++) {
                v |= (byteAt(position + i) & 0xFF) << (8 * i);
            }
            position += bytesPerValue;
            runValue = v;
        } else {
            isPacked = true;
            runLeft = (header >>> 1) * 8;
            packedIndex = 8;
        }
        if (runLeft <= 0) {
            throw new IllegalStateException("a run of " + runLeft + " values in run-length data");
        }
    }

    /**
     * Whether the next {@code k} values are all {@code value} in one repeated run (the common case of a column with
     * no empty values); if so they are consumed.
     */
    boolean skipIfAll(int k, int value) {
        if (runLeft == 0) {
            readHeader();
        }
        if (isPacked || runValue != value || runLeft < k) {
            return false;
        }
        runLeft -= k;
        return true;
    }

    /** A group of 8 values into {@code out[at, at + 8)}, each by one little-endian long read at its first byte. */
    private void unpackGroupInto(int[] out, int at) {
        byte[] d = data;
        int p = position;
        int w = bitWidth;
        long m = mask & 0xFFFFFFFFL;
        for (int i = 0, bit = 0; i < 8; i++, bit += w) {
            out[at + i] = (int) ((LittleEndian.longAt(d, p + (bit >>> 3)) >>> (bit & 7)) & m);
        }
        position = p + w;
    }

    private void unpackGroup() {
        long bits = 0;
        int held = 0;
        int p = position;
        for (int i = 0; i < 8; i++) {
            while (held < bitWidth) {
                bits |= (long) (byteAt(p++) & 0xFF) << held;
                held += 8;
            }
            packed[i] = (int) bits & mask;
            bits >>>= bitWidth;
            held -= bitWidth;
        }
        position += bitWidth;
        packedIndex = 0;
    }

    /** A byte of the data; a group cut short at the end of the data reads as zeros, as parquet-java reads it. */
    private byte byteAt(int p) {
        return p < end ? data[p] : 0;
    }
}
