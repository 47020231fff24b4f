package org.marketlink.matching.features;

import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.GeoPoint;
import org.marketlink.core.model.Shg;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the {@link PairFeature pair features} of a producer group and a buyer from the records, one pair at a time.
 * This is the readable definition of the features; retrieval computes the same numbers from columns of primitives
 * and is tested against this class. Immutable and thread-safe.
 */
public final class PairFeatures {
    private final Options options;

    /**
     * How the features are computed.
     *
     * @param distanceScaleKm distance at which {@link PairFeature#PROXIMITY} reaches 0; &gt; 0
     * @param costModel       prices transport for {@link PairFeature#LOGISTICS}
     * @param history         past match outcomes for {@link PairFeature#COLLABORATIVE_SUCCESS}
     */
    public record Options(double distanceScaleKm, CostModel costModel, SuccessHistory history) {
        /** Checks that the scale is a positive number and that the cost model and history are given. */
        public Options {
            if (!(distanceScaleKm > 0) || !Double.isFinite(distanceScaleKm)) {
                throw new IllegalArgumentException("distanceScaleKm must be a positive number, was " + distanceScaleKm);
            }
            if (costModel == null || history == null) {
                throw new IllegalArgumentException("costModel and history must not be null");
            }
        }

        /** 500 km proximity scale, transport at 1 currency unit per km per order, no history. */
        public static Options defaults() {
            return new Options(500, CostModel.linear(1, 0), SuccessHistory.empty());
        }

        /** These options with proximity reaching 0 at {@code km} kilometres. */
        public Options withDistanceScaleKm(double km) {
            return new Options(km, costModel, history);
        }

        /** These options with transport priced by {@code model}. */
        public Options withCostModel(CostModel model) {
            return new Options(distanceScaleKm, model, history);
        }

        /** These options with past match outcomes {@code h}. */
        public Options withHistory(SuccessHistory h) {
            return new Options(distanceScaleKm, costModel, h);
        }
    }

    /** Features computed under {@code options}. */
    public PairFeatures(Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
    }

    /** The options the features are computed under. */
    public Options options() {
        return options;
    }

    /** The feature vector of a pair, in {@link PairFeature} order. */
    public double[] compute(ShgProfile profile, Buyer buyer) {
        double[] f = new double[PairFeature.count()];
        Shg shg = profile.shg();
        double km = distanceKm(shg, buyer);
        double averagePrice = profile.averagePrice();
        f[PairFeature.CATEGORY_ALIGNMENT.ordinal()] = categoryAlignment(profile, buyer);
        f[PairFeature.PROXIMITY.ordinal()] = Double.isNaN(km) ? 0.5 : Math.max(0, 1 - km / options.distanceScaleKm());
        f[PairFeature.LOGISTICS.ordinal()] = Double.isNaN(km) || Double.isNaN(averagePrice) ? 0.5
                : 1 - Math.min(1, options.costModel().costPerUnit(km, usualOrderUnits(buyer)) / averagePrice);
        f[PairFeature.COLLABORATIVE_SUCCESS.ordinal()] = options.history().rate(shg.category(), buyer.type());
        f[PairFeature.VOLUME_COMPATIBILITY.ordinal()] =
                volumeCompatibility(shg.monthlyCapacity(), buyer.orderVolume().min(), buyer.orderVolume().max());
        f[PairFeature.QUALITY_FIT.ordinal()] = qualityFit(profile, buyer);
        f[PairFeature.PRICE_OVERLAP.ordinal()] = Double.isNaN(averagePrice) ? 0.5
                : priceOverlap(profile.minPrice(), profile.maxPrice(),
                buyer.priceRange().min().doubleValue(), buyer.priceRange().max().doubleValue());
        return f;
    }

    /** Haversine distance between the two locations in km, NaN when either has no coordinates. */
    public static double distanceKm(Shg shg, Buyer buyer) {
        Optional<GeoPoint> a = shg.location().point();
        Optional<GeoPoint> b = buyer.location().point();
        return a.isPresent() && b.isPresent() ? a.get().distanceKm(b.get()) : Double.NaN;
    }

    /** Units in the buyer's usual order: the middle of its order volume range, at least 1. */
    public static double usualOrderUnits(Buyer buyer) {
        return Math.max(1, (buyer.orderVolume().min() + buyer.orderVolume().max()) / 2.0);
    }

    static double categoryAlignment(ShgProfile profile, Buyer buyer) {
        double aligned = 0;
        for (Map.Entry<String, Double> share : profile.categoryShares().entrySet()) {
            if (buyer.categoryPreferences().contains(share.getKey())) {
                aligned += share.getValue();
            }
        }
        return Math.min(1, aligned);
    }

    /** See {@link PairFeature#VOLUME_COMPATIBILITY}. */
    public static double volumeCompatibility(double capacity, double min, double max) {
        if (capacity >= max) {
            return 1;
        }
        if (capacity >= min) {
            return 0.5 + 0.5 * (capacity - min) / (max - min);
        }
        return 0.5 * capacity / min;
    }

    static double qualityFit(ShgProfile profile, Buyer buyer) {
        Set<String> held = profile.certificationsHeld();
        int required = 0;
        int met = 0;
        for (String c : Set.copyOf(buyer.certificationsRequired())) {
            required++;
            met += held.contains(c) ? 1 : 0;
        }
        double certShare = required == 0 ? 1 : (double) met / required;
        int measures = 0;
        int measuresMet = 0;
        Map<String, Double> metrics = profile.shg().qualityMetrics();
        for (Map.Entry<String, Double> need : buyer.qualityRequirements().entrySet()) {
            measures++;
            Double value = metrics.get(need.getKey());
            measuresMet += value != null && value >= need.getValue() ? 1 : 0;
        }
        double measureShare = measures == 0 ? 1 : (double) measuresMet / measures;
        return (certShare + measureShare) / 2;
    }

    /** See {@link PairFeature#PRICE_OVERLAP}; the ranges must not be empty or NaN. */
    public static double priceOverlap(double aMin, double aMax, double bMin, double bMax) {
        double narrower = Math.min(aMax - aMin, bMax - bMin);
        if (narrower <= 0) {
            // a single price: is it inside the other range?
            boolean aIsPoint = aMax - aMin <= bMax - bMin;
            double point = aIsPoint ? aMin : bMin;
            return aIsPoint ? (point >= bMin && point <= bMax ? 1 : 0) : (point >= aMin && point <= aMax ? 1 : 0);
        }
        double overlap = Math.min(aMax, bMax) - Math.max(aMin, bMin);
        return overlap <= 0 ? 0 : overlap / narrower;
    }
}
