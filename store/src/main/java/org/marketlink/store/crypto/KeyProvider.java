package org.marketlink.store.crypto;

import javax.crypto.SecretKey;
import java.util.Optional;

/**
 * Supplies the AES-256 keys that encrypt sensitive columns. The host holds the keys (a KMS, a vault, a
 * keystore); MarketLink stores only the key id beside each ciphertext, so keys can rotate: new writes use
 * {@link #currentKeyId()}, and rows written under older ids stay readable while the provider still returns
 * those keys.
 *
 * <p>Implementations must be thread-safe.
 */
public interface KeyProvider {

    /** The id of the key new data is encrypted with. */
    String currentKeyId();

    /** The 256-bit AES key with this id, or empty when the provider does not know it. */
    Optional<SecretKey> key(String keyId);

    /** A provider that has no keys: writing encrypted data through it fails with a clear error. */
    static KeyProvider none() {
        return NoKeys.INSTANCE;
    }

    /** The provider behind {@link #none()}. */
    enum NoKeys implements KeyProvider {
        /** The one provider without keys. */
        INSTANCE;

        @Override
        public String currentKeyId() {
            throw new NoSuchKeyException("no key provider is configured; give the store a KeyProvider to "
                    + "write encrypted fields");
        }

        @Override
        public Optional<SecretKey> key(String keyId) {
            return Optional.empty();
        }
    }
}
