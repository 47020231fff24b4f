package org.marketlink.store.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

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

    /**
     * Passes when both metrics were recorded and {@code metric} exceeds {@code baseline} by at least {@code margin}:
     * "the learned model beats the rule it replaces on the same evaluation rows", with both figures in the reason.
     *
     * @param metric   the candidate's figure, higher is better
     * @param baseline the figure of what it would replace, measured on the same rows
     * @param margin   how much better it must be, ≥ 0
     */
    static PromotionGate beats(String metric, String baseline, double margin) {
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException("margin must be a finite number >= 0, was " + margin);
        }
        return new PromotionGate() {
            @Override
            public String describe() {
                return metric + " >= " + baseline + " + " + margin;
            }

            @Override
            public Verdict check(ModelVersion model) {
                Double value = model.metrics().get(metric);
                Double base = model.metrics().get(baseline);
                if (value == null || base == null) {
                    return new Verdict(false, (value == null ? metric : baseline) + " was not recorded for "
                            + model.name() + " v" + model.version());
                }
                String figures = String.format(Locale.ROOT, "%s %.4f vs %s %.4f (margin %.4f)", metric, value,
                        baseline, base, margin);
                return value >= base + margin ? new Verdict(true, figures) : new Verdict(false, figures);
            }
        };
    }

    /**
     * Passes when every one of {@code gates} passes: "beats the rule it replaces, and beats the other candidate trained
     * on the same day". The reason gives each gate's reason, in order, or the first failing one's.
     *
     * @param gates at least one gate
     */
    static PromotionGate allOf(PromotionGate... gates) {
        if (gates == null || gates.length == 0) {
            throw new IllegalArgumentException("allOf needs at least one gate");
        }
        List<PromotionGate> all = List.of(gates);
        return new PromotionGate() {
            @Override
            public String describe() {
                return all.stream().map(PromotionGate::describe).collect(Collectors.joining(" and "));
            }

            @Override
            public Verdict check(ModelVersion model) {
                List<String> reasons = new ArrayList<>();
                for (PromotionGate g : all) {
                    Verdict v = g.check(model);
                    if (!v.passed()) {
                        return v;
                    }
                    reasons.add(v.reason());
                }
                return new Verdict(true, String.join("; ", reasons));
            }
        };
    }
}
