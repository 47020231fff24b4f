package org.marketlink.store.crypto;

import org.marketlink.core.Checks;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys held in memory, for tests, examples and hosts that load keys from their own secret store at start-up.
 * Thread-safe.
 */
public final class InMemoryKeyProvider implements KeyProvider {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    private volatile String current;

    private InMemoryKeyProvider() {
    }

    /** A provider with one freshly generated key under {@code keyId}, which is current. */
    public static InMemoryKeyProvider withNewKey(String keyId) {
        InMemoryKeyProvider provider = new InMemoryKeyProvider();
        provider.addKey(keyId, generateKey());
        provider.makeCurrent(keyId);
        return provider;
    }

    /** A fresh random 256-bit AES key. */
    public static SecretKey generateKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    /** Adds (or replaces) a key. It becomes current only through {@link #makeCurrent(String)}. */
    public InMemoryKeyProvider addKey(String keyId, SecretKey key) {
        Checks.notBlank("keyId", keyId);
        Checks.notNull("key", key);
        if (key.getEncoded() == null || key.getEncoded().length != 32) {
            throw new IllegalArgumentException("key " + keyId + " must be a 256-bit AES key");
        }
        keys.put(keyId, key);
        return this;
    }

    /** Adds a freshly generated key and makes it current; returns this provider. */
    public InMemoryKeyProvider rotateTo(String keyId) {
        addKey(keyId, generateKey());
        return makeCurrent(keyId);
    }

    /**
     * Makes the known key {@code keyId} the one new data is sealed with; returns this provider; {@link
     * NoSuchKeyException} if it is not known.
     */
    public InMemoryKeyProvider makeCurrent(String keyId) {
        if (!keys.containsKey(keyId)) {
            throw new NoSuchKeyException("no key with id '" + keyId + "'");
        }
        current = keyId;
        return this;
    }

    /** Forgets a key: data still encrypted under it can no longer be read. */
    public InMemoryKeyProvider removeKey(String keyId) {
        if (keyId.equals(current)) {
            throw new IllegalArgumentException("cannot remove the current key '" + keyId + "'");
        }
        keys.remove(keyId);
        return this;
    }

    @Override
    public String currentKeyId() {
        return current;
    }

    @Override
    public Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }
}
