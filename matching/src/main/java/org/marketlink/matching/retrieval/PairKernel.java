package org.marketlink.matching.retrieval;

import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.GeoPoint;
import org.marketlink.core.model.Shg;
import org.marketlink.matching.features.CostModel;
import org.marketlink.matching.features.PairFeature;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.internal.Geo;
import org.marketlink.matching.internal.Vocabulary;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.Weights;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The pair features, hard filters and weighted score over columns of primitives. Names (categories, certifications,
 * measures, buyer types) are bound to dense indices once when the kernel is built; scoring a pair then reads only
 * arrays. {@link PairFeatures} and {@link HardFilters#passes} are the readable definitions this is tested against.
 * Immutable after construction, so any number of threads may score at once.
 */
final class PairKernel {
    private static final int F = PairFeature.count();
    private static final int CATEGORY = PairFeature.CATEGORY_ALIGNMENT.ordinal();
    private static final int PROXIMITY = PairFeature.PROXIMITY.ordinal();
    private static final int LOGISTICS = PairFeature.LOGISTICS.ordinal();
    private static final int SUCCESS = PairFeature.COLLABORATIVE_SUCCESS.ordinal();
    private static final int VOLUME = PairFeature.VOLUME_COMPATIBILITY.ordinal();
    private static final int QUALITY = PairFeature.QUALITY_FIT.ordinal();
    private static final int PRICE = PairFeature.PRICE_OVERLAP.ordinal();

    final int shgCount;
    final int buyerCount;
    private final int catWords;
    private final int certWords;
    private final int metricCount;
    private final int typeCount;

    // producer groups
    private final double[] shgXyz;          // unit vectors, NaN when no coordinates
    private final int[] shgCatStart;        // categories of group s: shgCat[shgCatStart[s] .. shgCatStart[s+1])
    private final int[] shgCat;
    private final double[] shgCatShare;
    private final long[] shgCertHeld;       // certWords per group
    private final double[] shgMetric;       // metricCount per group, NaN when not reported
    private final double[] shgCapacity;
    private final double[] shgMinPrice;     // NaN without products
    private final double[] shgMaxPrice;
    private final double[] shgAvgPrice;
    private final int[] shgOwnCategory;

    // buyers, at their position in the layout (see order)
    private final int[] order;              // input index of the buyer at each position
    private final int[] position;           // position of each input index
    private final int[] runStart;           // positions where a new set of preferred categories starts
    private final double[] buyerXyz;
    private final long[] buyerPrefs;        // catWords per buyer
    private final long[] buyerCertRequired; // certWords per buyer
    private final int[] buyerCertCount;
    private final int[] buyerReqStart;      // requirements of buyer b: buyerReqMetric[buyerReqStart[b] .. [b+1])
    private final int[] buyerReqMetric;
    private final double[] buyerReqMin;
    private final double[] buyerVolMin;
    private final double[] buyerVolMax;
    private final double[] buyerUnits;
    private final double[] buyerInverseUnits;
    private final double[] buyerInverseCertCount; // 1 / certifications required, 0 when none
    private final double[] buyerInverseReqCount;  // 1 / quality measures required, 0 when none
    private final double[] buyerPriceMin;
    private final double[] buyerPriceMax;
    private final int[] buyerType;

    private final double[] successRate;     // [ownCategory * typeCount + type]
    private final double inverseDistanceScale;
    private final CostModel costModel;
    // the linear cost model's rates, read directly: no interface call and no division per pair
    private final boolean linearCost;
    private final double perKm;
    private final double perUnit;
    private final double wCategory;
    private final double wProximity;
    private final double wLogistics;
    private final double wSuccess;
    private final double wVolume;
    private final double wQuality;
    private final double wPrice;
    /** The most proximity and logistics (each in 0..1) can add to a score: the bound {@code scanBuyers} prunes by. */
    private final double wDistanceParts;
    /** The most everything but category and success can add: the bound a whole run of buyers is skipped by. */
    private final double wAfterCategory;
    private final double maxChordSquared;   // distance filter without trig; +inf for none
    private final boolean filterDistance;
    private final boolean requireCerts;
    private final boolean requireCategory;
    private final boolean requireCapacity;

    /** Far above the rounding of a seven-term sum, far below any difference between scores that matters. */
    private static final double PRUNE_MARGIN = 1e-9;

    PairKernel(List<ShgProfile> shgs, List<Buyer> buyers, PairFeatures.Options options, Weights weights,
               HardFilters filters) {
        shgCount = shgs.size();
        buyerCount = buyers.size();
        Vocabulary categories = new Vocabulary();
        Vocabulary certs = new Vocabulary();
        Vocabulary metrics = new Vocabulary();
        for (ShgProfile p : shgs) {
            p.categoryShares().keySet().forEach(categories::add);
            categories.add(p.shg().category());
            p.certificationsHeld().forEach(certs::add);
            p.shg().qualityMetrics().keySet().forEach(metrics::add);
        }
        int reqTotal = 0;
        for (Buyer b : buyers) {
            b.categoryPreferences().forEach(categories::add);
            b.certificationsRequired().forEach(certs::add);
            b.qualityRequirements().keySet().forEach(metrics::add);
            reqTotal += b.qualityRequirements().size();
        }
        catWords = categories.words();
        certWords = certs.words();
        metricCount = metrics.size();
        typeCount = BuyerType.values().length;

        shgXyz = new double[3 * shgCount];
        shgCatStart = new int[shgCount + 1];
        int catTotal = shgs.stream().mapToInt(p -> p.categoryShares().size()).sum();
        shgCat = new int[catTotal];
        shgCatShare = new double[catTotal];
        shgCertHeld = new long[certWords * shgCount];
        shgMetric = new double[metricCount * shgCount];
        shgCapacity = new double[shgCount];
        shgMinPrice = new double[shgCount];
        shgMaxPrice = new double[shgCount];
        shgAvgPrice = new double[shgCount];
        shgOwnCategory = new int[shgCount];
        int c = 0;
        for (int s = 0; s < shgCount; s++) {
            ShgProfile p = shgs.get(s);
            Shg shg = p.shg();
            point(shg.location().point().orElse(null), shgXyz, 3 * s);
            shgCatStart[s] = c;
            for (Map.Entry<String, Double> e : p.categoryShares().entrySet()) {
                shgCat[c] = categories.indexOf(e.getKey());
                shgCatShare[c++] = e.getValue();
            }
            for (String cert : p.certificationsHeld()) {
                setBit(shgCertHeld, s * certWords, certs.indexOf(cert));
            }
            Arrays.fill(shgMetric, s * metricCount, (s + 1) * metricCount, Double.NaN);
            for (Map.Entry<String, Double> m : shg.qualityMetrics().entrySet()) {
                shgMetric[s * metricCount + metrics.indexOf(m.getKey())] = m.getValue();
            }
            shgCapacity[s] = shg.monthlyCapacity();
            shgMinPrice[s] = p.minPrice();
            shgMaxPrice[s] = p.maxPrice();
            shgAvgPrice[s] = p.averagePrice();
            shgOwnCategory[s] = categories.indexOf(shg.category());
        }
        shgCatStart[shgCount] = c;

        // buyers are laid out grouped by their exact set of preferred categories, so a group's category filter and
        // category alignment are decided once per run of equal sets instead of once per buyer
        long[] prefsByInput = new long[catWords * buyerCount];
        for (int b = 0; b < buyerCount; b++) {
            for (String pref : buyers.get(b).categoryPreferences()) {
                setBit(prefsByInput, b * catWords, categories.indexOf(pref));
            }
        }
        // within a run, buyers of the same shape (coordinates known or not, certifications or quality measures
        // required or not, a single price or a range) sit together, ordered by their smallest order: the branches of the features then go the same
        // way for long stretches, which the processor predicts, instead of at random
        int[] shape = new int[buyerCount];
        double[] smallestOrder = new double[buyerCount];
        for (int b = 0; b < buyerCount; b++) {
            Buyer buyer = buyers.get(b);
            shape[b] = (buyer.location().point().isEmpty() ? 8 : 0)
                    + (buyer.certificationsRequired().isEmpty() ? 0 : 4)
                    + (buyer.qualityRequirements().isEmpty() ? 0 : 2)
                    + (buyer.priceRange().min().compareTo(buyer.priceRange().max()) == 0 ? 1 : 0);
            smallestOrder[b] = buyer.orderVolume().min();
        }
        order = IntStream.range(0, buyerCount).boxed().sorted((x, y) -> {
            for (int word = 0; word < catWords; word++) {
                int cmp = Long.compareUnsigned(prefsByInput[x * catWords + word], prefsByInput[y * catWords + word]);
                if (cmp != 0) {
                    return cmp;
                }
            }
            int cmp = Integer.compare(shape[x], shape[y]);
            if (cmp == 0) {
                cmp = Double.compare(smallestOrder[x], smallestOrder[y]);
            }
            return cmp != 0 ? cmp : Integer.compare(x, y);
        }).mapToInt(Integer::intValue).toArray();
        position = new int[buyerCount];
        for (int pos = 0; pos < buyerCount; pos++) {
            position[order[pos]] = pos;
        }
        buyerXyz = new double[3 * buyerCount];
        buyerPrefs = new long[catWords * buyerCount];
        buyerCertRequired = new long[certWords * buyerCount];
        buyerCertCount = new int[buyerCount];
        buyerReqStart = new int[buyerCount + 1];
        buyerReqMetric = new int[reqTotal];
        buyerReqMin = new double[reqTotal];
        buyerVolMin = new double[buyerCount];
        buyerVolMax = new double[buyerCount];
        buyerUnits = new double[buyerCount];
        buyerInverseUnits = new double[buyerCount];
        buyerInverseCertCount = new double[buyerCount];
        buyerInverseReqCount = new double[buyerCount];
        buyerPriceMin = new double[buyerCount];
        buyerPriceMax = new double[buyerCount];
        buyerType = new int[buyerCount];
        int r = 0;
        for (int b = 0; b < buyerCount; b++) {
            Buyer buyer = buyers.get(order[b]);
            point(buyer.location().point().orElse(null), buyerXyz, 3 * b);
            System.arraycopy(prefsByInput, order[b] * catWords, buyerPrefs, b * catWords, catWords);
            for (String cert : buyer.certificationsRequired()) {
                setBit(buyerCertRequired, b * certWords, certs.indexOf(cert));
            }
            int count = 0;
            for (int word = 0; word < certWords; word++) {
                count += Long.bitCount(buyerCertRequired[b * certWords + word]);
            }
            buyerCertCount[b] = count;
            buyerReqStart[b] = r;
            for (Map.Entry<String, Double> e : buyer.qualityRequirements().entrySet()) {
                buyerReqMetric[r] = metrics.indexOf(e.getKey());
                buyerReqMin[r++] = e.getValue();
            }
            buyerVolMin[b] = buyer.orderVolume().min();
            buyerVolMax[b] = buyer.orderVolume().max();
            buyerUnits[b] = PairFeatures.usualOrderUnits(buyer);
            buyerInverseUnits[b] = 1 / buyerUnits[b];
            buyerInverseCertCount[b] = count == 0 ? 0 : 1.0 / count;
            buyerInverseReqCount[b] = buyer.qualityRequirements().isEmpty() ? 0
                    : 1.0 / buyer.qualityRequirements().size();
            buyerPriceMin[b] = buyer.priceRange().min().doubleValue();
            buyerPriceMax[b] = buyer.priceRange().max().doubleValue();
            buyerType[b] = buyer.type().ordinal();
        }
        buyerReqStart[buyerCount] = r;
        int[] starts = new int[buyerCount + 1];
        int runs = 0;
        for (int b = 0; b < buyerCount; b++) {
            if (b == 0 || !Arrays.equals(buyerPrefs, (b - 1) * catWords, b * catWords, buyerPrefs,
                    b * catWords, (b + 1) * catWords)) {
                starts[runs++] = b;
            }
        }
        starts[runs] = buyerCount;
        runStart = Arrays.copyOf(starts, runs + 1);

        successRate = new double[Math.max(1, categories.size()) * typeCount];
        for (int cat = 0; cat < categories.size(); cat++) {
            for (BuyerType type : BuyerType.values()) {
                successRate[cat * typeCount + type.ordinal()] = options.history().rate(nameOf(categories, cat), type);
            }
        }
        inverseDistanceScale = 1 / options.distanceScaleKm();
        costModel = options.costModel();
        linearCost = costModel instanceof CostModel.Linear;
        perKm = linearCost ? ((CostModel.Linear) costModel).perKm() : 0;
        perUnit = linearCost ? ((CostModel.Linear) costModel).perUnit() : 0;
        double[] w = weights.toArray();
        wCategory = w[CATEGORY];
        wProximity = w[PROXIMITY];
        wLogistics = w[LOGISTICS];
        wSuccess = w[SUCCESS];
        wVolume = w[VOLUME];
        wQuality = w[QUALITY];
        wPrice = w[PRICE];
        wDistanceParts = Math.max(0, wProximity) + Math.max(0, wLogistics);
        wAfterCategory = wDistanceParts + Math.max(0, wVolume) + Math.max(0, wQuality) + Math.max(0, wPrice);
        filterDistance = filters.maxDistanceKm() != Double.POSITIVE_INFINITY;
        maxChordSquared = filterDistance ? Geo.chordSquaredOfKm(filters.maxDistanceKm()) : Double.POSITIVE_INFINITY;
        requireCerts = filters.requireCertifications();
        requireCategory = filters.requireCommonCategory();
        requireCapacity = filters.requireCapacity();
    }

    /**
     * The weighted score of group {@code s} and buyer {@code b} (input index), or NaN when a hard filter rejects the
     * pair.
     */
    double score(int s, int b) {
        int pos = position[b];
        double category = categoryAlignment(shgCatStart[s], shgCatStart[s + 1], pos);
        if (requireCategory && category == 0) {
            return Double.NaN;
        }
        return scoreGivenCategory(s, pos, category, shgXyz[3 * s], shgXyz[3 * s + 1], shgXyz[3 * s + 2],
                shgCapacity[s], shgMinPrice[s], shgMaxPrice[s], shgAvgPrice[s], shgOwnCategory[s] * typeCount,
                Double.NEGATIVE_INFINITY);
    }

    /**
     * Offers every buyer that passes the filters for group {@code s} to {@code heap}, under its input index. With a
     * category in common required, runs of buyers whose preferred categories the group does not sell are skipped
     * whole: they would all be filtered out, so the result is the same as scoring them. So are runs whose category
     * alignment, with the best success rate and the largest contribution of every other feature, stays below the
     * list's threshold: none of their buyers could enter it. The group's own values are
     * read once into locals here: the compiler cannot keep them in registers itself, because the heap's stores into
     * its arrays might, as far as it knows, change them.
     */
    void scanBuyers(int s, TopK heap) {
        double x = shgXyz[3 * s];
        double y = shgXyz[3 * s + 1];
        double z = shgXyz[3 * s + 2];
        int catFrom = shgCatStart[s];
        int catTo = shgCatStart[s + 1];
        double capacity = shgCapacity[s];
        double minPrice = shgMinPrice[s];
        double maxPrice = shgMaxPrice[s];
        double avgPrice = shgAvgPrice[s];
        int successRow = shgOwnCategory[s] * typeCount;
        double threshold = heap.threshold();
        double bestSuccess = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < typeCount; t++) {
            bestSuccess = Math.max(bestSuccess, wSuccess * successRate[successRow + t]);
        }
        for (int run = 0, runs = runStart.length - 1; run < runs; run++) {
            int from = runStart[run];
            int to = runStart[run + 1];
            // every buyer of a run prefers the same categories, so the alignment is the same for all of them
            double category = categoryAlignment(catFrom, catTo, from);
            if (requireCategory && category == 0) {
                continue;
            }
            // nor can any of them beat the list when the run's category and the best success leave too little
            if (wCategory * category + bestSuccess + wAfterCategory + PRUNE_MARGIN < threshold) {
                continue;
            }
            for (int pos = from; pos < to; pos++) {
                double score = scoreGivenCategory(s, pos, category, x, y, z, capacity, minPrice, maxPrice, avgPrice,
                        successRow, threshold);
                if (score >= threshold) { // false for NaN, a filtered pair
                    heap.offer(order[pos], score);
                    threshold = heap.threshold();
                }
            }
        }
    }

    /**
     * The pair's score, or NaN when a hard filter rejects it or when it cannot reach {@code threshold}. The features
     * that need the distance (proximity, logistics: a square root and an arcsine) come last and only when the others
     * plus their largest possible contribution could still reach the threshold; once a group's list is full, most
     * buyers stop there. A pruned pair's score is below the threshold, so no list changes (the bound is checked with
     * a margin far above rounding); a score that is computed is summed in the same order as always.
     */
    private double scoreGivenCategory(int s, int pos, double category, double x, double y, double z,
                                      double capacity, double minPrice, double maxPrice, double avgPrice,
                                      int successRow, double threshold) {
        double dx = x - buyerXyz[3 * pos];
        double dy = y - buyerXyz[3 * pos + 1];
        double dz = z - buyerXyz[3 * pos + 2];
        double chord2 = dx * dx + dy * dy + dz * dz; // NaN when a location is unknown
        if (filterDistance && !(chord2 <= maxChordSquared)) {
            return Double.NaN;
        }
        if (requireCapacity && capacity < buyerVolMin[pos]) {
            return Double.NaN;
        }
        int certsRequired = buyerCertCount[pos];
        int certsHeld = certsRequired == 0 ? 0 : certificationsHeld(s, pos);
        if (requireCerts && certsHeld < certsRequired) {
            return Double.NaN;
        }
        double success = wSuccess * successRate[successRow + buyerType[pos]];
        double volume = wVolume * volume(capacity, pos);
        double quality = wQuality * quality(s, pos, certsRequired, certsHeld);
        double price = wPrice * price(minPrice, maxPrice, pos);
        double categoryPart = wCategory * category;
        if (categoryPart + success + volume + quality + price + wDistanceParts + PRUNE_MARGIN < threshold) {
            return Double.NaN;
        }
        double km = chord2 == chord2 ? Geo.kmFromChordSquared(chord2) : Double.NaN;
        return categoryPart
                + wProximity * proximity(km)
                + wLogistics * logistics(avgPrice, pos, km)
                + success
                + volume
                + quality
                + price;
    }

    /** The feature vector of a pair (buyer by input index) in {@link PairFeature} order; filters are not applied. */
    double[] features(int s, int input) {
        double[] f = new double[F];
        features(s, input, f);
        return f;
    }

    /** Writes the pair features of group {@code s} and buyer {@code input} into {@code f[0 .. F - 1]}. */
    void features(int s, int input, double[] f) {
        int b = position[input];
        double dx = shgXyz[3 * s] - buyerXyz[3 * b];
        double dy = shgXyz[3 * s + 1] - buyerXyz[3 * b + 1];
        double dz = shgXyz[3 * s + 2] - buyerXyz[3 * b + 2];
        double chord2 = dx * dx + dy * dy + dz * dz;
        double km = chord2 == chord2 ? Geo.kmFromChordSquared(chord2) : Double.NaN;
        int certsRequired = buyerCertCount[b];
        f[CATEGORY] = categoryAlignment(shgCatStart[s], shgCatStart[s + 1], b);
        f[PROXIMITY] = proximity(km);
        f[LOGISTICS] = logistics(shgAvgPrice[s], b, km);
        f[SUCCESS] = successRate[shgOwnCategory[s] * typeCount + buyerType[b]];
        f[VOLUME] = volume(shgCapacity[s], b);
        f[QUALITY] = quality(s, b, certsRequired, certsRequired == 0 ? 0 : certificationsHeld(s, b));
        f[PRICE] = price(shgMinPrice[s], shgMaxPrice[s], b);
    }

    private double categoryAlignment(int from, int to, int b) {
        double aligned = 0;
        int base = b * catWords;
        for (int i = from; i < to; i++) {
            int cat = shgCat[i];
            if ((buyerPrefs[base + (cat >>> 6)] & (1L << cat)) != 0) {
                aligned += shgCatShare[i];
            }
        }
        return Math.min(1, aligned);
    }

    private int certificationsHeld(int s, int b) {
        int held = 0;
        for (int word = 0; word < certWords; word++) {
            held += Long.bitCount(buyerCertRequired[b * certWords + word] & shgCertHeld[s * certWords + word]);
        }
        return held;
    }

    private double proximity(double km) {
        if (km != km) {
            return 0.5;
        }
        double p = 1 - km * inverseDistanceScale;
        return p > 0 ? p : 0;
    }

    private double logistics(double price, int b, double km) {
        if (km != km || price != price) {
            return 0.5;
        }
        double cost = linearCost ? perKm * km * buyerInverseUnits[b] + perUnit : costModel.costPerUnit(km, buyerUnits[b]);
        double ratio = cost / price;
        return ratio < 1 ? 1 - ratio : 0;
    }

    private double volume(double capacity, int b) {
        return PairFeatures.volumeCompatibility(capacity, buyerVolMin[b], buyerVolMax[b]);
    }

    private double quality(int s, int b, int certsRequired, int certsHeld) {
        double certShare = certsRequired == 0 ? 1 : certsHeld * buyerInverseCertCount[b];
        int from = buyerReqStart[b];
        int to = buyerReqStart[b + 1];
        if (from == to) {
            return (certShare + 1) * 0.5;
        }
        int met = 0;
        for (int i = from; i < to; i++) {
            // a measure the group does not report is NaN, and NaN >= x is false: not met
            met += shgMetric[s * metricCount + buyerReqMetric[i]] >= buyerReqMin[i] ? 1 : 0;
        }
        return (certShare + met * buyerInverseReqCount[b]) * 0.5;
    }

    private double price(double min, double max, int b) {
        return min != min ? 0.5 : PairFeatures.priceOverlap(min, max, buyerPriceMin[b], buyerPriceMax[b]);
    }

    private static void point(GeoPoint p, double[] xyz, int at) {
        if (p == null) {
            xyz[at] = xyz[at + 1] = xyz[at + 2] = Double.NaN;
        } else {
            Geo.unitVector(p.latitude(), p.longitude(), xyz, at);
        }
    }

    private static void setBit(long[] bits, int offset, int index) {
        bits[offset + (index >>> 6)] |= 1L << index;
    }

    private static String nameOf(Vocabulary vocabulary, int index) {
        return vocabulary.nameOf(index);
    }
}
