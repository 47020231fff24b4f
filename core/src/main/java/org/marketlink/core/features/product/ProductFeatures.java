package org.marketlink.core.features.product;

import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.PricingHistory;
import org.marketlink.core.model.Trend;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Features of a product from its sales, market observations, ratings and returns, each either a value or a reason it
 * is missing (see {@link FeatureValue}). Records dated after {@code asOf} are ignored, so features can be computed for
 * any past day without looking ahead. Names are the keys of the returned maps, in this order:
 *
 * <ul>
 *   <li>{@code price_zscore}: the product's unit price against the mean and standard deviation of its past daily
 *       prices; needs 3 past prices that are not all equal;</li>
 *   <li>{@code price_vs_market}: unit price over the mean market price of the last 30 days;</li>
 *   <li>{@code price_elasticity} and {@code price_elasticity_se}: slope (and its standard error) of
 *       {@code log(units)} on {@code log(price)} over days with sales; needs 5 such days and two different prices;</li>
 *   <li>{@code sales_velocity}: units per day over the last 7 days against the last 30 (1 is steady, above 1
 *       speeding up); needs sales in the last 30 days;</li>
 *   <li>{@code trend_slope} and {@code trend_p_value}: slope of daily units over the last 90 days, in units per day,
 *       and its two-sided p-value; needs 14 days of sales records;</li>
 *   <li>{@code trend_direction}: 1 (up), -1 (down) or 0 (stable): the sign of the slope when its p-value is below
 *       {@link #TREND_SIGNIFICANCE}, else 0; {@link #trendDirection} reads it as the design's label;</li>
 *   <li>{@code seasonality_factor}: mean units per recorded day in {@code asOf}'s month of the year against all
 *       months; needs records spanning a year;</li>
 *   <li>{@code average_rating}, {@code return_rate} (units returned over units sold);</li>
 *   <li>{@code competition_level}: competitors in the latest market observation;</li>
 *   <li>{@code market_share}: the product's units in its category over the last 30 days (only from
 *       {@link #computeAll}, which sees the category);</li>
 *   <li>{@code availability_score}: stock over the last 30 days' sales, capped at 1 (1 with stock and no sales, 0
 *       without stock);</li>
 *   <li>{@code days_since_launch}, {@code days_since_last_sale}.</li>
 * </ul>
 * Pure functions, thread-safe.
 */
public final class ProductFeatures {
    /** The names of the features {@link #compute} returns, in their order. */
    public static final List<String> NAMES = List.of("price_zscore", "price_vs_market", "price_elasticity",
            "price_elasticity_se", "sales_velocity", "trend_slope", "trend_p_value", "trend_direction",
            "seasonality_factor", "average_rating", "return_rate", "competition_level", "market_share",
            "availability_score", "days_since_launch", "days_since_last_sale");

    /** The p-value below which a trend's slope counts as a direction rather than noise. */
    public static final double TREND_SIGNIFICANCE = 0.05;

    private ProductFeatures() {
    }

    /**
     * The design's label of a product's trend: {@code UP} or {@code DOWN} when the slope of its daily units is
     * significant at {@link #TREND_SIGNIFICANCE}, else {@code STABLE}; empty when the trend could not be computed.
     * Read from the {@code trend_direction} feature of {@link #compute}, which holds it as 1, -1 or 0 so that the
     * feature store, which keeps numbers, can keep it too.
     */
    public static Optional<Trend> trendDirection(Map<String, FeatureValue> features) {
        FeatureValue v = features.get("trend_direction");
        if (v == null || !v.isPresent()) {
            return Optional.empty();
        }
        return Optional.of(v.value() > 0 ? Trend.UP : v.value() < 0 ? Trend.DOWN : Trend.STABLE);
    }

    /** The features of each product, with market shares computed within each category. */
    public static List<Map<String, FeatureValue>> computeAll(List<ProductHistory> histories) {
        Map<String, Double> categoryUnits = new HashMap<>();
        for (ProductHistory h : histories) {
            categoryUnits.merge(h.product().category(), unitsBetween(h, 30), Double::sum);
        }
        List<Map<String, FeatureValue>> out = new ArrayList<>(histories.size());
        for (ProductHistory h : histories) {
            Map<String, FeatureValue> f = compute(h);
            double total = categoryUnits.get(h.product().category());
            f.put("market_share", total > 0 ? FeatureValue.of(unitsBetween(h, 30) / total)
                    : FeatureValue.missing("no sales in the category in the last 30 days"));
            out.add(f);
        }
        return out;
    }

    /** The features of one product; {@code market_share} is missing here (it needs the category). */
    public static Map<String, FeatureValue> compute(ProductHistory h) {
        List<PricingHistory> sales = h.sales().stream().filter(s -> !s.saleDate().isAfter(h.asOf()))
                .sorted(Comparator.comparing(PricingHistory::saleDate)).toList();
        List<MarketData> market = h.market().stream()
                .filter(m -> !m.observedAt().atZone(ZoneOffset.UTC).toLocalDate().isAfter(h.asOf()))
                .sorted(Comparator.comparing(MarketData::observedAt)).toList();
        double price = h.product().unitPrice().doubleValue();
        Map<String, FeatureValue> f = new LinkedHashMap<>();
        f.put("price_zscore", priceZscore(price, sales));
        f.put("price_vs_market", priceVsMarket(price, market, h.asOf()));
        LeastSquaresLine elasticity = new LeastSquaresLine();
        double firstPrice = Double.NaN;
        boolean varies = false;
        for (PricingHistory s : sales) {
            double p = s.price().doubleValue();
            double q = s.quantitySold().doubleValue();
            if (p > 0 && q > 0) {
                elasticity.add(Math.log(p), Math.log(q));
                varies |= !Double.isNaN(firstPrice) && p != firstPrice;
                firstPrice = Double.isNaN(firstPrice) ? p : firstPrice;
            }
        }
        if (elasticity.count() < 5 || !varies) {
            String why = elasticity.count() < 5 ? "fewer than 5 days with sales and a price"
                    : "the price never changed";
            f.put("price_elasticity", FeatureValue.missing(why));
            f.put("price_elasticity_se", FeatureValue.missing(why));
        } else {
            f.put("price_elasticity", FeatureValue.of(elasticity.slope()));
            f.put("price_elasticity_se", FeatureValue.of(elasticity.slopeStandardError()));
        }
        double units30 = unitsBetween(sales, h.asOf(), 30);
        f.put("sales_velocity", units30 > 0 ? FeatureValue.of(unitsBetween(sales, h.asOf(), 7) / 7 / (units30 / 30))
                : FeatureValue.missing("no sales in the last 30 days"));
        LeastSquaresLine trend = new LeastSquaresLine();
        for (PricingHistory s : sales) {
            long age = ChronoUnit.DAYS.between(s.saleDate(), h.asOf());
            if (age < 90) {
                trend.add(-age, s.quantitySold().doubleValue());
            }
        }
        if (trend.count() < 14) {
            String why = "fewer than 14 days of sales records in the last 90 days";
            f.put("trend_slope", FeatureValue.missing(why));
            f.put("trend_p_value", FeatureValue.missing(why));
            f.put("trend_direction", FeatureValue.missing(why));
        } else {
            double slope = trend.slope();
            f.put("trend_slope", FeatureValue.of(slope));
            double p = trend.slopePValue();
            f.put("trend_p_value", Double.isNaN(p) ? FeatureValue.missing("units were constant") : FeatureValue.of(p));
            // constant units (no p-value) are the plainest case of no trend
            boolean significant = !Double.isNaN(p) && p < TREND_SIGNIFICANCE;
            f.put("trend_direction", FeatureValue.of(significant ? Math.signum(slope) : 0));
        }
        f.put("seasonality_factor", seasonality(sales, h.asOf()));
        f.put("average_rating", h.ratings().isEmpty() ? FeatureValue.missing("no ratings")
                : FeatureValue.of(h.ratings().stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        double sold = sales.stream().mapToDouble(s -> s.quantitySold().doubleValue()).sum();
        f.put("return_rate", sold > 0 ? FeatureValue.of(h.unitsReturned() / sold)
                : FeatureValue.missing("nothing sold"));
        f.put("competition_level", market.isEmpty() ? FeatureValue.missing("no market observations")
                : FeatureValue.of(market.get(market.size() - 1).competitorCount()));
        f.put("market_share", FeatureValue.missing("needs the category: use computeAll"));
        double stock = h.product().availableQuantity();
        f.put("availability_score", FeatureValue.of(units30 > 0 ? Math.min(1, stock / units30) : stock > 0 ? 1 : 0));
        LocalDate launch = h.product().createdAt().atZone(ZoneOffset.UTC).toLocalDate();
        f.put("days_since_launch", FeatureValue.of(Math.max(0, ChronoUnit.DAYS.between(launch, h.asOf()))));
        LocalDate lastSale = null;
        for (PricingHistory s : sales) {
            if (s.quantitySold().signum() > 0) {
                lastSale = s.saleDate();
            }
        }
        f.put("days_since_last_sale", lastSale == null ? FeatureValue.missing("never sold")
                : FeatureValue.of(ChronoUnit.DAYS.between(lastSale, h.asOf())));
        return f;
    }

    private static FeatureValue priceZscore(double price, List<PricingHistory> sales) {
        if (sales.size() < 3) {
            return FeatureValue.missing("fewer than 3 past prices");
        }
        double mean = 0;
        for (PricingHistory s : sales) {
            mean += s.price().doubleValue() / sales.size();
        }
        double ss = 0;
        for (PricingHistory s : sales) {
            ss += Math.pow(s.price().doubleValue() - mean, 2);
        }
        double sd = Math.sqrt(ss / (sales.size() - 1));
        return sd > 0 ? FeatureValue.of((price - mean) / sd) : FeatureValue.missing("past prices were all equal");
    }

    private static FeatureValue priceVsMarket(double price, List<MarketData> market, LocalDate asOf) {
        double sum = 0;
        int n = 0;
        for (MarketData m : market) {
            long age = ChronoUnit.DAYS.between(m.observedAt().atZone(ZoneOffset.UTC).toLocalDate(), asOf);
            if (age < 30 && m.price().signum() > 0) {
                sum += m.price().doubleValue();
                n++;
            }
        }
        return n == 0 ? FeatureValue.missing("no market price in the last 30 days") : FeatureValue.of(price / (sum / n));
    }

    private static FeatureValue seasonality(List<PricingHistory> sales, LocalDate asOf) {
        if (sales.isEmpty() || ChronoUnit.DAYS.between(sales.get(0).saleDate(), asOf) < 365) {
            return FeatureValue.missing("less than a year of sales records");
        }
        double monthUnits = 0;
        int monthDays = 0;
        double allUnits = 0;
        for (PricingHistory s : sales) {
            double q = s.quantitySold().doubleValue();
            allUnits += q;
            if (s.saleDate().getMonth() == asOf.getMonth()) {
                monthUnits += q;
                monthDays++;
            }
        }
        if (monthDays == 0 || allUnits == 0) {
            return FeatureValue.missing(monthDays == 0 ? "no records in " + asOf.getMonth() : "nothing sold");
        }
        return FeatureValue.of((monthUnits / monthDays) / (allUnits / sales.size()));
    }

    private static double unitsBetween(ProductHistory h, int days) {
        return unitsBetween(h.sales(), h.asOf(), days);
    }

    // units sold in the `days` days ending with asOf
    private static double unitsBetween(List<PricingHistory> sales, LocalDate asOf, int days) {
        double units = 0;
        for (PricingHistory s : sales) {
            long age = ChronoUnit.DAYS.between(s.saleDate(), asOf);
            if (age >= 0 && age < days) {
                units += s.quantitySold().doubleValue();
            }
        }
        return units;
    }
}
