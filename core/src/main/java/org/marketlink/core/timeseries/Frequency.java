package org.marketlink.core.timeseries;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** How often a regular time series has a value, with its usual seasonal period. */
public enum Frequency {
    /** One value an hour; a daily cycle of 24. */
    HOURLY(24),
    /** One value a day; a weekly cycle of 7. */
    DAILY(7),
    /** One value a week (weeks start on Monday); a yearly cycle of 52. */
    WEEKLY(52),
    /** One value a month; a yearly cycle of 12. */
    MONTHLY(12),
    /** One value a quarter; a yearly cycle of 4. */
    QUARTERLY(4),
    /** One value a year; no seasonal cycle. */
    YEARLY(1);

    private final int seasonalPeriod;

    Frequency(int seasonalPeriod) {
        this.seasonalPeriod = seasonalPeriod;
    }

    /** Periods per seasonal cycle: 24 hours, 7 days, 52 weeks, 12 months, 4 quarters, 1 year. */
    public int seasonalPeriod() {
        return seasonalPeriod;
    }

    /** The start of the period that contains {@code t} (weeks start on Monday). */
    public LocalDateTime periodStart(LocalDateTime t) {
        return switch (this) {
            case HOURLY -> t.truncatedTo(ChronoUnit.HOURS);
            case DAILY -> t.truncatedTo(ChronoUnit.DAYS);
            case WEEKLY -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case QUARTERLY -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
                    .withMonth(((t.getMonthValue() - 1) / 3) * 3 + 1);
            case YEARLY -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
        };
    }

    /** {@code t} moved by {@code n} periods. */
    public LocalDateTime plus(LocalDateTime t, long n) {
        return switch (this) {
            case HOURLY -> t.plusHours(n);
            case DAILY -> t.plusDays(n);
            case WEEKLY -> t.plusWeeks(n);
            case MONTHLY -> t.plusMonths(n);
            case QUARTERLY -> t.plusMonths(3 * n);
            case YEARLY -> t.plusYears(n);
        };
    }

    /** Whole periods from period start {@code a} to period start {@code b}. */
    public long between(LocalDateTime a, LocalDateTime b) {
        return switch (this) {
            case HOURLY -> ChronoUnit.HOURS.between(a, b);
            case DAILY -> ChronoUnit.DAYS.between(a, b);
            case WEEKLY -> ChronoUnit.WEEKS.between(a, b);
            case MONTHLY -> ChronoUnit.MONTHS.between(a, b);
            case QUARTERLY -> ChronoUnit.MONTHS.between(a, b) / 3;
            case YEARLY -> ChronoUnit.YEARS.between(a, b);
        };
    }

    /** Roughly how long one period is (for display and sizing only). */
    public Duration approximateLength() {
        return switch (this) {
            case HOURLY -> Duration.ofHours(1);
            case DAILY -> Duration.ofDays(1);
            case WEEKLY -> Duration.ofDays(7);
            case MONTHLY -> Duration.ofDays(30);
            case QUARTERLY -> Duration.ofDays(91);
            case YEARLY -> Duration.ofDays(365);
        };
    }
}
