package org.marketlink.store.internal;

import org.marketlink.store.Dialect;
import org.marketlink.store.StoreOptions;
import org.marketlink.store.crypto.FieldCipher;

/** What every repository of one store shares. Immutable. */
public record StoreContext(Sql sql, Dialect dialect, FieldCipher cipher, StoreOptions options) {
}
