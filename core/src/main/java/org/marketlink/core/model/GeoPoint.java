package org.marketlink.core.model;

import org.marketlink.core.Checks;

/**
 * A point on the earth in WGS84 degrees.
 *
 * @param latitude  −90..90
 * @param longitude −180..180
 */
public record GeoPoint(double latitude, double longitude) {
    private static final double EARTH_RADIUS_KM = 6371.0088;

    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public GeoPoint {
        Checks.between("latitude", latitude, -90, 90);
        Checks.between("longitude", longitude, -180, 180);
    }

    /** Great-circle distance in kilometres by the haversine formula (mean earth radius). */
    public double distanceKm(GeoPoint other) {
        double lat1 = Math.toRadians(latitude);
        double lat2 = Math.toRadians(other.latitude);
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(other.longitude - longitude);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
