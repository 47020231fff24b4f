/**
 * The match life cycle in the store: pending matches proposed from recommendations, moves checked against the
 * stored state, and outcomes returned as training rows and success history.
 */
package org.marketlink.store.matching;
