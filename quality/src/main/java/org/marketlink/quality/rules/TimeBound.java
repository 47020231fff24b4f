package org.marketlink.quality.rules;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A bound of a {@code timeBetween} rule as a file writes it: a whole day ({@code 2024-01-01}) or an instant. */
record TimeBound(LocalDate day, Instant instant) implements Serializable {

    static TimeBound parse(String parameter, String text) {
        String t = text.trim();
        try {
            return t.length() == 10 ? new TimeBound(LocalDate.parse(t), null) : new TimeBound(null, Instant.parse(t));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(parameter + ": '" + text + "' is neither a date (2024-01-01) nor an "
                    + "instant (2024-01-01T06:00:00Z)", e);
        }
    }

    Instant earliestInstant() {
        return instant != null ? instant : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The last instant of the bound: the end of its day for a date (the nanosecond before the next day). */
    Instant latestInstant() {
        return instant != null ? instant : day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
    }

    LocalDate date(String parameter) {
        if (day == null) {
            throw new IllegalArgumentException(parameter + ": a DATE column takes a date bound (2024-01-01), was the "
                    + "instant " + instant);
        }
        return day;
    }
}
