package io.turnpike.aggregates;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void hashIsLowercaseHexSha256OfUtf8Key() {
        // Known answers: SHA-256("abc") from FIPS 180-2, and a non-ASCII input to pin UTF-8.
        assertThat(ApiKeys.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKeys.hash("é"))
                .isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
    }

    @Test
    void hashIsStable() {
        String key = ApiKeys.newKey(random);
        assertThat(ApiKeys.hash(key)).isEqualTo(ApiKeys.hash(key)).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void keyIsTpPrefixedUnpaddedBase64UrlOf32Bytes() {
        String key = ApiKeys.newKey(random);
        assertThat(key).startsWith("tp-").hasSize(3 + 43).matches("tp-[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(key.substring(3))).hasSize(32);
    }

    @Test
    void keyIdIsKeyUnderscoreAnd20LowercaseBase32Characters() {
        assertThat(ApiKeys.newKeyId(random)).matches("key_[a-z2-7]{20}");
    }

    @Test
    void keysAndIdsDoNotRepeat() {
        Set<String> keys = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            keys.add(ApiKeys.newKey(random));
            ids.add(ApiKeys.newKeyId(random));
        }
        assertThat(keys).hasSize(1000);
        assertThat(ids).hasSize(1000);
    }

    @Test
    void displayPrefixIsFirstTenCharacters() {
        String key = ApiKeys.newKey(random);
        assertThat(ApiKeys.displayPrefix(key)).hasSize(10).startsWith("tp-").isEqualTo(key.substring(0, 10));
    }
}
