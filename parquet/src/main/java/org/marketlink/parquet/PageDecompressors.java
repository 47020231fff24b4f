package org.marketlink.parquet;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The decompressors a column read uses: Snappy pages (the codec DuckDB, Spark and parquet-java write by default)
 * decompressed by snappy-java straight from the page's bytes into an array of the page's size, and every other codec
 * by parquet-java's own. parquet-java's Snappy path goes through a Hadoop-style stream with a copy into and out of
 * direct buffers, which measured as long as DuckDB's whole read of the same file; snappy-java itself (the library
 * parquet-java calls underneath) does the work here, so the bytes are the same. Only decompression is offered:
 * reading never compresses. Thread-safe (no state of its own; the delegate is parquet-java's default factory).
 */
final class PageDecompressors implements CompressionCodecFactory {
    private final CompressionCodecFactory others = ParquetReadOptions.builder().build().getCodecFactory();
    private final BytesInputDecompressor snappy = new SnappyPages(others.getDecompressor(CompressionCodecName.SNAPPY));

    /** Read options that use these decompressors. */
    static ParquetReadOptions readOptions() {
        return ParquetReadOptions.builder().withCodecFactory(new PageDecompressors()).build();
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("a reader's codecs do not compress");
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return codec == CompressionCodecName.SNAPPY ? snappy : others.getDecompressor(codec);
    }

    @Override
    public void release() {
        others.release();
    }

    /** Snappy from a page's bytes into a new array, through snappy-java's array form (no direct-buffer copies). */
    private static final class SnappyPages implements BytesInputDecompressor {
        private final BytesInputDecompressor buffers;

        SnappyPages(BytesInputDecompressor buffers) {
            this.buffers = buffers;
        }

        @Override
        public BytesInput decompress(BytesInput compressed, int uncompressedSize) throws IOException {
            ByteBuffer in = compressed.toByteBuffer();
            byte[] out = new byte[uncompressedSize];
            int n;
            if (in.hasArray()) {
                n = Snappy.uncompress(in.array(), in.arrayOffset() + in.position(), in.remaining(), out, 0);
            } else {
                byte[] bytes = compressed.toByteArray();
                n = Snappy.uncompress(bytes, 0, bytes.length, out, 0);
            }
            if (n != uncompressedSize) {
                throw new IOException("a Snappy page decompressed to " + n + " bytes, but its header says "
                        + uncompressedSize);
            }
            return BytesInput.from(out);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            // the buffer form (parquet-java's direct-memory path, not the one this reader takes) as parquet-java does it
            buffers.decompress(input, compressedSize, output, uncompressedSize);
        }

        @Override
        public void release() {
            // nothing held
        }
    }
}
