package org.marketlink.core.io;

import java.io.IOException;

/**
 * What a CSV file's data records become, in file order: each a {@link org.marketlink.core.data.Row} (or its parsed
 * values), or a {@link CsvLayout.Problem}. Read on one thread ({@link CsvStreamOutcomes}) or by blocks on several
 * ({@link CsvBlockOutcomes}); both give the same outcomes with the same line numbers. Not thread-safe: one consumer.
 */
interface CsvOutcomes extends AutoCloseable {
    /** The next record's outcome, or null after the last one. */
    Object next() throws IOException;

    /** The first line (from 1) of the record {@link #next()} returned last. */
    long line();

    /** The layout the header gave; known once {@link #next()} has been called. */
    CsvLayout layout();

    @Override
    void close();
}
