package io.turnpike.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin bearer token: {@code TURNPIKE_ADMIN_TOKEN} when set, else the one stored in
 * {@code <home>/admin.token} (owner-only), generated on first start.
 */
final class AdminTokenStore {
    static final String FILE_NAME = "admin.token";

    record AdminToken(String value, boolean generated, Path file) {
    }

    private AdminTokenStore() {
    }

    static AdminToken resolve(String fromEnvironment, Path home) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new AdminToken(fromEnvironment.trim(), false, null);
        }
        Path file = home.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return new AdminToken(Files.readString(file, StandardCharsets.UTF_8).trim(), false, file);
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = "tpa-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(home);
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            restrictToOwner(file);
            return new AdminToken(token, true, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token at " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Non-POSIX file systems: the directory's own permissions have to do.
        }
    }
}
