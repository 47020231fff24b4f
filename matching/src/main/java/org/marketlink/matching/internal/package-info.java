/**
 * Implementation details of {@code marketlink-matching}: not API. Hosts and other MarketLink modules must not use
 * these types; they change without notice and are left out of the javadoc.
 */
package org.marketlink.matching.internal;
