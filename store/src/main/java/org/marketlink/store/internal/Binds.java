package org.marketlink.store.internal;

import org.jdbi.v3.core.statement.SqlStatement;
import org.marketlink.core.model.GeoPoint;
import org.marketlink.core.model.Location;

/** Binds shared value types to their columns. */
public final class Binds {
    private Binds() {
    }

    /** {@code place, region, country, latitude, longitude}. */
    public static void location(SqlStatement<?> s, Location location) {
        s.bind("place", location.place())
                .bind("region", location.region())
                .bind("country", location.country())
                .bind("latitude", Args.nullableDouble(location.point().map(GeoPoint::latitude).orElse(null)))
                .bind("longitude", Args.nullableDouble(location.point().map(GeoPoint::longitude).orElse(null)));
    }
}
