package org.marketlink.matching.internal;

/**
 * Great-circle distances from unit vectors, without the library arcsine (which is not an intrinsic and costs more
 * than the rest of a pair's score). Agrees with {@link org.marketlink.core.model.GeoPoint#distanceKm} to about 1e-9 km.
 */
public final class Geo {
    /** The mean earth radius {@link org.marketlink.core.model.GeoPoint} uses. */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    private Geo() {
    }

    /** Writes the unit vector of a point into {@code out[at..at+2]}. */
    public static void unitVector(double latitude, double longitude, double[] out, int at) {
        double lat = Math.toRadians(latitude);
        double lon = Math.toRadians(longitude);
        out[at] = Math.cos(lat) * Math.cos(lon);
        out[at + 1] = Math.cos(lat) * Math.sin(lon);
        out[at + 2] = Math.sin(lat);
    }

    /** Distance in km between two unit vectors given the squared length of their difference (the chord). */
    public static double kmFromChordSquared(double chordSquared) {
        // haversine: h = sin²(θ/2) = chord²/4, θ = 2 asin(√h)
        double s = Math.sqrt(Math.min(1, chordSquared * 0.25));
        return 2 * EARTH_RADIUS_KM * asin(s);
    }

    /** Squared chord of the great circle arc of {@code km}, for comparing against a distance limit without trig. */
    public static double chordSquaredOfKm(double km) {
        if (km >= Math.PI * EARTH_RADIUS_KM) {
            return 4;
        }
        double s = Math.sin(km / (2 * EARTH_RADIUS_KM));
        return 4 * s * s;
    }

    /** Arcsine of {@code x} in {@code [0, 1]}, within about 1e-12 of {@link Math#asin}. */
    public static double asin(double x) {
        if (x <= 0.5) {
            return series(x);
        }
        // asin(x) = π/2 − 2·asin(√((1−x)/2)), and √((1−x)/2) ≤ 0.5
        return Math.PI / 2 - 2 * series(Math.sqrt((1 - x) * 0.5));
    }

    // Taylor series of asin to x^35: for x ≤ 0.5 the first omitted term is below 1e-13.
    private static final double[] C = coefficients(18);

    private static double series(double x) {
        double x2 = x * x;
        double p = C[C.length - 1];
        for (int i = C.length - 2; i >= 0; i--) {
            p = p * x2 + C[i];
        }
        return x * p;
    }

    private static double[] coefficients(int n) {
        // c_k = (2k)! / (4^k (k!)² (2k+1))
        double[] c = new double[n];
        double ratio = 1; // (2k)! / (4^k (k!)²)
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                ratio *= (2.0 * k - 1) / (2.0 * k);
            }
            c[k] = ratio / (2 * k + 1);
        }
        return c;
    }
}
