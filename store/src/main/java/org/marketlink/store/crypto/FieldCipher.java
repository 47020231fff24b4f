package org.marketlink.store.crypto;

import org.marketlink.core.Checks;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * AES-256-GCM encryption of single fields through the JCA.
 *
 * <p>Each value gets a fresh random 96-bit nonce. The field's name (for example {@code shgs.bank_details}) is
 * bound as associated data, so ciphertext copied into another column does not decrypt. Thread-safe.
 */
public final class FieldCipher {
    private static final byte FORMAT_VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyProvider keys;

    /** A cipher that seals with the current key of {@code keys} and opens with any key it knows. */
    public FieldCipher(KeyProvider keys) {
        this.keys = Checks.notNull("keys", keys);
    }

    /** The keys the cipher uses. */
    public KeyProvider keys() {
        return keys;
    }

    /** Encrypts {@code plaintext} for {@code field} under the current key. */
    public Sealed seal(String field, byte[] plaintext) {
        String keyId = keys.currentKeyId();
        SecretKey key = keys.key(keyId).orElseThrow(() ->
                new NoSuchKeyException("the current key '" + keyId + "' is not available to encrypt " + field));
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(field, keyId));
            byte[] body = cipher.doFinal(plaintext);
            byte[] out = new byte[1 + NONCE_BYTES + body.length];
            out[0] = FORMAT_VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            System.arraycopy(body, 0, out, 1 + NONCE_BYTES, body.length);
            return new Sealed(keyId, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Encrypts UTF-8 text. */
    public Sealed sealText(String field, String plaintext) {
        return seal(field, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decrypts what {@link #seal} produced for the same field.
     *
     * @throws UnableToDecryptException when the key is unknown, wrong, or the data was altered
     */
    public byte[] open(String field, Sealed sealed) {
        byte[] data = sealed.ciphertext();
        SecretKey key = keys.key(sealed.keyId()).orElseThrow(() -> new UnableToDecryptException(
                "no key '" + sealed.keyId() + "' to decrypt " + field + "; the key provider does not know it"));
        if (data.length < 1 + NONCE_BYTES + TAG_BITS / 8 || data[0] != FORMAT_VERSION) {
            throw new UnableToDecryptException("stored " + field + " is not in a known encrypted format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 1, NONCE_BYTES));
            cipher.updateAAD(aad(field, sealed.keyId()));
            return cipher.doFinal(data, 1 + NONCE_BYTES, data.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new UnableToDecryptException("could not decrypt " + field + " under key '" + sealed.keyId()
                    + "': wrong key or the stored data was altered", e);
        } catch (GeneralSecurityException e) {
            throw new UnableToDecryptException("could not decrypt " + field + " under key '" + sealed.keyId() + "'",
                    e);
        }
    }

    /** Decrypts UTF-8 text. */
    public String openText(String field, Sealed sealed) {
        byte[] bytes = open(field, sealed);
        try {
            return new String(bytes, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] aad(String field, String keyId) {
        return (field + '\u0000' + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
