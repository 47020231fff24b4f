package org.marketlink.core.pipeline.internal;

import org.marketlink.core.pipeline.Stage;

/** A stage with its name in the plan. */
public record NamedStage(String name, Stage<?, ?> stage) {
}
