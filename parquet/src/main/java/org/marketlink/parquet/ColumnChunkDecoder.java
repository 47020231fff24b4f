package org.marketlink.parquet;

import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes one column chunk's pages into a {@link ColumnFiller}, a batch at a time. The encodings nearly every
 * writer uses (parquet-java, DuckDB, Spark, Arrow) are decoded here, straight from the page's bytes: definition
 * levels in the RLE hybrid, values {@code PLAIN} (fixed-width numbers by absolute little-endian reads, text by
 * length and bytes, flags bit by bit) or dictionary ids. Any other value encoding (the delta encodings, byte
 * stream split) goes through parquet-java's own reader for that page, a value at a time. Only top-level,
 * non-repeated columns come here, so a definition level is 0 (empty) or 1 (a value), and there are no repetition
 * levels. Used by one reader on one thread.
 */
final class ColumnChunkDecoder {
    private final ColumnDescriptor descriptor;
    private final ColumnFiller filler;
    private final PrimitiveType.PrimitiveTypeName physical;
    private final boolean optional;
    private final HybridDecoder levels = new HybridDecoder();
    private final HybridDecoder dictionaryIds = new HybridDecoder();
    /** Scratch: the definition level of each row of a run (1 a value, 0 empty). */
    private int[] defined = new int[0];
    /** Scratch: the dictionary ids of a run's values. */
    private int[] ids = new int[0];
    private PageReader pages;
    /** The current page's values left to hand out (empty ones included). */
    private int pageLeft;
    /** The current page's bytes: always a heap buffer, so plain values are read from its array. */
    private ByteBuffer data;
    /** Where {@link #data}'s index 0 is in its array. */
    private int base;
    private int position;
    private int booleanBit;
    private boolean dictionaryPage;
    /** The page's own reader where its encoding is not one decoded here; null otherwise. */
    private ValuesReader fallback;

    ColumnChunkDecoder(ColumnDescriptor descriptor, ColumnFiller filler) {
        this.descriptor = descriptor;
        this.filler = filler;
        this.physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
        this.optional = descriptor.getMaxDefinitionLevel() > 0;
        if (descriptor.getMaxRepetitionLevel() > 0 || descriptor.getMaxDefinitionLevel() > 1) {
            throw new IllegalArgumentException("column " + String.join(".", descriptor.getPath())
                    + " is nested or repeated, which a field cannot hold");
        }
    }

    /** Starts a new row group's chunk of this column: reads its dictionary, if it has one. */
    void start(PageReader chunk) throws IOException {
        this.pages = chunk;
        this.pageLeft = 0;
        DictionaryPage dictionary = chunk.readDictionaryPage();
        if (dictionary != null) {
            filler.setDictionary(dictionary.getEncoding().initDictionary(descriptor, dictionary));
        }
    }

    /**
     * Hands the chunk's next {@code n} values to the filler, rows 0 to n - 1, and sets {@code nulls[0, n)}: true
     * for the empty ones, false for the rest.
     *
     * @return how many of the rows are empty
     */
    int read(int n, boolean[] nulls) throws IOException {
        int empty = 0;
        if (defined.length < n) {
            defined = new int[n];
            ids = new int[n];
        }
        int row = 0;
        while (row < n) {
            if (pageLeft == 0) {
                nextPage();
            }
            int k = Math.min(n - row, pageLeft);
            pageLeft -= k;
            int[] present = null;
            int values = k;
            if (optional && levels.skipIfAll(k, 1)) {
                Arrays.fill(nulls, row, row + k, false);
            } else if (optional) {
                levels.read(defined, k);
                values = 0;
                for (int i = 0; i < k; i++) {
                    int d = defined[i];
                    nulls[row + i] = d == 0;
                    values += d;
                }
                empty += k - values;
                if (values < k) {
                    present = defined;
                    filler.clearEmpty(present, row, k);
                }
            } else {
                Arrays.fill(nulls, row, row + k, false);
            }
            if (fallback != null) {
                for (int i = 0; i < k; i++) {
                    if (present == null || present[i] != 0) {
                        filler.row = row + i;
                        fallbackValue();
                    }
                }
            } else if (dictionaryPage) {
                dictionaryIds.read(ids, values);
                filler.fromDictionary(ids, present, row, k);
            } else {
                plain(present, row, k);
            }
            row += k;
        }
        return empty;
    }

    private void plain(int[] present, int from, int k) {
        switch (physical) {
            case INT64 -> position = filler.plainLongs(data.array(), base + position, present, from, k) - base;
            case INT32 -> position = filler.plainInts(data.array(), base + position, present, from, k) - base;
            case DOUBLE -> position = filler.plainDoubles(data.array(), base + position, present, from, k) - base;
            case FLOAT -> position = filler.plainFloats(data.array(), base + position, present, from, k) - base;
            default -> {
                for (int i = 0; i < k; i++) {
                    if (present == null || present[i] != 0) {
                        filler.row = from + i;
                        plainValue();
                    }
                }
            }
        }
    }

    /** One value of a page of flags, text or fixed-length bytes. */
    private void plainValue() {
        ByteBuffer d = data;
        int p = position;
        switch (physical) {
            case BOOLEAN -> {
                filler.addBoolean((d.get(p + (booleanBit >>> 3)) >>> (booleanBit & 7) & 1) != 0);
                booleanBit++;
            }
            case BINARY -> {
                int length = d.getInt(p);
                if (length < 0 || p + 4 + length > d.limit()) {
                    throw new IllegalStateException("a text value of " + length + " bytes runs past its page");
                }
                filler.addBinary(Binary.fromConstantByteArray(d.array(), base + p + 4, length));
                position = p + 4 + length;
            }
            default -> {
                int length = physical == PrimitiveType.PrimitiveTypeName.INT96 ? 12
                        : descriptor.getPrimitiveType().getTypeLength();
                filler.addBinary(Binary.fromConstantByteArray(d.array(), base + p, length));
                position = p + length;
            }
        }
    }

    private void fallbackValue() {
        switch (physical) {
            case INT64 -> filler.addLong(fallback.readLong());
            case INT32 -> filler.addInt(fallback.readInteger());
            case DOUBLE -> filler.addDouble(fallback.readDouble());
            case FLOAT -> filler.addFloat(fallback.readFloat());
            case BOOLEAN -> filler.addBoolean(fallback.readBoolean());
            default -> filler.addBinary(fallback.readBytes());
        }
    }

    private void nextPage() throws IOException {
        DataPage page = pages.readPage();
        if (page == null) {
            throw new IllegalStateException("column " + String.join(".", descriptor.getPath())
                    + " has fewer values than its row group has rows");
        }
        pageLeft = page.getValueCount();
        if (page instanceof DataPageV1 v1) {
            ByteBuffer bytes = onHeap(v1.getBytes().toByteBuffer());
            int p = bytes.position();
            if (optional) {
                if (v1.getDlEncoding() != Encoding.RLE) {
                    throw new IllegalStateException("definition levels in " + v1.getDlEncoding()
                            + " (a long-deprecated encoding) are not read");
                }
                int length = bytes.getInt(p);
                levels.start(bytes, p + 4, p + 4 + length, 1);
                p += 4 + length;
            }
            values(v1.getValueEncoding(), bytes, p, page.getValueCount());
        } else {
            DataPageV2 v2 = (DataPageV2) page;
            if (optional) {
                ByteBuffer def = v2.getDefinitionLevels().toByteBuffer();
                levels.start(def, def.position(), def.limit(), 1);
            }
            ByteBuffer bytes = onHeap(v2.getData().toByteBuffer());
            values(v2.getDataEncoding(), bytes, bytes.position(), page.getValueCount());
        }
    }

    /** The bytes in a little-endian heap buffer: the same buffer where it is one, else a copy. */
    private static ByteBuffer onHeap(ByteBuffer bytes) {
        if (bytes.hasArray()) {
            return bytes.order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        copy.put(bytes.duplicate()).flip();
        return copy;
    }

    /** Prepares the values of a page, from {@code from} in {@code bytes}. */
    private void values(Encoding encoding, ByteBuffer bytes, int from, int valueCount) throws IOException {
        fallback = null;
        dictionaryPage = false;
        data = bytes;
        base = bytes.arrayOffset();
        position = from;
        booleanBit = 0;
        if (encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY) {
            dictionaryPage = true;
            dictionaryIds.start(bytes, from + 1, bytes.limit(), bytes.get(from));
        } else if (encoding != Encoding.PLAIN) {
            // the delta encodings, byte stream split, RLE flags: rare enough that a value at a time will do
            ValuesReader reader = encoding.getValuesReader(descriptor, ValuesType.VALUES);
            ByteBuffer rest = bytes.duplicate();
            rest.position(from);
            reader.initFromPage(valueCount, ByteBufferInputStream.wrap(rest.slice()));
            fallback = reader;
        }
    }
}
