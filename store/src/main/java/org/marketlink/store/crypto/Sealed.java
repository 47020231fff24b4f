package org.marketlink.store.crypto;

import org.marketlink.core.Checks;

import java.util.Arrays;

/**
 * Encrypted bytes and the id of the key that sealed them, as stored side by side in two columns.
 *
 * @param keyId      the key's id
 * @param ciphertext format version byte, 12-byte nonce, then AES-GCM ciphertext with its 16-byte tag
 */
public record Sealed(String keyId, byte[] ciphertext) {
    /** Checks the key id and copies the ciphertext. */
    public Sealed {
        Checks.notBlank("keyId", keyId);
        Checks.notNull("ciphertext", ciphertext);
        ciphertext = ciphertext.clone();
    }

    /** A copy of the ciphertext. */
    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public String toString() {
        return "Sealed[keyId=" + keyId + ", bytes=" + ciphertext.length + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sealed s && s.keyId.equals(keyId) && Arrays.equals(s.ciphertext, ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(ciphertext);
    }
}
