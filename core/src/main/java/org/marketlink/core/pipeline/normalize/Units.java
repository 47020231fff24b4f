package org.marketlink.core.pipeline.normalize;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads pack sizes such as {@code "90 KG"}, {@code "400 G"}, {@code "1 L"}, {@code "500ml"}, {@code "Unit"} or
 * {@code "Dozen"} as a {@link Quantity} in a base unit (kg, l or unit), and turns a pack price into a price per
 * base unit. Anything it does not recognise is reported as empty, never guessed. Thread-safe.
 */
public final class Units {
    /** Factor to the base unit, and the base unit, of each recognised unit word. */
    private static final Map<String, Object[]> UNITS = Map.ofEntries(
            Map.entry("kg", new Object[] {BigDecimal.ONE, "kg"}),
            Map.entry("kgs", new Object[] {BigDecimal.ONE, "kg"}),
            Map.entry("kilogram", new Object[] {BigDecimal.ONE, "kg"}),
            Map.entry("g", new Object[] {new BigDecimal("0.001"), "kg"}),
            Map.entry("gr", new Object[] {new BigDecimal("0.001"), "kg"}),
            Map.entry("gram", new Object[] {new BigDecimal("0.001"), "kg"}),
            Map.entry("mt", new Object[] {new BigDecimal("1000"), "kg"}),
            Map.entry("tonne", new Object[] {new BigDecimal("1000"), "kg"}),
            Map.entry("l", new Object[] {BigDecimal.ONE, "l"}),
            Map.entry("litre", new Object[] {BigDecimal.ONE, "l"}),
            Map.entry("liter", new Object[] {BigDecimal.ONE, "l"}),
            Map.entry("ml", new Object[] {new BigDecimal("0.001"), "l"}),
            Map.entry("unit", new Object[] {BigDecimal.ONE, "unit"}),
            Map.entry("units", new Object[] {BigDecimal.ONE, "unit"}),
            Map.entry("piece", new Object[] {BigDecimal.ONE, "unit"}),
            Map.entry("pcs", new Object[] {BigDecimal.ONE, "unit"}),
            Map.entry("dozen", new Object[] {new BigDecimal("12"), "unit"}));

    private Units() {
    }

    /**
     * The quantity a pack-size text stands for: an optional positive number (default 1) and a unit word, with or
     * without a space ({@code "90 KG"}, {@code "400G"}, {@code "Unit"}).
     */
    public static Optional<Quantity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        BigDecimal count = BigDecimal.ONE;
        if (i > 0) {
            try {
                count = new BigDecimal(s.substring(0, i));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (count.signum() <= 0) {
                return Optional.empty();
            }
        }
        Object[] unit = UNITS.get(s.substring(i).strip());
        if (unit == null) {
            return Optional.empty();
        }
        return Optional.of(new Quantity(count.multiply((BigDecimal) unit[0]).stripTrailingZeros(), (String) unit[1]));
    }

    /** Price per base unit of a pack priced {@code packPrice}, to 4 decimals; empty when the unit is unknown. */
    public static Optional<BigDecimal> pricePerBaseUnit(BigDecimal packPrice, String packUnit) {
        return parse(packUnit).map(q -> packPrice.divide(q.amount(), MathContext.DECIMAL64)
                .setScale(4, RoundingMode.HALF_EVEN));
    }
}
