/** Quality inside a pipeline run: {@link org.marketlink.quality.pipeline.SuiteStage} validates in the loading pass. */
package org.marketlink.quality.pipeline;
