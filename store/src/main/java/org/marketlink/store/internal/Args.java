package org.marketlink.store.internal;

import org.jdbi.v3.core.argument.Argument;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * JDBC arguments bound the same way on PostgreSQL and H2: times as {@code OffsetDateTime} in UTC (never through
 * the JVM's time zone), dates as {@code LocalDate}, UUIDs as objects, nulls with their SQL type.
 */
public final class Args {
    private Args() {
    }

    public static Argument timestamp(Instant value) {
        return (position, statement, ctx) -> {
            if (value == null) {
                statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(position, value.atOffset(ZoneOffset.UTC));
            }
        };
    }

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * A query bound: {@code Instant.MIN}, {@code Instant.MAX} and anything else beyond years 1..9999 are clamped
     * to that range, which both databases store, so "everything after t" can be asked with {@code Instant.MAX}.
     */
    public static Argument timestampBound(Instant value) {
        Instant clamped = value.isBefore(EARLIEST) ? EARLIEST : value.isAfter(LATEST) ? LATEST : value;
        return timestamp(clamped);
    }

    public static Argument date(LocalDate value) {
        return (position, statement, ctx) -> {
            if (value == null) {
                statement.setNull(position, Types.DATE);
            } else {
                statement.setObject(position, value);
            }
        };
    }

    public static Argument uuid(UUID value) {
        return (position, statement, ctx) -> {
            if (value == null) {
                statement.setNull(position, Types.OTHER);
            } else {
                statement.setObject(position, value);
            }
        };
    }

    public static Argument decimal(BigDecimal value) {
        return (position, statement, ctx) -> statement.setBigDecimal(position, value);
    }

    public static Argument nullableDouble(Double value) {
        return (position, statement, ctx) -> {
            if (value == null) {
                statement.setNull(position, Types.DOUBLE);
            } else {
                statement.setDouble(position, value);
            }
        };
    }

    public static Argument text(String value) {
        return (position, statement, ctx) -> {
            if (value == null) {
                statement.setNull(position, Types.VARCHAR);
            } else {
                statement.setString(position, value);
            }
        };
    }

    public static Argument bytes(byte[] value) {
        return (position, statement, ctx) -> {
            if (value == null) {
                statement.setNull(position, Types.BINARY);
            } else {
                statement.setBytes(position, value);
            }
        };
    }
}
