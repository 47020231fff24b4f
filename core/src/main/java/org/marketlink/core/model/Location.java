package org.marketlink.core.model;

import org.marketlink.core.Checks;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a producer or buyer is.
 *
 * @param place   village, town or market name, at most 200 characters
 * @param region  district, county or state; part of natural keys, so required, at most 200 characters
 * @param country ISO 3166-1 alpha-2 code, upper case
 * @param point   coordinates, when known
 */
public record Location(String place, String region, String country, Optional<GeoPoint> point) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public Location {
        place = Checks.atMost("place", Checks.orEmpty(place), 200);
        region = Checks.text("region", region, 200);
        country = Checks.notBlank("country", country).toUpperCase(Locale.ROOT);
        if (country.length() != 2 || !country.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code, was '" + country + "'");
        }
        point = point == null ? Optional.empty() : point;
    }

    /** A location; the point may be null when not known. */
    public static Location of(String place, String region, String country, GeoPoint point) {
        return new Location(place, region, country, Optional.ofNullable(point));
    }
}
