package io.turnpike.aggregates.secrets;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretSealerTest {
    private static final String SECRET = "sk-ant-api03-example-secret";

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final SecretSealer sealer = new SecretSealer(randomKey());

    @Test
    void opensWhatItSealed() {
        String envelope = sealer.seal(SECRET, "anthropic");
        assertThat(sealer.open(envelope, "anthropic")).isEqualTo(SECRET);
    }

    @Test
    void envelopeIsVersionedBase64OfNonceAndCiphertextWithoutPlaintext() {
        String envelope = sealer.seal(SECRET, "anthropic");
        assertThat(envelope).startsWith("v1:").doesNotContain(SECRET);
        byte[] body = Base64.getDecoder().decode(envelope.substring(3));
        // 12-byte nonce + ciphertext as long as the plaintext + 16-byte tag.
        assertThat(body).hasSize(12 + SECRET.length() + 16);
    }

    @Test
    void sealingTwiceUsesFreshNonces() {
        assertThat(sealer.seal(SECRET, "anthropic")).isNotEqualTo(sealer.seal(SECRET, "anthropic"));
    }

    @Test
    void detectsTamperedCiphertext() {
        String envelope = sealer.seal(SECRET, "anthropic");
        byte[] body = Base64.getDecoder().decode(envelope.substring(3));
        body[body.length - 20] ^= 0x01;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(body);
        assertThatThrownBy(() -> sealer.open(tampered, "anthropic"))
                .isInstanceOf(SecretSealer.SecretUnreadableException.class);
    }

    @Test
    void failsUnderAnotherMasterKey() {
        String envelope = sealer.seal(SECRET, "anthropic");
        SecretSealer other = new SecretSealer(randomKey());
        assertThatThrownBy(() -> other.open(envelope, "anthropic"))
                .isInstanceOf(SecretSealer.SecretUnreadableException.class)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void failsWhenMovedToAnotherOwner() {
        String envelope = sealer.seal(SECRET, "anthropic");
        assertThatThrownBy(() -> sealer.open(envelope, "anthropic-2"))
                .isInstanceOf(SecretSealer.SecretUnreadableException.class);
    }

    @Test
    void rejectsUnknownEnvelopeVersionAndTruncatedBodies() {
        assertThatThrownBy(() -> sealer.open("v2:AAAA", "anthropic"))
                .isInstanceOf(SecretSealer.SecretUnreadableException.class);
        assertThatThrownBy(() -> sealer.open("v1:AAAA", "anthropic"))
                .isInstanceOf(SecretSealer.SecretUnreadableException.class);
        assertThatThrownBy(() -> sealer.open("v1:not base64!", "anthropic"))
                .isInstanceOf(SecretSealer.SecretUnreadableException.class);
    }

    @Test
    void requiresA256BitKey() {
        assertThatThrownBy(() -> new SecretSealer(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
