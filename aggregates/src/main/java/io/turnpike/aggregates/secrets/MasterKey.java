package io.turnpike.aggregates.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Finds the 32-byte master key that seals provider secrets: the base64 value of {@code TURNPIKE_MASTER_KEY} if set,
 * otherwise {@code <home>/master.key}, generated (owner read/write only) on first start. Losing the key makes stored
 * provider secrets unreadable, so it is never regenerated over an existing file.
 */
public final class MasterKey {
    public static final String ENV_VARIABLE = "TURNPIKE_MASTER_KEY";
    static final String FILE_NAME = "master.key";

    private MasterKey() {
    }

    public static byte[] load(Path home, String environmentValue, SecureRandom random) {
        if (environmentValue != null && !environmentValue.isBlank()) {
            return decode(environmentValue, ENV_VARIABLE);
        }
        Path file = home.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                generate(file, random);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create master key " + file, e);
        }
    }

    private static void generate(Path file, SecureRandom random) throws IOException {
        byte[] key = new byte[SecretSealer.KEY_BYTES];
        random.nextBytes(key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            // Created with 0600 from the start so the key is never readable by others, not even briefly.
            Files.createFile(file, ownerOnly());
        } catch (FileAlreadyExistsException raced) {
            return;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
    }

    private static FileAttribute<?> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("master key from " + source + " is not base64");
        }
        if (key.length != SecretSealer.KEY_BYTES) {
            throw new IllegalStateException("master key from " + source + " must decode to "
                    + SecretSealer.KEY_BYTES + " bytes, got " + key.length);
        }
        return key;
    }
}
