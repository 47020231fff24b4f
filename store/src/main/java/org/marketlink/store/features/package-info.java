/**
 * The feature store: feature definitions and sets, labelled training sets stored per run ({@code TrainingSets}), batch
 * materialisation stamped with the pipeline run (also as a
 * pipeline sink), point-in-time retrieval that never returns a value observed after a row's time, and a cached
 * online look-up invalidated by writes.
 */
package org.marketlink.store.features;
