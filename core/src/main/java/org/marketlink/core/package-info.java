/**
 * MarketLink core: the root exception types. The domain model is in {@link org.marketlink.core.model},
 * storage in {@link org.marketlink.store}.
 */
package org.marketlink.core;
