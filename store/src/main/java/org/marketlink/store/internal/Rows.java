package org.marketlink.store.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.Json;
import org.marketlink.core.model.GeoPoint;
import org.marketlink.core.model.Location;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Typed column reads shared by the row mappers. */
public final class Rows {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> NUMBERS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() { };

    private Rows() {
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    public static Optional<GeoPoint> point(ResultSet rs) throws SQLException {
        double lat = rs.getDouble("latitude");
        if (rs.wasNull()) {
            return Optional.empty();
        }
        return Optional.of(new GeoPoint(lat, rs.getDouble("longitude")));
    }

    public static Location location(ResultSet rs) throws SQLException {
        return new Location(rs.getString("place"), rs.getString("region"), rs.getString("country"), point(rs));
    }

    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        return json(rs, column, STRINGS);
    }

    public static Map<String, Double> numbers(ResultSet rs, String column) throws SQLException {
        return json(rs, column, NUMBERS);
    }

    public static Map<String, String> texts(ResultSet rs, String column) throws SQLException {
        return json(rs, column, TEXTS);
    }

    private static <T> T json(ResultSet rs, String column, TypeReference<T> type) throws SQLException {
        String text = rs.getString(column);
        try {
            return Json.mapper().readValue(text, type);
        } catch (IOException e) {
            throw new UnableToReadException("column " + column + " does not hold valid JSON",
                    DatabaseErrors.withheld(e));
        }
    }

    /** JSON text of a value, for binding to a JSON column. */
    public static String toJson(Object value) {
        return Json.write(value);
    }
}
