package org.marketlink.core.io;

import org.marketlink.core.Checks;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How a CSV file is laid out.
 *
 * @param delimiter             field separator
 * @param quote                 quote character
 * @param charset               encoding; bytes that are not valid in it stop the read with an error naming the file
 * @param skipLinesAfterHeader  lines after the header that are not data (for example the HXL tag row of
 *                              humanitarian data files)
 */
public record CsvOptions(char delimiter, char quote, Charset charset, int skipLinesAfterHeader) {
    public CsvOptions {
        Checks.notNull("charset", charset);
        Checks.atLeast("skipLinesAfterHeader", skipLinesAfterHeader, 0);
        if (delimiter == quote) {
            throw new IllegalArgumentException("delimiter and quote must differ, both were '" + delimiter + "'");
        }
    }

    /** Comma-separated, double-quoted, UTF-8 (with or without a byte-order mark), no extra header lines. */
    public static CsvOptions defaults() {
        return new CsvOptions(',', '"', StandardCharsets.UTF_8, 0);
    }

    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(d, quote, charset, skipLinesAfterHeader);
    }

    public CsvOptions withSkipLinesAfterHeader(int lines) {
        return new CsvOptions(delimiter, quote, charset, lines);
    }

    public CsvOptions withCharset(Charset c) {
        return new CsvOptions(delimiter, quote, c, skipLinesAfterHeader);
    }
}
