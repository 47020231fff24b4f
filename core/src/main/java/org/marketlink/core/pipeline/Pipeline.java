package org.marketlink.core.pipeline;

import org.marketlink.core.Checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An immutable plan: a source, named stages, a sink and a quarantine.
 *
 * <pre>{@code
 * RunReport report = Pipeline.from(Sources.of("orders", rows))
 *         .then("parse", Stages.map(Order::parse))
 *         .then("dedupe", Stages.deduplicate(Order::reference, Stages.Keep.FIRST))
 *         .to(sink)
 *         .quarantineTo(quarantine)
 *         .run(RunOptions.defaults().withParallelism(2));
 * }</pre>
 *
 * <p>Every builder step returns a new plan; a plan may be run many times, though stateful stages (such as
 * deduplication) should then be made fresh per run. Thread-safe to share; each {@link Plan#run} streams with
 * bounded memory.
 *
 * @param <T> the type of the rows at the end of the plan so far
 */
public final class Pipeline<T> {
    private final Source<?> source;
    private final List<NamedStage> stages;

    private Pipeline(Source<?> source, List<NamedStage> stages) {
        this.source = source;
        this.stages = List.copyOf(stages);
    }

    /** A pipeline reading from {@code source}. */
    public static <T> Pipeline<T> from(Source<T> source) {
        Checks.notNull("source", source);
        return new Pipeline<>(source, List.of());
    }

    /** Adds a stage under a name unique in this plan (the name appears in reports and quarantine rows). */
    public <O> Pipeline<O> then(String name, Stage<? super T, O> stage) {
        Checks.notBlank("name", name);
        Checks.notNull("stage", stage);
        if (stages.stream().anyMatch(s -> s.name().equals(name))) {
            throw new IllegalArgumentException("a stage named '" + name + "' is already in this pipeline");
        }
        List<NamedStage> next = new ArrayList<>(stages);
        next.add(new NamedStage(name, stage));
        return new Pipeline<>(source, next);
    }

    /**
     * Whether a stage of this plan keeps state across rows ({@link Stage#stateful()}, deduplication for example):
     * such a plan gives its intended result only when one run sees all the rows.
     */
    public boolean hasStatefulStage() {
        return stages.stream().anyMatch(s -> s.stage().stateful());
    }

    /**
     * Ends the plan in a sink; rejected rows are counted but kept nowhere until {@link Plan#quarantineTo}. A sink that
     * checks rows against its target ({@link Sink#admission()}) gets that check as the plan's last stage.
     */
    public Plan<T> to(Sink<? super T> sink) {
        Checks.notNull("sink", sink);
        List<NamedStage> all = stages;
        Optional<? extends Stage<?, ?>> admission = sink.admission();
        if (admission.isPresent()) {
            all = new ArrayList<>(stages);
            all.add(new NamedStage("fit for " + sink.name(), admission.get()));
        }
        return new Plan<>(source, all, sink, QuarantineSink.none());
    }

    /** A complete, runnable plan. Immutable. */
    public static final class Plan<T> {
        private final Source<?> source;
        private final List<NamedStage> stages;
        private final Sink<?> sink;
        private final QuarantineSink quarantine;

        Plan(Source<?> source, List<NamedStage> stages, Sink<?> sink, QuarantineSink quarantine) {
            this.source = source;
            this.stages = stages;
            this.sink = sink;
            this.quarantine = quarantine;
        }

        /** The same plan with rejected rows written to {@code quarantine}. */
        public Plan<T> quarantineTo(QuarantineSink target) {
            Checks.notNull("quarantine", target);
            return new Plan<>(source, stages, sink, target);
        }

        /**
         * Runs the plan.
         *
         * @return the report; its {@link RunReport#balanced()} is true for every completed run
         * @throws UnableToRunException when a chunk cannot be written after its retries (earlier chunks stay
         *                              written, no chunk is half written)
         */
        public RunReport run(RunOptions options) {
            Checks.notNull("options", options);
            return new Runner(source, stages, sink, quarantine, options).run();
        }

        /** Runs with {@link RunOptions#defaults()}. */
        public RunReport run() {
            return run(RunOptions.defaults());
        }
    }
}
