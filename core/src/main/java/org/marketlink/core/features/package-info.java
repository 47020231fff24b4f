/**
 * Feature engineering: time-window features per key ({@code window}), product features with reasons for what cannot
 * be computed ({@code product}), customer and item interaction features ({@code interaction}), and the feature store
 * with point-in-time retrieval and the model registry ({@code store}).
 */
package org.marketlink.core.features;
