package org.marketlink.forecast.models;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.OnlineRetailSales;
import org.marketlink.forecast.evaluation.Metrics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Daily demand of the 40 steadiest-selling Online Retail products (December 2010 to September 2011; the shop sells on no
 * Saturday, so the week is a strong cycle), the last four weeks held out. MSTL with the daily frequency's periods
 * ({@code Mstl.auto()} given 7: a week, and a year, which ten months cannot hold twice, so it is left out) against
 * the single-period models on the same series, by MASE against the weekly seasonal naive in-sample. Only one cycle
 * fits here, so this is STL with AutoETS on the adjusted series; robust STL is the one for demand with bulk orders.
 */
class OnlineRetailDailyDemandTest {
    private static final int PRODUCTS = 40;
    private static final int HELD_OUT = 28;

    @Test
    void mstl_onDailyProductDemand_beatsTheWeeklySeasonalNaive_andRobustStandsWithAutoEts() {
        List<double[]> series = dailyDemandOfBestSellers();
        assertThat(series).hasSize(PRODUCTS);
        double mstl = meanMase(Mstl.auto(), series);
        double robust = meanMase(Mstl.auto().robust(), series);
        double ets = meanMase(Ets.auto(), series);
        double seasonalNaive = meanMase(SeasonalNaive.create(), series);
        System.out.printf("Online Retail daily demand, %d products, %d days ahead, mean MASE: MSTL %.3f, robust "
                + "MSTL %.3f, AutoETS (m=7) %.3f, seasonal naive %.3f%n", PRODUCTS, HELD_OUT, mstl, robust, ets,
                seasonalNaive);
        // measured: MSTL 0.950, robust 0.843, AutoETS 0.818, seasonal naive 1.037. Bulk orders bend plain STL's
        // weekly profile; the robust weights keep them out, which brings it within 3% of AutoETS
        assertThat(mstl).isLessThan(seasonalNaive);
        assertThat(robust).isLessThan(0.9 * mstl).isLessThan(0.85 * seasonalNaive).isLessThan(1.05 * ets);
    }

    private static double meanMase(Forecaster method, List<double[]> series) {
        double sum = 0;
        for (double[] y : series) {
            int train = y.length - HELD_OUT;
            double[] past = Arrays.copyOf(y, train);
            double[] future = Arrays.copyOfRange(y, train, y.length);
            double[] f = method.fit(past, 7).forecast(HELD_OUT).mean();
            sum += Metrics.mase(past, future, f, 7);
        }
        return sum / series.size();
    }

    /** Units sold per day, one series per product, zero on days without. */
    private static List<double[]> dailyDemandOfBestSellers() {
        Map<String, Map<LocalDate, Double>> byProduct = new HashMap<>();
        LocalDate[] range = {LocalDate.MAX, LocalDate.MIN};
        for (OnlineRetailSales.Sale sale : OnlineRetailSales.read()) {
            byProduct.computeIfAbsent(sale.stockCode(), k -> new HashMap<>()).merge(sale.day(),
                    (double) sale.quantity(), Double::sum);
            range[0] = sale.day().isBefore(range[0]) ? sale.day() : range[0];
            range[1] = sale.day().isAfter(range[1]) ? sale.day() : range[1];
        }
        int days = (int) ChronoUnit.DAYS.between(range[0], range[1]) + 1;
        List<Map.Entry<String, Map<LocalDate, Double>>> best = new ArrayList<>(byProduct.entrySet());
        // most days with a sale first, ties by code: steady sellers, not one bulk order
        best.sort((a, b) -> a.getValue().size() != b.getValue().size()
                ? Integer.compare(b.getValue().size(), a.getValue().size()) : a.getKey().compareTo(b.getKey()));
        List<double[]> out = new ArrayList<>();
        for (Map.Entry<String, Map<LocalDate, Double>> e : best.subList(0, PRODUCTS)) {
            double[] y = new double[days];
            e.getValue().forEach((day, q) -> y[(int) ChronoUnit.DAYS.between(range[0], day)] = q);
            out.add(y);
        }
        return out;
    }
}
