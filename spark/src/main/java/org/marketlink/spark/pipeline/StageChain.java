package org.marketlink.spark.pipeline;

import org.marketlink.core.data.Row;
import org.marketlink.core.pipeline.Pipeline;

import java.io.Serializable;

/**
 * The stages a {@link SparkPipeline} runs on every partition, written as they are for one machine:
 *
 * <pre>{@code
 * StageChain chain = rows -> rows
 *         .then("normalize", Stages.map(Prices::normalize))
 *         .then("validate", Stages.validate(suite.compile(schema)::violations));
 * }</pre>
 *
 * <p>It is a function rather than a list of stages because stages may hold what cannot travel between machines (a
 * compiled suite, a cache, a connection) and stateful stages (deduplication) must start fresh on every partition:
 * the chain is shipped, and each partition builds its own stages from it (a stateless chain once per window of
 * rows, so building it should be cheap). What the lambda captures must be serializable; {@link SparkPipeline}
 * checks that before any job starts. Called from several executor threads at once: it must be thread-safe, which a
 * lambda that only builds new stages is.
 */
@FunctionalInterface
public interface StageChain extends Serializable {

    /**
     * Adds this chain's stages to {@code input}, a pipeline of rows of the input schema; the result ends in rows of
     * the output schema.
     */
    Pipeline<Row> addTo(Pipeline<Row> input);
}
