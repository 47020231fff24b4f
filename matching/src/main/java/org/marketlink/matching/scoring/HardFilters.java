package org.marketlink.matching.scoring;

import org.marketlink.core.model.Buyer;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;

/**
 * Conditions a pair must meet to be recommended at all, whatever its score.
 *
 * @param maxDistanceKm          farthest allowed distance; {@code Double.POSITIVE_INFINITY} for no limit. With a limit,
 *                               a pair whose distance is unknown does not pass
 * @param requireCertifications  the group must hold every certification the buyer requires
 * @param requireCommonCategory  at least one of the group's categories must be among the buyer's preferences
 * @param requireCapacity        the group's monthly capacity must reach the buyer's smallest usual order
 */
public record HardFilters(double maxDistanceKm, boolean requireCertifications, boolean requireCommonCategory,
                          boolean requireCapacity) {
    /** Checks that the distance limit is positive. */
    public HardFilters {
        if (!(maxDistanceKm > 0)) {
            throw new IllegalArgumentException("maxDistanceKm must be positive (or infinite for no limit), was "
                    + maxDistanceKm);
        }
    }

    /** Nothing is filtered out. */
    public static HardFilters none() {
        return new HardFilters(Double.POSITIVE_INFINITY, false, false, false);
    }

    /** Only a category in common is required. */
    public static HardFilters defaults() {
        return new HardFilters(Double.POSITIVE_INFINITY, false, true, false);
    }

    /** These filters with pairs farther than {@code km} kilometres left out. */
    public HardFilters withMaxDistanceKm(double km) {
        return new HardFilters(km, requireCertifications, requireCommonCategory, requireCapacity);
    }

    /** These filters with the buyer's required certifications required ({@code on}) or not. */
    public HardFilters withRequireCertifications(boolean on) {
        return new HardFilters(maxDistanceKm, on, requireCommonCategory, requireCapacity);
    }

    /** These filters with a category in common required ({@code on}) or not. */
    public HardFilters withRequireCommonCategory(boolean on) {
        return new HardFilters(maxDistanceKm, requireCertifications, on, requireCapacity);
    }

    /** These filters with enough monthly capacity for the buyer's smallest usual order required ({@code on}) or not. */
    public HardFilters withRequireCapacity(boolean on) {
        return new HardFilters(maxDistanceKm, requireCertifications, requireCommonCategory, on);
    }

    /** Whether the pair passes, checked on the records (the readable definition retrieval is tested against). */
    public boolean passes(ShgProfile profile, Buyer buyer) {
        if (maxDistanceKm != Double.POSITIVE_INFINITY) {
            double km = PairFeatures.distanceKm(profile.shg(), buyer);
            if (Double.isNaN(km) || km > maxDistanceKm) {
                return false;
            }
        }
        if (requireCertifications && !profile.certificationsHeld().containsAll(buyer.certificationsRequired())) {
            return false;
        }
        if (requireCommonCategory && profile.categoryShares().keySet().stream()
                .noneMatch(buyer.categoryPreferences()::contains)) {
            return false;
        }
        return !requireCapacity || profile.shg().monthlyCapacity() >= buyer.orderVolume().min();
    }
}
