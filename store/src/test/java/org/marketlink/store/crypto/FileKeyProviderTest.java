package org.marketlink.store.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileKeyProviderTest {
    @TempDir
    Path dir;

    @Test
    void theFileIsCreatedOwnerOnlyAndGivesTheSameKeysAfterARestart() throws Exception {
        Path file = dir.resolve("keys").resolve("marketlink.keys");
        FileKeyProvider first = FileKeyProvider.openOrCreate(file, "k1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.currentKeyId()).isEqualTo("k1");
        byte[] key = first.key("k1").orElseThrow().getEncoded();
        assertThat(key).hasSize(32);

        FileKeyProvider again = FileKeyProvider.openOrCreate(file, "other");
        assertThat(again.currentKeyId()).as("an existing file is kept").isEqualTo("k1");
        assertThat(again.key("k1").orElseThrow().getEncoded()).isEqualTo(key);
        assertThat(again.keyIds()).containsExactly("k1");
        // what a sealed field needs: the same key after the restart
        FieldCipher before = new FieldCipher(first);
        FieldCipher after = new FieldCipher(FileKeyProvider.open(file));
        assertThat(after.openText("contact", before.sealText("contact", "Wanjiru, 0712 345678")))
                .isEqualTo("Wanjiru, 0712 345678");
    }

    @Test
    void rotationKeepsOldKeysReadableAndTheFileOwnerOnly() throws Exception {
        Path file = dir.resolve("marketlink.keys");
        FileKeyProvider keys = FileKeyProvider.openOrCreate(file, "k1");
        Sealed sealed = new FieldCipher(keys).sealText("note", "a secret");
        keys.rotateTo("k2");
        assertThat(keys.currentKeyId()).isEqualTo("k2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        FileKeyProvider reopened = FileKeyProvider.open(file);
        assertThat(reopened.keyIds()).containsExactly("k1", "k2");
        assertThat(reopened.currentKeyId()).isEqualTo("k2");
        assertThat(new FieldCipher(reopened).openText("note", sealed)).isEqualTo("a secret");
        assertThatThrownBy(() -> keys.rotateTo("k1")).hasMessageContaining("already has a key 'k1'");
        try (var temps = Files.list(dir)) {
            assertThat(temps.map(p -> p.getFileName().toString())).containsExactly("marketlink.keys");
        }
    }

    @Test
    void aFileOthersCanReadIsRefusedWithTheFix() throws Exception {
        Path file = dir.resolve("marketlink.keys");
        FileKeyProvider.openOrCreate(file, "k1");
        for (String loose : new String[] {"rw-r--r--", "rw-r-----", "rw-----w-", "rw------x"}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(loose));
            assertThatThrownBy(() -> FileKeyProvider.open(file)).as(loose)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("permissions are " + loose).hasMessageContaining("chmod 600");
            assertThatThrownBy(() -> FileKeyProvider.openOrCreate(file, "k1")).as(loose)
                    .isInstanceOf(IllegalStateException.class);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertThat(FileKeyProvider.open(file).currentKeyId()).isEqualTo("k1");
    }

    @Test
    void aMalformedFileNamesTheLineAndNeverTheKeyMaterial() throws Exception {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        String[][] cases = {
                {"current k1\nkey k1 " + shortKey + "\n", "line 2: key 'k1' has 16 bytes"},
                {"current k1\nkey k1 not*base64\n", "line 2: key 'k1' is not base64"},
                {"current k1\nkey k1 " + key + " trailing\n", "line 2: expected"},
                {"# c\n\nkey k1 " + key + "\n", "has no 'current <id>' line"},
                {"current k2\nkey k1 " + key + "\n", "names 'k2' as current but holds no key with that id (it holds [k1])"},
                {"current k1\ncurrent k1\nkey k1 " + key + "\n", "line 2: a second 'current' line"},
                {"current k1\nkey k1 " + key + "\nkey k1 " + key + "\n", "line 3: key 'k1' appears twice"},
        };
        for (String[] c : cases) {
            Path file = Files.writeString(dir.resolve("bad.keys"), c[0]);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            assertThatThrownBy(() -> FileKeyProvider.open(file)).as(c[0])
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(c[1])
                    .hasMessageNotContaining(key).hasMessageNotContaining(shortKey);
        }
        assertThatThrownBy(() -> FileKeyProvider.open(dir.resolve("missing.keys")))
                .isInstanceOf(NoSuchKeyException.class).hasMessageContaining("openOrCreate");
        assertThatThrownBy(() -> FileKeyProvider.openOrCreate(dir.resolve("x.keys"), "a b"))
                .hasMessageContaining("' '");
    }

    @Test
    void theDescriptionNamesKeysNotTheirBytes() {
        FileKeyProvider keys = FileKeyProvider.openOrCreate(dir.resolve("marketlink.keys"), "k1");
        String key = Base64.getEncoder().encodeToString(keys.key("k1").orElseThrow().getEncoded());
        assertThat(keys.toString()).contains("k1").doesNotContain(key);
    }
}
