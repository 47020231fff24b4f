package org.marketlink.core.store.internal;

import org.marketlink.core.privacy.FieldCipher;
import org.marketlink.core.store.Dialect;
import org.marketlink.core.store.StoreOptions;

/** What every repository of one store shares. Immutable. */
public record StoreContext(Sql sql, Dialect dialect, FieldCipher cipher, StoreOptions options) {
}
