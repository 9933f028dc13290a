package io.turnpike.aggregates;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Gateway key material. A key is {@code "tp-"} + 32 random bytes in unpadded base64url; only its SHA-256 hash and a
 * short prefix are ever stored. The proxy authenticates a request by {@link #hash(String) hashing} the presented key
 * and looking the hash up, so both sides must hash exactly the same way.
 */
public final class ApiKeys {
    static final String KEY_PREFIX = "tp-";
    static final int KEY_RANDOM_BYTES = 32;
    static final String ID_PREFIX = "key_";
    static final int ID_RANDOM_CHARS = 20;
    /** Length of the non-secret start of a key shown in listings ("tp-" + 7 random characters). */
    public static final int DISPLAY_PREFIX_LENGTH = 10;

    private static final char[] BASE32_LOWER = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private ApiKeys() {
    }

    /** Lowercase hex SHA-256 of the key's UTF-8 bytes: the value stored as {@code key_hash}. */
    public static String hash(String plaintextKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(plaintextKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime ships SHA-256", e);
        }
    }

    static String newKey(SecureRandom random) {
        byte[] bytes = new byte[KEY_RANDOM_BYTES];
        random.nextBytes(bytes);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String newKeyId(SecureRandom random) {
        StringBuilder id = new StringBuilder(ID_PREFIX);
        for (int i = 0; i < ID_RANDOM_CHARS; i++) {
            id.append(BASE32_LOWER[random.nextInt(BASE32_LOWER.length)]);
        }
        return id.toString();
    }

    static String displayPrefix(String plaintextKey) {
        return plaintextKey.substring(0, DISPLAY_PREFIX_LENGTH);
    }
}
