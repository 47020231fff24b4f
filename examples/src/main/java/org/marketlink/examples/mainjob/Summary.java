package org.marketlink.examples.mainjob;

import java.util.List;

/** What the main job stored and read back. */
public record Summary(long shgs, long products, long buyers, long matches, long pendingMatches, long orders,
                      long marketData, long marketDataOfFirstProduct, long pricingHistory,
                      long pricingHistoryOfFirstProduct, long forecasts, long forecastsOfFirstProduct,
                      double productCacheHitRate, List<String> mismatches, double seconds) {

    /** Whether everything written was read back unchanged. */
    public boolean consistent() {
        return mismatches.isEmpty();
    }

    public String render(String database) {
        return String.join(System.lineSeparator(),
                "MarketLink main job — " + (consistent() ? "OK" : "MISMATCH " + mismatches),
                "  database         " + database,
                "  shgs             " + shgs,
                "  products         " + products,
                "  buyers           " + buyers,
                "  matches          " + matches + " (" + pendingMatches + " pending)",
                "  orders           " + orders,
                "  market data      " + marketData + " (" + marketDataOfFirstProduct + " for the first product)",
                "  pricing history  " + pricingHistory + " (" + pricingHistoryOfFirstProduct + " for the first product)",
                "  forecasts        " + forecasts + " (" + forecastsOfFirstProduct + " for the first product)",
                String.format("  cache hit rate   %.2f (products)", productCacheHitRate),
                String.format("  took             %.2f s", seconds));
    }
}
