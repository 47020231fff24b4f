package com.example.host;

import org.marketlink.forecast.models.AutoForecaster;

/** A host that forecasts and nothing else. */
public final class ForecastHost {
    public static void main(String[] args) {
        double[] demand = {12, 15, 14, 18, 20, 22, 19, 24, 26, 25, 28, 30};
        System.out.println(AutoForecaster.create().fit(demand, 1).forecast(3, 80, 95).model());
    }
}
