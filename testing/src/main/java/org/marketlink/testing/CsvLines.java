package org.marketlink.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately simple, quote-aware split of one CSV line, so that tests can count rows of real files without
 * sharing the library's parser. Stateless and thread-safe.
 */
public final class CsvLines {
    private CsvLines() {
    }

    /**
     * The cells of {@code line}: split at commas outside double quotes, quotes removed and doubled quotes read as one.
     */
    public static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
