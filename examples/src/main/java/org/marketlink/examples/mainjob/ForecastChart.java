package org.marketlink.examples.mainjob;

import org.marketlink.core.timeseries.TimeSeries;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Interval;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One demand forecast as an SVG a coordinator can read without the data: a dated time axis, a value axis with
 * numbers, the history as a line, the forecast as a dashed line with each week's value written at its point over
 * the shaded interval, and a legend. Each point also carries its date, value and interval as a tooltip. No script.
 */
final class ForecastChart {
    static final int WIDTH = 440;
    static final int HEIGHT = 230;
    private static final int LEFT = 52;
    private static final int RIGHT = 14;
    private static final int TOP = 30;
    private static final int BOTTOM = 34;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final TimeSeries history;
    private final Forecast forecast;
    private final Interval band;
    private final double top;
    private final int periods;

    private ForecastChart(TimeSeries history, Forecast forecast, double level) {
        this.history = history;
        this.forecast = forecast;
        this.band = forecast.interval(level).orElse(null);
        this.periods = history.length() + forecast.horizon();
        double max = 1;
        for (double v : history.values()) {
            max = Double.isNaN(v) ? max : Math.max(max, v);
        }
        for (int i = 0; i < forecast.horizon(); i++) {
            max = Math.max(max, band == null ? forecast.mean()[i] : band.upper()[i]);
        }
        this.top = niceCeiling(max);
    }

    /** The chart of {@code forecast} after {@code history}, with the {@code level}% interval shaded. */
    static String svg(TimeSeries history, Forecast forecast, double level) {
        return new ForecastChart(history, forecast, level).render(level);
    }

    private String render(double level) {
        StringBuilder s = new StringBuilder(4096);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" role=\"img\" font-family=\"system-ui,sans-serif\" font-size=\"10\">");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fafafa\" stroke=\"#ddd\"/>");
        yAxis(s);
        xAxis(s);
        if (band != null) {
            StringBuilder poly = new StringBuilder();
            for (int i = 0; i < forecast.horizon(); i++) {
                poly.append(point(history.length() + i, Math.max(0, band.upper()[i]))).append(' ');
            }
            for (int i = forecast.horizon() - 1; i >= 0; i--) {
                poly.append(point(history.length() + i, Math.max(0, band.lower()[i]))).append(' ');
            }
            s.append("<polygon class=\"interval\" points=\"").append(poly.toString().strip())
                    .append("\" fill=\"#9ecae1\" fill-opacity=\"0.5\"/>");
        }
        s.append("<polyline class=\"history\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\" points=\"");
        double[] h = history.values();
        for (int i = 0; i < h.length; i++) {
            if (!Double.isNaN(h[i])) {
                s.append(point(i, h[i])).append(' ');
            }
        }
        s.append("\"/><polyline class=\"forecast\" fill=\"none\" stroke=\"#08519c\" stroke-width=\"2\" "
                + "stroke-dasharray=\"4 3\" points=\"");
        if (h.length > 0 && !Double.isNaN(h[h.length - 1])) {
            s.append(point(h.length - 1, h[h.length - 1])).append(' ');
        }
        for (int i = 0; i < forecast.horizon(); i++) {
            s.append(point(h.length + i, Math.max(0, forecast.mean()[i]))).append(' ');
        }
        s.append("\"/>");
        for (int i = 0; i < forecast.horizon(); i++) {
            int t = h.length + i;
            double v = Math.max(0, forecast.mean()[i]);
            String tip = FULL.format(history.periodAt(t)) + ": " + number(v)
                    + (band == null ? "" : " (" + (int) level + "% interval " + number(Math.max(0, band.lower()[i]))
                    + "–" + number(band.upper()[i]) + ")");
            s.append("<circle class=\"point\" cx=\"").append(x(t)).append("\" cy=\"").append(fmt(y(v)))
                    .append("\" r=\"2.5\" fill=\"#08519c\"><title>").append(tip).append("</title></circle>");
            if (i == 0 || i == forecast.horizon() - 1) {
                // the first and last weeks written out; the points between are too close to label, and say their
                // value in their tooltip
                s.append("<text class=\"value\" x=\"").append(x(t)).append("\" y=\"").append(fmt(y(v) - 7))
                        .append("\" text-anchor=\"end\" fill=\"#08519c\">")
                        .append(number(v)).append("</text>");
            }
        }
        legend(s, level);
        return s.append("</svg>").toString();
    }

    private void yAxis(StringBuilder s) {
        s.append("<g class=\"y-axis\" fill=\"#555\"><line x1=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" x2=\"").append(LEFT).append("\" y2=\"").append(HEIGHT - BOTTOM)
                .append("\" stroke=\"#999\"/>");
        for (int k = 0; k <= 4; k++) {
            double v = top * k / 4;
            s.append("<line x1=\"").append(LEFT - 3).append("\" y1=\"").append(fmt(y(v))).append("\" x2=\"")
                    .append(WIDTH - RIGHT).append("\" y2=\"").append(fmt(y(v)))
                    .append("\" stroke=\"#e4e4e4\"/><text class=\"tick\" x=\"").append(LEFT - 5).append("\" y=\"")
                    .append(fmt(y(v) + 3)).append("\" text-anchor=\"end\">").append(number(v)).append("</text>");
        }
        s.append("<text class=\"title\" x=\"12\" y=\"").append((TOP + HEIGHT - BOTTOM) / 2)
                .append("\" transform=\"rotate(-90 12 ").append((TOP + HEIGHT - BOTTOM) / 2)
                .append(")\" text-anchor=\"middle\">units per week</text></g>");
    }

    private void xAxis(StringBuilder s) {
        s.append("<g class=\"x-axis\" fill=\"#555\"><line x1=\"").append(LEFT).append("\" y1=\"")
                .append(HEIGHT - BOTTOM).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"")
                .append(HEIGHT - BOTTOM).append("\" stroke=\"#999\"/>");
        int[] ticks = {0, history.length() / 2, history.length() - 1, periods - 1};
        for (int k = 0; k < ticks.length; k++) {
            int t = ticks[k];
            LocalDateTime week = history.periodAt(t);
            s.append("<line x1=\"").append(x(t)).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"")
                    .append(x(t)).append("\" y2=\"").append(HEIGHT - BOTTOM + 4).append("\" stroke=\"#999\"/>")
                    .append("<text class=\"tick\" x=\"").append(x(t)).append("\" y=\"").append(HEIGHT - BOTTOM + 15)
                    .append("\" text-anchor=\"").append(k == ticks.length - 1 ? "end" : k == 2 ? "end" : "middle")
                    .append("\">").append(DAY.format(week)).append("</text>");
        }
        s.append("<text class=\"title\" x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"")
                .append(HEIGHT - 6).append("\" text-anchor=\"middle\">week starting</text></g>");
    }

    private void legend(StringBuilder s, double level) {
        s.append("<g class=\"legend\" fill=\"#333\">");
        int x0 = LEFT;
        s.append("<line x1=\"").append(x0).append("\" y1=\"14\" x2=\"").append(x0 + 18)
                .append("\" y2=\"14\" stroke=\"#333\" stroke-width=\"1.5\"/><text x=\"").append(x0 + 22)
                .append("\" y=\"17\">history</text>");
        x0 += 80;
        s.append("<line x1=\"").append(x0).append("\" y1=\"14\" x2=\"").append(x0 + 18)
                .append("\" y2=\"14\" stroke=\"#08519c\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/><text x=\"")
                .append(x0 + 22).append("\" y=\"17\">forecast</text>");
        if (band != null) {
            x0 += 85;
            s.append("<rect x=\"").append(x0).append("\" y=\"9\" width=\"18\" height=\"10\" fill=\"#9ecae1\" "
                    + "fill-opacity=\"0.5\"/><text x=\"").append(x0 + 22).append("\" y=\"17\">").append((int) level)
                    .append("% interval</text>");
        }
        s.append("</g>");
    }

    private String point(int t, double v) {
        return x(t) + "," + fmt(y(v));
    }

    private String x(int t) {
        return fmt(LEFT + (double) t * (WIDTH - LEFT - RIGHT) / Math.max(1, periods - 1));
    }

    private double y(double v) {
        return HEIGHT - BOTTOM - v / top * (HEIGHT - TOP - BOTTOM);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A value as people write it: thousands separated, one decimal below 10, none above. */
    static String number(double v) {
        return v < 10 && v != Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%,.0f", v);
    }

    /** The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least {@code v}. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
