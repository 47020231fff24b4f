package org.marketlink.examples.mainjob;

import org.marketlink.store.crypto.InMemoryKeyProvider;
import org.marketlink.store.crypto.KeyProvider;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The demo's encryption key, kept in a file beside the embedded database so that a second run can read what the
 * first wrote. A real host keeps keys in its secret store and implements {@link KeyProvider} over it.
 */
final class DemoKeys {
    private static final String KEY_ID = "demo-1";

    private DemoKeys() {
    }

    static KeyProvider load(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] key = InMemoryKeyProvider.generateKey().getEncoded();
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
            return InMemoryKeyProvider.withNewKey("unused").addKey(KEY_ID, new SecretKeySpec(key, "AES"))
                    .makeCurrent(KEY_ID);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the demo key " + file, e);
        }
    }
}
