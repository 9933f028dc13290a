package io.turnpike.aggregates.secrets;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encrypts provider secrets at rest with AES-256-GCM under the installation's master key. The envelope is
 * {@code v1:<base64(nonce | ciphertext+tag)>} with a fresh random 96-bit nonce per seal; the version prefix leaves
 * room for key rotation. The owner's id is authenticated as associated data, so a sealed secret copied onto another
 * provider does not open.
 */
public final class SecretSealer {
    static final String VERSION = "v1";
    private static final String ENVELOPE_PREFIX = VERSION + ":";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    static final int KEY_BYTES = 32;

    private final SecretKey key;
    private final SecureRandom random;

    public SecretSealer(byte[] masterKey, SecureRandom random) {
        if (masterKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("master key must be " + KEY_BYTES + " bytes, got " + masterKey.length);
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
        this.random = random;
    }

    SecretSealer(byte[] masterKey) {
        this(masterKey, new SecureRandom());
    }

    public String seal(String plaintext, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, owner);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] envelope = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, envelope, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, envelope, NONCE_BYTES, sealed.length);
            return ENVELOPE_PREFIX + Base64.getEncoder().encodeToString(envelope);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** @throws SecretUnreadableException if the envelope is malformed, was tampered with or sealed under another key */
    public String open(String envelope, String owner) {
        if (envelope == null || !envelope.startsWith(ENVELOPE_PREFIX)) {
            throw new SecretUnreadableException("unknown secret envelope version");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(envelope.substring(ENVELOPE_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadableException("secret envelope is not base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnreadableException("secret envelope is truncated");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), owner);
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretUnreadableException("secret does not authenticate: wrong master key or tampered data");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String owner) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A sealed secret could not be opened. Deliberately carries no secret material. */
    public static final class SecretUnreadableException extends RuntimeException {
        SecretUnreadableException(String message) {
            super(message);
        }
    }
}
