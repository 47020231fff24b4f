package org.marketlink.store.internal;

import org.marketlink.store.crypto.FieldCipher;
import org.marketlink.store.Dialect;
import org.marketlink.store.StoreOptions;

/** What every repository of one store shares. Immutable. */
public record StoreContext(Sql sql, Dialect dialect, FieldCipher cipher, StoreOptions options) {
}
