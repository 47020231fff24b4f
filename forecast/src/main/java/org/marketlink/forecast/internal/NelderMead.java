package org.marketlink.forecast.internal;

/**
 * Nelder–Mead minimisation following, step for step, the algorithm R's {@code optim} uses (and that the forecast
 * package's {@code ets} copies): the same initial simplex (a step of a tenth of the largest coordinate), the same
 * reflection, extension, contraction and shrink rules and the same relative convergence test. Reproducing R's
 * search path, not just its optimum, is what lets golden tests match R's published figures where the surface has
 * several minima.
 *
 * <p>Works on primitive arrays; not thread-safe (use one per thread).
 */
public final class NelderMead {
    /** The value R gives to a point where the objective is not finite. */
    private static final double BIG = 1.0e35;
    private static final double ALPHA = 1.0;
    private static final double BETA = 0.5;
    private static final double GAMMA = 2.0;

    /** The function to minimise; return a non-finite value for an infeasible point. */
    @FunctionalInterface
    public interface Objective {
        double value(double[] x);
    }

    /**
     * The result.
     *
     * @param x         the best point
     * @param value     the objective there
     * @param evaluations objective calls made
     * @param converged whether the relative tolerance was met before {@code maxEvaluations}
     */
    public record Result(double[] x, double value, int evaluations, boolean converged) {
    }

    private NelderMead() {
    }

    /** Minimises from {@code start} with R's defaults: relative tolerance √ε, at most {@code maxEvaluations}. */
    public static Result minimize(Objective fn, double[] start, int maxEvaluations) {
        return minimize(fn, start, Math.sqrt(Math.ulp(1.0)), maxEvaluations);
    }

    public static Result minimize(Objective fn, double[] start, double relTol, int maxEvaluations) {
        int n = start.length;
        double[] b = start.clone();
        double[][] p = new double[n + 1][n + 2];
        double f = fn.value(b);
        if (!Double.isFinite(f)) {
            throw new IllegalArgumentException("the objective cannot be evaluated at the starting point");
        }
        int evaluations = 1;
        double convTol = relTol * (Math.abs(f) + relTol);
        int n1 = n + 1;
        int c = n + 2;
        p[n1 - 1][0] = f;
        for (int i = 0; i < n; i++) {
            p[i][0] = b[i];
        }
        int l = 1;
        double step = 0;
        for (int i = 0; i < n; i++) {
            if (0.1 * Math.abs(b[i]) > step) {
                step = 0.1 * Math.abs(b[i]);
            }
        }
        if (step == 0) {
            step = 0.1;
        }
        double size = 0;
        for (int j = 2; j <= n1; j++) {
            for (int i = 0; i < n; i++) {
                p[i][j - 1] = b[i];
            }
            double tryStep = step;
            while (p[j - 2][j - 1] == b[j - 2]) {
                p[j - 2][j - 1] = b[j - 2] + tryStep;
                tryStep *= 10;
            }
            size += tryStep;
        }
        double oldSize = size;
        boolean calcVertices = true;
        boolean converged = false;
        do {
            if (calcVertices) {
                for (int j = 0; j < n1; j++) {
                    if (j + 1 != l) {
                        for (int i = 0; i < n; i++) {
                            b[i] = p[i][j];
                        }
                        f = finite(fn.value(b));
                        evaluations++;
                        p[n1 - 1][j] = f;
                    }
                }
                calcVertices = false;
            }
            double vl = p[n1 - 1][l - 1];
            double vh = vl;
            int h = l;
            for (int j = 1; j <= n1; j++) {
                if (j != l) {
                    double v = p[n1 - 1][j - 1];
                    if (v < vl) {
                        l = j;
                        vl = v;
                    }
                    if (v > vh) {
                        h = j;
                        vh = v;
                    }
                }
            }
            if (vh <= vl + convTol) {
                converged = true;
                break;
            }
            for (int i = 0; i < n; i++) {
                double temp = -p[i][h - 1];
                for (int j = 0; j < n1; j++) {
                    temp += p[i][j];
                }
                p[i][c - 1] = temp / n;
            }
            for (int i = 0; i < n; i++) {
                b[i] = (1 + ALPHA) * p[i][c - 1] - ALPHA * p[i][h - 1];
            }
            f = finite(fn.value(b));
            evaluations++;
            double vr = f;
            if (vr < vl) {
                p[n1 - 1][c - 1] = f;
                for (int i = 0; i < n; i++) {
                    double e = GAMMA * b[i] + (1 - GAMMA) * p[i][c - 1];
                    p[i][c - 1] = b[i];
                    b[i] = e;
                }
                f = finite(fn.value(b));
                evaluations++;
                if (f < vr) {
                    for (int i = 0; i < n; i++) {
                        p[i][h - 1] = b[i];
                    }
                    p[n1 - 1][h - 1] = f;
                } else {
                    for (int i = 0; i < n; i++) {
                        p[i][h - 1] = p[i][c - 1];
                    }
                    p[n1 - 1][h - 1] = vr;
                }
            } else {
                if (vr < vh) {
                    for (int i = 0; i < n; i++) {
                        p[i][h - 1] = b[i];
                    }
                    p[n1 - 1][h - 1] = vr;
                }
                for (int i = 0; i < n; i++) {
                    b[i] = (1 - BETA) * p[i][h - 1] + BETA * p[i][c - 1];
                }
                f = finite(fn.value(b));
                evaluations++;
                if (f < p[n1 - 1][h - 1]) {
                    for (int i = 0; i < n; i++) {
                        p[i][h - 1] = b[i];
                    }
                    p[n1 - 1][h - 1] = f;
                } else if (vr >= vh) {
                    calcVertices = true;
                    size = 0;
                    for (int j = 0; j < n1; j++) {
                        if (j + 1 != l) {
                            for (int i = 0; i < n; i++) {
                                p[i][j] = BETA * (p[i][j] - p[i][l - 1]) + p[i][l - 1];
                                size += Math.abs(p[i][j] - p[i][l - 1]);
                            }
                        }
                    }
                    if (size < oldSize) {
                        oldSize = size;
                    } else {
                        break;
                    }
                }
            }
        } while (evaluations <= maxEvaluations);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = p[i][l - 1];
        }
        return new Result(x, p[n1 - 1][l - 1], evaluations, converged);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : BIG;
    }
}
