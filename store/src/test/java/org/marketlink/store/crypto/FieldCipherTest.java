package org.marketlink.store.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldCipherTest {
    private final InMemoryKeyProvider keys = InMemoryKeyProvider.withNewKey("k1");
    private final FieldCipher cipher = new FieldCipher(keys);

    @Test
    void seal_thenOpen_returnsPlaintextAndHidesIt() {
        Sealed sealed = cipher.sealText("t.c", "account 1234567890");
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("1234567890");
        assertThat(cipher.openText("t.c", sealed)).isEqualTo("account 1234567890");
        assertThat(cipher.sealText("t.c", "same").ciphertext()).isNotEqualTo(cipher.sealText("t.c", "same").ciphertext());
    }

    @Test
    void open_tamperedCiphertext_failsClearly() {
        byte[] bytes = cipher.sealText("t.c", "secret").ciphertext();
        bytes[bytes.length - 3] ^= 1;
        assertThatThrownBy(() -> cipher.open("t.c", new Sealed("k1", bytes)))
                .isInstanceOf(UnableToDecryptException.class).hasMessageContaining("altered")
                .hasMessageContaining("k1").hasMessageNotContaining("secret");
    }

    @Test
    void open_otherField_fails() {
        Sealed sealed = cipher.sealText("t.a", "secret");
        assertThatThrownBy(() -> cipher.open("t.b", sealed)).isInstanceOf(UnableToDecryptException.class);
    }

    @Test
    void open_missingOrWrongKey_failsNamingTheKey() {
        Sealed sealed = cipher.sealText("t.c", "secret");
        FieldCipher stranger = new FieldCipher(InMemoryKeyProvider.withNewKey("k2"));
        assertThatThrownBy(() -> stranger.open("t.c", sealed)).isInstanceOf(UnableToDecryptException.class)
                .hasMessageContaining("'k1'");
        FieldCipher impostor = new FieldCipher(InMemoryKeyProvider.withNewKey("k1"));
        assertThatThrownBy(() -> impostor.open("t.c", sealed)).isInstanceOf(UnableToDecryptException.class)
                .hasMessageContaining("wrong key");
        assertThatThrownBy(() -> new FieldCipher(KeyProvider.none()).sealText("t.c", "x"))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void rotation_keepsOldCiphertextReadable() {
        Sealed old = cipher.sealText("t.c", "v1");
        keys.rotateTo("k2");
        Sealed fresh = cipher.sealText("t.c", "v2");
        assertThat(fresh.keyId()).isEqualTo("k2");
        assertThat(cipher.openText("t.c", old)).isEqualTo("v1");
        keys.removeKey("k1");
        assertThatThrownBy(() -> cipher.openText("t.c", old)).isInstanceOf(UnableToDecryptException.class);
        assertThat(cipher.openText("t.c", fresh)).isEqualTo("v2");
    }
}
