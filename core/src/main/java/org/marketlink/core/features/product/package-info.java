/**
 * Product features (price position, elasticity, sales velocity, trend, seasonality, ...), each a value or the
 * reason it cannot be computed; nothing observed after the features' as-of date is read.
 */
package org.marketlink.core.features.product;
