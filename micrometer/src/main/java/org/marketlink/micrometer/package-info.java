/**
 * MarketLink in the host's Micrometer {@code MeterRegistry}: {@link org.marketlink.micrometer.PipelineMetrics} for
 * pipeline runs (a {@link org.marketlink.core.pipeline.RunObserver}), {@link org.marketlink.micrometer.StoreMetrics}
 * for a store's pool and caches, {@link org.marketlink.micrometer.QualityMetrics} for suite results and
 * {@link org.marketlink.micrometer.ForecastMetrics} for forecast batches and {@link org.marketlink.micrometer.MatchingMetrics} for match
 * retrieval. Meter names start with
 * {@code marketlink.} (Hikari's own {@code hikaricp.} and Micrometer's {@code cache.} names where those exist); tags
 * hold names a host chose and reason codes, never a value from the data.
 */
package org.marketlink.micrometer;
