/**
 * Field encryption (AES-256-GCM) with keys the host holds and can rotate: {@link org.marketlink.store.crypto.KeyProvider}
 * is the host's secret store, {@link org.marketlink.store.crypto.FieldCipher} seals and opens values bound to their
 * table and column.
 */
package org.marketlink.store.crypto;
