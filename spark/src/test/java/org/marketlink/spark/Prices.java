package org.marketlink.spark;

import org.marketlink.core.data.Row;

import java.util.Locale;

/** The README's normalising stage of order rows ({@link RandomOrders}): a status as the suite expects it. */
final class Prices {
    private Prices() {
    }

    /** The row with its status stripped and in upper case, whatever its case and spacing. */
    static Row normalize(Row r) {
        String status = r.getString(1);
        return Row.of(r.schema(), r.get(0), status == null ? null : status.strip().toUpperCase(Locale.ROOT), r.get(2),
                r.get(3), r.get(4));
    }
}
