package org.marketlink.core.model;

import org.marketlink.core.Checks;
import org.marketlink.core.data.Personal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A buyer's order from a producer group. Natural key: {@code reference}.
 *
 * @param id              host-assigned identifier
 * @param reference       the order number the parties use, unique, at most 100 characters
 * @param shgId           the selling group
 * @param buyerId         the buyer
 * @param lines           at least one line
 * @param totalValue      the sum of the lines' totals, exactly
 * @param orderedAt       when it was placed
 * @param deliveryDate    when it is or was to be delivered, not before the order date
 * @param status          fulfilment status
 * @param paymentStatus   payment status
 * @param deliveryAddress where to deliver (personal data), may be empty
 * @param feedback        the buyer's feedback after delivery, when given
 */
public record Order(UUID id, String reference, UUID shgId, UUID buyerId, List<OrderLine> lines,
                    BigDecimal totalValue, Instant orderedAt, Optional<LocalDate> deliveryDate, OrderStatus status,
                    PaymentStatus paymentStatus, @Personal String deliveryAddress, @Personal Optional<String> feedback) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public Order {
        Checks.notNull("id", id);
        reference = Checks.text("reference", reference, 100);
        Checks.notNull("shgId", shgId);
        Checks.notNull("buyerId", buyerId);
        lines = Checks.list("lines", lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("lines must not be empty for order " + reference);
        }
        totalValue = Checks.money("totalValue", totalValue);
        BigDecimal sum = sumOf(lines);
        if (sum.compareTo(totalValue) != 0) {
            throw new IllegalArgumentException("totalValue must equal the sum of the lines (" + sum.toPlainString()
                    + "), was " + totalValue.toPlainString() + " for order " + reference);
        }
        orderedAt = Checks.instant("orderedAt", orderedAt);
        deliveryDate = deliveryDate == null ? Optional.empty() : deliveryDate;
        Checks.notNull("status", status);
        Checks.notNull("paymentStatus", paymentStatus);
        deliveryAddress = Checks.orEmpty(deliveryAddress);
        feedback = feedback == null ? Optional.empty() : feedback.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** An order whose total is computed from its lines. */
    public static Order of(UUID id, String reference, UUID shgId, UUID buyerId, List<OrderLine> lines,
                           Instant orderedAt, LocalDate deliveryDate, OrderStatus status, PaymentStatus paymentStatus,
                           String deliveryAddress) {
        return new Order(id, reference, shgId, buyerId, lines, sumOf(Checks.list("lines", lines)), orderedAt,
                Optional.ofNullable(deliveryDate), status, paymentStatus, deliveryAddress, Optional.empty());
    }

    private static BigDecimal sumOf(List<OrderLine> lines) {
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        for (OrderLine line : lines) {
            sum = sum.add(line.lineTotal());
        }
        return sum;
    }

    @Override
    public String toString() {
        return "Order[id=" + id + ", reference=" + reference + ", lines=" + lines.size() + ", total="
                + totalValue.toPlainString() + ", status=" + status + "]";
    }
}
