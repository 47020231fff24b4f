package org.marketlink.store.crypto;

import org.marketlink.core.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keys kept in a file only its owner can read: the key provider of the embedded default, for a single machine that
 * has no secret store. A host with a KMS or vault implements {@link KeyProvider} over it instead.
 *
 * <p>The file is text, one entry a line: {@code current <id>} names the key new data is sealed with, and each
 * {@code key <id> <base64 of 32 bytes>} line holds a key; blank lines and lines starting with {@code #} are ignored.
 * It is created with permissions {@code rw-------} and rewritten the same way (a new file moved over the old one, so a
 * crash leaves the old keys or the new ones, never half a file). On a file system with POSIX permissions, opening
 * refuses a file that its group or others may read, write or execute, naming the permissions and the fix; on one
 * without them (Windows) the check cannot be made, and a warning says so.
 *
 * <p>Nothing this class prints, logs or throws contains key material. Thread-safe: reads see a consistent set of
 * keys, and {@link #rotateTo} is serialised.
 */
public final class FileKeyProvider implements KeyProvider {
    private static final Logger LOG = LoggerFactory.getLogger(FileKeyProvider.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final String HEADER = "# MarketLink encryption keys. Whoever reads this file can read the "
            + "encrypted fields: keep it rw------- and out of backups that others can read.";

    private final Path file;
    private volatile Snapshot snapshot;

    private record Snapshot(String current, Map<String, SecretKey> keys) {
    }

    private FileKeyProvider(Path file, Snapshot snapshot) {
        this.file = file;
        this.snapshot = snapshot;
    }

    /**
     * Opens an existing key file.
     *
     * @throws NoSuchKeyException       when the file does not exist
     * @throws IllegalStateException    when others may read it, or it is malformed (the line number is named)
     * @throws UncheckedIOException     when it cannot be read
     */
    public static FileKeyProvider open(Path file) {
        Checks.notNull("file", file);
        checkPermissions(file);
        return new FileKeyProvider(file, read(file));
    }

    /**
     * Opens the key file, creating it first with one new random key under {@code keyId} when it does not exist. The
     * first start of an embedded store and every start after it use the same call.
     *
     * @throws IllegalStateException when an existing file may be read by others or is malformed
     * @throws UncheckedIOException  when it cannot be read or created
     */
    public static FileKeyProvider openOrCreate(Path file, String keyId) {
        Checks.notNull("file", file);
        checkId(keyId);
        if (!Files.exists(file)) {
            Map<String, SecretKey> keys = new LinkedHashMap<>();
            keys.put(keyId, InMemoryKeyProvider.generateKey());
            try {
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path temp = writeTemp(dir, new Snapshot(keyId, keys));
                try {
                    // no replace: when another process created the file meanwhile, its keys win
                    Files.move(temp, file);
                    LOG.info("created the key file {} with key '{}'", file, keyId);
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not create the key file " + file, e);
            }
        }
        return open(file);
    }

    /** The file the keys are kept in. */
    public Path file() {
        return file;
    }

    /** The ids of the keys held, in file order. */
    public List<String> keyIds() {
        return List.copyOf(snapshot.keys().keySet());
    }

    /**
     * Adds a new random key under {@code keyId}, makes it current and rewrites the file; older keys stay, so data
     * sealed with them stays readable. Returns this provider.
     *
     * @throws IllegalArgumentException when a key with that id exists already
     * @throws UncheckedIOException     when the file cannot be rewritten (the keys in memory are then unchanged)
     */
    public synchronized FileKeyProvider rotateTo(String keyId) {
        checkId(keyId);
        Snapshot now = snapshot;
        if (now.keys().containsKey(keyId)) {
            throw new IllegalArgumentException("the key file " + file + " already has a key '" + keyId + "'");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>(now.keys());
        keys.put(keyId, InMemoryKeyProvider.generateKey());
        Snapshot next = new Snapshot(keyId, Collections.unmodifiableMap(keys));
        try {
            Path temp = writeTemp(file.toAbsolutePath().getParent(), next);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not rewrite the key file " + file, e);
        }
        snapshot = next;
        LOG.info("key file {}: new key '{}' is current ({} keys)", file, keyId, keys.size());
        return this;
    }

    @Override
    public String currentKeyId() {
        return snapshot.current();
    }

    @Override
    public Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(snapshot.keys().get(keyId));
    }

    @Override
    public String toString() {
        return "FileKeyProvider[" + file + ", keys " + keyIds() + ", current " + currentKeyId() + "]";
    }

    private static void checkId(String keyId) {
        Checks.notBlank("keyId", keyId);
        for (int i = 0; i < keyId.length(); i++) {
            char c = keyId.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
                throw new IllegalArgumentException("a key id holds letters, digits, '-', '_' and '.' only; '"
                        + keyId + "' has '" + c + "'");
            }
        }
    }

    private static void checkPermissions(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (!Files.exists(file)) {
            throw new NoSuchKeyException("the key file " + file + " does not exist; create it with "
                    + "FileKeyProvider.openOrCreate");
        }
        if (view == null) {
            LOG.warn("the file system of {} has no POSIX permissions: cannot check that only its owner can read the "
                    + "keys", file);
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the permissions of the key file " + file, e);
        }
        Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
        extra.addAll(permissions);
        extra.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        if (!extra.isEmpty()) {
            throw new IllegalStateException("refusing the key file " + file + ": its permissions are "
                    + PosixFilePermissions.toString(permissions) + ", so its group or others can use it; "
                    + "run chmod 600 on it (and consider the keys in it exposed)");
        }
    }

    private static Snapshot read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchKeyException("the key file " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the key file " + file, e);
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String current = null;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            String where = "the key file " + file + ", line " + (n + 1);
            if (parts[0].equals("current") && parts.length == 2) {
                if (current != null) {
                    throw new IllegalStateException(where + ": a second 'current' line");
                }
                current = parts[1];
            } else if (parts[0].equals("key") && parts.length == 3) {
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(parts[2]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(where + ": key '" + parts[1] + "' is not base64");
                }
                if (bytes.length != 32) {
                    throw new IllegalStateException(where + ": key '" + parts[1] + "' has " + bytes.length
                            + " bytes; an AES-256 key has 32");
                }
                if (keys.put(parts[1], new SecretKeySpec(bytes, "AES")) != null) {
                    throw new IllegalStateException(where + ": key '" + parts[1] + "' appears twice");
                }
            } else {
                // the line itself is not quoted: it may hold key material
                throw new IllegalStateException(where + ": expected 'current <id>' or 'key <id> <base64>'");
            }
        }
        if (current == null) {
            throw new IllegalStateException("the key file " + file + " has no 'current <id>' line");
        }
        if (!keys.containsKey(current)) {
            throw new IllegalStateException("the key file " + file + " names '" + current + "' as current but holds "
                    + "no key with that id (it holds " + keys.keySet() + ")");
        }
        return new Snapshot(current, Collections.unmodifiableMap(keys));
    }

    private static Path writeTemp(Path dir, Snapshot s) throws IOException {
        Path temp;
        if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
            temp = Files.createTempFile(dir, ".marketlink-keys", ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            temp = Files.createTempFile(dir, ".marketlink-keys", ".tmp");
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n').append("current ").append(s.current())
                .append('\n');
        s.keys().forEach((id, key) -> text.append("key ").append(id).append(' ')
                .append(Base64.getEncoder().encodeToString(key.getEncoded())).append('\n'));
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }
}
