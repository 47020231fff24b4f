/**
 * Data governance: the catalog of datasets with their PII columns, owners and retention ({@link
 * org.marketlink.store.governance.Catalog}), masking of PII wherever the library prints values, erase and export per
 * data subject, retention, and the schema registry with compatibility checks. Field encryption itself lives in
 * {@code org.marketlink.core.privacy}.
 */
package org.marketlink.store.governance;
