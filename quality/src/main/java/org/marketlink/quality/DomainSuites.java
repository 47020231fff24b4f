package org.marketlink.quality;

import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.core.model.OrderStatus;
import org.marketlink.core.model.PaymentStatus;
import org.marketlink.core.model.Trend;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.Rules;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Built-in suites for the marketplace's records, by their field names (see {@code Schema.of(Record)} and
 * {@code RecordRows}): required fields present, the value ranges of the model (availability 0..1, demand signal
 * 0..10, scores 0..1, ratings 0..5), prices above 0, statuses from their sets. Use them on rows from files or other
 * systems before they become records, or on records through {@code RecordRows}.
 */
public final class DomainSuites {
    private DomainSuites() {
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The built-in checks of market-data records. */
    public static Suite marketData() {
        return Suite.of("marketData", Rules.complete("productId"), Rules.complete("observedAt"),
                Rules.complete("price"), Rules.nonNegative("price"), Rules.between("demandSignal", 0, 10),
                Rules.nonNegative("competitorCount"), Rules.between("availabilityIndex", 0, 1),
                Rules.inSet("trend", names(Trend.values())), Rules.complete("source"));
    }

    /** The built-in checks of product records. */
    public static Suite product() {
        return Suite.of("product", Rules.complete("id"), Rules.complete("shgId"), Rules.complete("name"),
                Rules.complete("category"), Rules.positive("unitPrice"), Rules.nonNegative("costPrice"),
                Rules.nonNegative("shelfLifeDays"), Rules.between("minimumOrderQuantity", 1, Double.MAX_VALUE),
                Rules.nonNegative("availableQuantity"), Rules.between("sustainabilityScore", 0, 1));
    }

    /** The built-in checks of order records. */
    public static Suite order() {
        return Suite.of("order", Rules.complete("id"), Rules.complete("reference"), Rules.unique("reference"),
                Rules.nonNegative("totalValue"), Rules.inSet("status", names(OrderStatus.values())),
                Rules.inSet("paymentStatus", names(PaymentStatus.values())));
    }

    /** The built-in checks of match records. */
    public static Suite match() {
        return Suite.of("match", Rules.complete("shgId"), Rules.complete("buyerId"), Rules.between("score", 0, 1),
                Rules.inSet("status", names(MatchStatus.values())), Rules.unique("shgId", "buyerId"));
    }

    /** The built-in checks of buyer records. */
    public static Suite buyer() {
        return Suite.of("buyer", Rules.complete("name"), Rules.inSet("type", names(BuyerType.values())),
                Rules.between("rating", 0, 5));
    }

    /** The built-in checks of producer-group records. */
    public static Suite shg() {
        return Suite.of("shg", Rules.complete("name"), Rules.between("memberCount", 1, Double.MAX_VALUE),
                Rules.nonNegative("monthlyCapacity"));
    }

    /** The built-in checks of demand-forecast records. */
    public static Suite demandForecast() {
        return Suite.of("demandForecast", Rules.complete("productId"), Rules.complete("forecastDate"),
                Rules.between("periodDays", 1, Double.MAX_VALUE), Rules.nonNegative("predictedDemand"),
                Rules.satisfies("boundsOrdered", "lowerBound",
                        r -> r.isNull(r.schema().indexOf("lowerBound")) || r.isNull(r.schema().indexOf("upperBound"))
                                || r.getDouble(r.schema().indexOf("lowerBound"))
                                <= r.getDouble(r.schema().indexOf("upperBound")),
                        "above the upper bound", RuleOptions.strict()));
    }
}
