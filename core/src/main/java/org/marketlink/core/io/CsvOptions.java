package org.marketlink.core.io;

import org.marketlink.core.Checks;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How a CSV file is laid out. Immutable and thread-safe.
 *
 * @param delimiter             field separator
 * @param quote                 quote character
 * @param charset               encoding; bytes that are not valid in it stop the read with an error naming the file
 * @param skipLinesAfterHeader  lines after the header that are not data (for example the HXL tag row of
 *                              humanitarian data files)
 * @param maxRecordChars        the longest record read, in characters: a longer one (a quote never closed, a
 *                              runaway line) is quarantined as {@code MALFORMED_CSV} and reading goes on at the
 *                              next line, so memory stays bounded whatever the file holds
 */
public record CsvOptions(char delimiter, char quote, Charset charset, int skipLinesAfterHeader, int maxRecordChars) {
    /** Validates every option, naming the option and the value. */
    public CsvOptions {
        Checks.notNull("charset", charset);
        Checks.atLeast("skipLinesAfterHeader", skipLinesAfterHeader, 0);
        Checks.atLeast("maxRecordChars", maxRecordChars, 16);
        if (delimiter == quote) {
            throw new IllegalArgumentException("delimiter and quote must differ, both were '" + delimiter + "'");
        }
        if (delimiter == '\n' || delimiter == '\r' || quote == '\n' || quote == '\r') {
            throw new IllegalArgumentException("delimiter and quote cannot be line breaks");
        }
    }

    /**
     * Comma-separated, double-quoted, UTF-8 (with or without a byte-order mark), no extra header lines, records of
     * up to 1,048,576 characters.
     */
    public static CsvOptions defaults() {
        return new CsvOptions(',', '"', StandardCharsets.UTF_8, 0, 1 << 20);
    }

    /** These options with another field separator. */
    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(d, quote, charset, skipLinesAfterHeader, maxRecordChars);
    }

    /** These options skipping {@code lines} lines after the header. */
    public CsvOptions withSkipLinesAfterHeader(int lines) {
        return new CsvOptions(delimiter, quote, charset, lines, maxRecordChars);
    }

    /** These options reading text in {@code c}. */
    public CsvOptions withCharset(Charset c) {
        return new CsvOptions(delimiter, quote, c, skipLinesAfterHeader, maxRecordChars);
    }

    /** These options with another longest record. */
    public CsvOptions withMaxRecordChars(int chars) {
        return new CsvOptions(delimiter, quote, charset, skipLinesAfterHeader, chars);
    }
}
