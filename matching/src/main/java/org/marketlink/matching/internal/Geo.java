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
        if (x <= 0.25) {
            // distances up to about 3,200 km, nearly every pair in a national market: a shorter polynomial suffices
            return shortSeries(x);
        }
        if (x <= 0.5) {
            return series(x);
        }
        // asin(x) = π/2 − 2·asin(√((1−x)/2)), and √((1−x)/2) ≤ 0.5
        return Math.PI / 2 - 2 * series(Math.sqrt((1 - x) * 0.5));
    }

    // Taylor series of asin to x^35: for x ≤ 0.5 the first omitted term is below 1e-13.
    private static final double[] C = coefficients(18);
    private static final double C0 = C[0], C1 = C[1], C2 = C[2], C3 = C[3], C4 = C[4], C5 = C[5], C6 = C[6],
            C7 = C[7], C8 = C[8], C9 = C[9], C10 = C[10], C11 = C[11], C12 = C[12], C13 = C[13], C14 = C[14],
            C15 = C[15], C16 = C[16], C17 = C[17];

    // to x^21: for x ≤ 0.25 the first omitted term is below 1e-14
    private static double shortSeries(double x) {
        double t = x * x;
        double t2 = t * t;
        double t4 = t2 * t2;
        double t8 = t4 * t4;
        double b0 = C0 + C1 * t + (C2 + C3 * t) * t2;
        double b1 = C4 + C5 * t + (C6 + C7 * t) * t2;
        double b2 = C8 + C9 * t + C10 * t2;
        return x * (b0 + b1 * t4 + b2 * t8);
    }

    private static double series(double x) {
        // Estrin's scheme: pairs, then pairs of pairs, so the multiplications do not wait on each other in one long
        // chain as Horner's rule makes them (this polynomial is most of the cost of a pair's score)
        double t = x * x;
        double t2 = t * t;
        double t4 = t2 * t2;
        double t8 = t4 * t4;
        double t16 = t8 * t8;
        double a0 = C0 + C1 * t;
        double a1 = C2 + C3 * t;
        double a2 = C4 + C5 * t;
        double a3 = C6 + C7 * t;
        double a4 = C8 + C9 * t;
        double a5 = C10 + C11 * t;
        double a6 = C12 + C13 * t;
        double a7 = C14 + C15 * t;
        double a8 = C16 + C17 * t;
        double b0 = a0 + a1 * t2;
        double b1 = a2 + a3 * t2;
        double b2 = a4 + a5 * t2;
        double b3 = a6 + a7 * t2;
        double c0 = b0 + b1 * t4;
        double c1 = b2 + b3 * t4;
        return x * (c0 + c1 * t8 + a8 * t16);
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
