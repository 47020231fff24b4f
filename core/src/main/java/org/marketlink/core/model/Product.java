package org.marketlink.core.model;

import org.marketlink.core.Checks;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Something a producer group sells. Natural key: {@code (shgId, name)}.
 *
 * @param id                   host-assigned identifier
 * @param shgId                the producer group
 * @param name                 product name, unique within the group, at most 200 characters
 * @param category             lower-case category (for example {@code spices}), at most 100 characters
 * @param description          free text, may be empty
 * @param unit                 selling unit (for example {@code kg}, {@code piece}, {@code 500 g pack}), at most 50 characters
 * @param unitPrice            price per unit, &gt; 0, scale 2
 * @param costPrice            cost per unit, ≥ 0, scale 2
 * @param images               image URLs or paths
 * @param certifications       certifications of this product
 * @param shelfLifeDays        days before it spoils; 0 means it does not perish
 * @param minimumOrderQuantity smallest order accepted, ≥ 1
 * @param availableQuantity    units in stock, ≥ 0
 * @param sustainabilityScore  0..1
 * @param createdAt            creation time
 * @param updatedAt            last change, not before {@code createdAt}
 */
public record Product(UUID id, UUID shgId, String name, String category, String description, String unit,
                      BigDecimal unitPrice, BigDecimal costPrice, List<String> images, List<String> certifications,
                      int shelfLifeDays, int minimumOrderQuantity, int availableQuantity,
                      double sustainabilityScore, Instant createdAt, Instant updatedAt) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public Product {
        Checks.notNull("id", id);
        Checks.notNull("shgId", shgId);
        name = Checks.text("name", name, 200);
        category = Checks.text("category", category, 100).toLowerCase(Locale.ROOT);
        description = Checks.orEmpty(description);
        unit = Checks.text("unit", unit, 50);
        unitPrice = Checks.positiveMoney("unitPrice", unitPrice);
        costPrice = Checks.money("costPrice", costPrice);
        images = Checks.list("images", images);
        certifications = Checks.list("certifications", certifications);
        Checks.atLeast("shelfLifeDays", shelfLifeDays, 0);
        Checks.atLeast("minimumOrderQuantity", minimumOrderQuantity, 1);
        Checks.atLeast("availableQuantity", availableQuantity, 0);
        Checks.between("sustainabilityScore", sustainabilityScore, 0, 1);
        createdAt = Checks.instant("createdAt", createdAt);
        updatedAt = Checks.instant("updatedAt", updatedAt);
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt must not be before createdAt, was " + updatedAt
                    + " < " + createdAt);
        }
    }

    /** This product with another stock level and update time. */
    public Product withAvailableQuantity(int quantity, Instant at) {
        return new Product(id, shgId, name, category, description, unit, unitPrice, costPrice, images,
                certifications, shelfLifeDays, minimumOrderQuantity, quantity, sustainabilityScore, createdAt, at);
    }
}
