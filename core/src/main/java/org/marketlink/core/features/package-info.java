/**
 * Feature engineering: time-window features per key ({@code window}), product features with reasons for what cannot
 * be computed ({@code product}), customer and item interaction features ({@code interaction}), the feature store
 * with point-in-time retrieval and online look-ups ({@code store}), and the model registry with gated promotion
 * ({@code registry}). Experiment analysis lives in {@code org.marketlink.quality.experiments}.
 */
package org.marketlink.core.features;
