/**
 * MarketLink core: the root exception types ({@link org.marketlink.core.MarketLinkException} and its
 * {@code UnableToXxx} / {@code NoSuchXxx} subclasses) and the argument checks every module words its errors with.
 * The domain records are in {@link org.marketlink.core.model}, schemas and rows in {@link org.marketlink.core.data},
 * pipelines in {@link org.marketlink.core.pipeline}, sources and sinks in {@link org.marketlink.core.io}. Storage is
 * the {@code marketlink-store} module.
 */
package org.marketlink.core;
