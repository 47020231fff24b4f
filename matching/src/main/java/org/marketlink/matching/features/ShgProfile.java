package org.marketlink.matching.features;

import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A producer group with the products it sells, and the figures the pair features need from them, computed once.
 *
 * @param shg      the group
 * @param products its products (may be empty); each must belong to the group
 */
public record ShgProfile(Shg shg, List<Product> products) {
    /** Checks that the group is given and that every product belongs to it; copies the list. */
    public ShgProfile {
        if (shg == null) {
            throw new IllegalArgumentException("shg must not be null");
        }
        products = products == null ? List.of() : List.copyOf(products);
        for (Product p : products) {
            if (!p.shgId().equals(shg.id())) {
                throw new IllegalArgumentException("product " + p.id() + " belongs to shg " + p.shgId()
                        + ", not to " + shg.id());
            }
        }
    }

    /** The profile of {@code shg} selling {@code products}. */
    public static ShgProfile of(Shg shg, List<Product> products) {
        return new ShgProfile(shg, products);
    }

    /** Share of products per category, in first-seen order; the group's own category with share 1 when it has none. */
    public Map<String, Double> categoryShares() {
        Map<String, Double> shares = new LinkedHashMap<>();
        if (products.isEmpty()) {
            shares.put(shg.category(), 1.0);
            return shares;
        }
        for (Product p : products) {
            shares.merge(p.category(), 1.0 / products.size(), Double::sum);
        }
        return shares;
    }

    /** Certifications held by the group itself or by any of its products. */
    public Set<String> certificationsHeld() {
        Set<String> held = new LinkedHashSet<>(shg.certifications());
        products.forEach(p -> held.addAll(p.certifications()));
        return held;
    }

    /** Lowest unit price, NaN without products. */
    public double minPrice() {
        return products.stream().mapToDouble(p -> p.unitPrice().doubleValue()).min().orElse(Double.NaN);
    }

    /** Highest unit price, NaN without products. */
    public double maxPrice() {
        return products.stream().mapToDouble(p -> p.unitPrice().doubleValue()).max().orElse(Double.NaN);
    }

    /** Mean unit price, NaN without products. */
    public double averagePrice() {
        return products.stream().mapToDouble(p -> p.unitPrice().doubleValue()).average().orElse(Double.NaN);
    }
}
