/**
 * Pipelines: a {@link org.marketlink.core.pipeline.Source}, named {@link org.marketlink.core.pipeline.Stage}s
 * and a {@link org.marketlink.core.pipeline.Sink}, run in chunks with bounded memory; every row ends in the sink
 * or in quarantine with a reason, and the {@link org.marketlink.core.pipeline.RunReport} accounts for each.
 */
package org.marketlink.core.pipeline;
