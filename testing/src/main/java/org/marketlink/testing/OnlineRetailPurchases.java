package org.marketlink.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The purchase lines of the UCI Online Retail file in the shared data ({@code online_retail_2010-12_2011-09.csv.gz})
 * that say something about a customer's preference, for the ranking tests and benchmarks. Left out: cancellations
 * (invoices starting with {@code C}), pseudo-items whose stock code does not start with a digit ({@code POST},
 * {@code DOT}, {@code M}, ...), anonymous sales (no customer) and returns (quantity ≤ 0).
 *
 * <p>Stateless and thread-safe.
 */
public final class OnlineRetailPurchases {
    /** The shared data file read. */
    public static final String FILE = "online_retail_2010-12_2011-09.csv.gz";

    /** One purchase line: the stock code, the customer id as written in the file, and the invoice day. */
    public record Purchase(String stockCode, String customer, LocalDate day) {
    }

    private OnlineRetailPurchases() {
    }

    /** Every kept line, in file order. */
    public static List<Purchase> read() throws IOException {
        List<Purchase> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(SharedData.file(FILE))), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String raw; (raw = in.readLine()) != null; ) {
                List<String> c = CsvLines.split(raw);
                String code = c.get(1);
                String customer = c.get(6);
                if (c.get(0).startsWith("C") || code.isEmpty() || !Character.isDigit(code.charAt(0))
                        || customer.isEmpty() || Double.parseDouble(c.get(3)) <= 0) {
                    continue;
                }
                out.add(new Purchase(code, customer, LocalDate.parse(c.get(4).substring(0, 10))));
            }
        }
        return out;
    }
}
