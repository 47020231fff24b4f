package org.marketlink.core.features.product;

import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.model.Product;

import java.time.LocalDate;
import java.util.List;

/**
 * What the product features are computed from, as of a day.
 *
 * @param product       the product
 * @param sales         its daily sales (price, units, orders), any order
 * @param market        market observations of it (price, competitors, availability), any order
 * @param ratings       ratings buyers gave it, 0..5
 * @param unitsReturned units returned by buyers
 * @param asOf          the day the features describe; later records are ignored
 */
public record ProductHistory(Product product, List<PricingHistory> sales, List<MarketData> market,
                             List<Double> ratings, double unitsReturned, LocalDate asOf) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public ProductHistory {
        if (product == null || asOf == null) {
            throw new IllegalArgumentException("product and asOf must be given");
        }
        sales = sales == null ? List.of() : List.copyOf(sales);
        market = market == null ? List.of() : List.copyOf(market);
        ratings = ratings == null ? List.of() : List.copyOf(ratings);
        for (PricingHistory s : sales) {
            if (!s.productId().equals(product.id())) {
                throw new IllegalArgumentException("sales of " + s.productId() + " on " + s.saleDate()
                        + " do not belong to product " + product.id());
            }
        }
        if (!(unitsReturned >= 0) || !Double.isFinite(unitsReturned)) {
            throw new IllegalArgumentException("unitsReturned must be a finite number ≥ 0, was " + unitsReturned);
        }
    }
}
