package org.marketlink.core.io;

import org.marketlink.core.data.Schema;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

/** A CSV file's outcomes read on the calling thread, through one decoding {@link Reader}. */
final class CsvStreamOutcomes implements CsvOutcomes {
    private final Path file;
    private final Schema schema;
    private final CsvOptions options;
    private final boolean rows;
    private final Reader reader;
    private final CsvRecords records;
    private CsvLayout layout;
    private boolean done;
    private long line;

    CsvStreamOutcomes(Path file, Schema schema, CsvOptions options, boolean rows, Reader reader) {
        this.file = file;
        this.schema = schema;
        this.options = options;
        this.rows = rows;
        this.reader = reader;
        this.records = new CsvRecords(reader, options.delimiter(), options.quote(), options.maxRecordChars());
    }

    @Override
    public Object next() throws IOException {
        if (done) {
            return null;
        }
        if (layout == null) {
            layout = CsvLayout.read(records, file, schema, options);
            if (layout == null) {
                done = true;
                return null;
            }
        }
        CsvRecords.Record record = records.next();
        if (record == null) {
            done = true;
            return null;
        }
        line = record.line();
        return layout.outcome(record, rows);
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
        CsvSource.closeQuietly(reader);
    }
}
