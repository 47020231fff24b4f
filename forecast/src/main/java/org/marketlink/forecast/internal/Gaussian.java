package org.marketlink.forecast.internal;

import java.util.SplittableRandom;

/** Standard normal draws from a seeded generator (the polar method), for simulated paths and seeded tests. */
public final class Gaussian {
    private Gaussian() {
    }

    /** One standard normal value; the generator is advanced, so use one per thread. */
    public static double next(SplittableRandom r) {
        double u;
        double v;
        double s;
        do {
            u = 2 * r.nextDouble() - 1;
            v = 2 * r.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
