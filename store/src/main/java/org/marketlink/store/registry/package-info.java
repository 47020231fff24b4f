/**
 * The model registry: model versions with their feature set, parameters, training run (checked against the lineage
 * table), metrics and artifact, promoted only through a gate whose reason is recorded.
 */
package org.marketlink.store.registry;
