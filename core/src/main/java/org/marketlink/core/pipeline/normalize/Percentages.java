package org.marketlink.core.pipeline.normalize;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * Reads a percentage written {@code "18%"}, {@code "18 %"} or {@code "0.18"} as the fraction 0.18.
 *
 * <p>The rule for bare numbers, stated because they are ambiguous: a value with a percent sign is always
 * percent; a bare value in [0, 1] is a fraction; a bare value above 1 and at most 100 is ambiguous (is "5" five
 * percent or five hundred?) and is refused unless the caller says bare numbers are percent. Negative values and
 * values above 100 % are refused. Thread-safe.
 */
public final class Percentages {
    /** How to read a bare number above 1. */
    public enum BareNumbers {
        /** A bare number above 1 is refused as ambiguous. */
        FRACTIONS_ONLY,
        /** A bare number above 1 is read as percent. */
        PERCENT_ABOVE_ONE
    }

    private Percentages() {
    }

    /** The fraction in [0, 1], or empty when the text is not a percentage under the rule above. */
    public static Optional<BigDecimal> parse(String text, BareNumbers bare) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        boolean percent = s.endsWith("%");
        if (percent) {
            s = s.substring(0, s.length() - 1).strip();
        }
        BigDecimal value;
        try {
            value = new BigDecimal(s);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (value.signum() < 0) {
            return Optional.empty();
        }
        if (!percent && value.compareTo(BigDecimal.ONE) <= 0) {
            return Optional.of(value.stripTrailingZeros());
        }
        if (!percent && bare == BareNumbers.FRACTIONS_ONLY) {
            return Optional.empty();
        }
        if (value.compareTo(BigDecimal.valueOf(100)) > 0) {
            return Optional.empty();
        }
        return Optional.of(value.divide(BigDecimal.valueOf(100), MathContext.DECIMAL64).stripTrailingZeros());
    }
}
