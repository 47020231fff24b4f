package org.marketlink.store.registry;

/**
 * A condition a model version must meet to go to production, for example "AUC ≥ 0.85 on the evaluation set".
 * Implementations are pure functions of the model version.
 */
public interface PromotionGate {
    /** What the gate requires, as recorded with each promotion attempt. */
    String describe();

    /** Whether the version passes, and why (with the figures). */
    Verdict check(ModelVersion model);

    /**
     * A gate's answer.
     *
     * @param passed whether the model may be promoted
     * @param reason why, naming the figures compared
     */
    record Verdict(boolean passed, String reason) {
    }

    /** Passes when the metric was recorded and is at least {@code minimum}. */
    static PromotionGate metricAtLeast(String metric, double minimum) {
        return new PromotionGate() {
            @Override
            public String describe() {
                return metric + " >= " + minimum;
            }

            @Override
            public Verdict check(ModelVersion model) {
                Double value = model.metrics().get(metric);
                if (value == null) {
                    return new Verdict(false, metric + " was not recorded for " + model.name() + " v"
                            + model.version());
                }
                return value >= minimum ? new Verdict(true, metric + " " + value + " >= " + minimum)
                        : new Verdict(false, metric + " " + value + " < " + minimum);
            }
        };
    }
}
