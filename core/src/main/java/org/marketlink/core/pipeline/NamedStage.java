package org.marketlink.core.pipeline;

/** A stage with its name in the plan. */
record NamedStage(String name, Stage<?, ?> stage) {
}
