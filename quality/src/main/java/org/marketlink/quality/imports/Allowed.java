package org.marketlink.quality.imports;

/**
 * The values a measured number may take, as a tool's threshold states it ({@code > 0}, {@code between 1 and 9},
 * {@code when > 10}), turned into the closed bounds MarketLink rules take. Strict bounds on a real number become the
 * next double inward, which is exact; on a count, the next whole number.
 */
record Allowed(double min, boolean minStrict, double max, boolean maxStrict) {
    static final Allowed ANY = new Allowed(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);

    static Allowed atLeast(double v, boolean strict) {
        return new Allowed(v, strict, Double.POSITIVE_INFINITY, false);
    }

    static Allowed atMost(double v, boolean strict) {
        return new Allowed(Double.NEGATIVE_INFINITY, false, v, strict);
    }

    static Allowed exactly(double v) {
        return new Allowed(v, false, v, false);
    }

    /** The smallest real value allowed. */
    double closedMin() {
        return minStrict ? Math.nextUp(min) : min;
    }

    /** The largest real value allowed. */
    double closedMax() {
        return maxStrict ? Math.nextDown(max) : max;
    }

    /** The smallest whole number allowed. */
    double countMin() {
        if (Double.isInfinite(min)) {
            return Math.max(0, min);
        }
        double c = Math.ceil(min);
        return minStrict && c == min ? c + 1 : c;
    }

    /** The largest whole number allowed. */
    double countMax() {
        if (Double.isInfinite(max)) {
            return Long.MAX_VALUE;
        }
        double f = Math.floor(max);
        return maxStrict && f == max ? f - 1 : f;
    }

    /**
     * The most failing rows (or the largest failing share) allowed, for thresholds that bound failures from above
     * ({@code = 0}, {@code < 5}, {@code <= 5}); anything else, such as "at least 3 missing", has no rule.
     */
    boolean boundsFromAboveOnly() {
        return min <= 0 && !(min == 0 && minStrict);
    }

    /** Reads {@code op value} as Soda and dbt write it: {@code =}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}. */
    static Allowed of(String op, double v) {
        return switch (op) {
            case "=", "==" -> exactly(v);
            case "<" -> atMost(v, true);
            case "<=" -> atMost(v, false);
            case ">" -> atLeast(v, true);
            case ">=" -> atLeast(v, false);
            default -> throw new NotMapped("the threshold '" + op + " " + v + "' allows values on both sides of a gap,"
                    + " which no rule's bounds can state");
        };
    }

    /** The values a failure condition ({@code when > 10}) leaves allowed. */
    static Allowed not(String op, double v) {
        return switch (op) {
            case "<" -> atLeast(v, false);
            case "<=" -> atLeast(v, false);
            case ">" -> atMost(v, false);
            case ">=" -> atMost(v, true);
            case "!=" -> exactly(v);
            default -> throw new NotMapped("the failure condition '" + op + " " + v + "' allows values on both sides"
                    + " of a gap, which no rule's bounds can state");
        };
    }
}
