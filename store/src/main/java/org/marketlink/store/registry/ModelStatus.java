package org.marketlink.store.registry;

/** Where a model version stands: new versions are {@code STAGING}; one version per name is {@code PRODUCTION}. */
public enum ModelStatus { STAGING, PRODUCTION, ARCHIVED }
