package org.marketlink.store.registry;

/** Where a model version stands: new versions are {@code STAGING}; one version per name is {@code PRODUCTION}. */
public enum ModelStatus {
    /** Registered, not yet promoted. */
    STAGING,
    /** The version in use; one per name. */
    PRODUCTION,
    /** Replaced by a newer production version; cannot be promoted again. */
    ARCHIVED
}
