package io.turnpike.proxy.cache.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CacheKeyTest {
    private static final String BODY = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":16,\"temperature\":0.7,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    private static CacheKey key(String body) {
        return key("cfg", "acme", body, false, List.of(), "2023-06-01");
    }

    private static CacheKey key(String configId, String tenant, String body, boolean stream, List<String> betas,
                                String version) {
        return CacheKey.of(configId, tenant, body.getBytes(StandardCharsets.UTF_8), stream, betas, version, null);
    }

    @Test
    void theSameRequestHasTheSameKey() {
        assertThat(key(BODY)).isEqualTo(key(BODY));
        assertThat(key(BODY).digest()).hasSize(64);
    }

    @Test
    void keyOrderWhitespaceAndNumberSpellingDoNotMatter() {
        String reordered = "{ \"messages\" : [ {\"content\":\"Hi\", \"role\":\"user\"} ],\n"
                + "\"temperature\":0.70, \"max_tokens\":16, \"model\":\"claude-haiku-4-5\" }";
        assertThat(key(reordered)).isEqualTo(key(BODY));
    }

    @Test
    void everythingThatChangesTheAnswerChangesTheKey() {
        assertThat(key(BODY.replace("\"Hi\"", "\"Hello\""))).isNotEqualTo(key(BODY));
        assertThat(key(BODY.replace("0.7", "0.8"))).isNotEqualTo(key(BODY));
        assertThat(key(BODY.replace("claude-haiku-4-5", "claude-sonnet-4-5"))).isNotEqualTo(key(BODY));
        assertThat(key(BODY.replace("}]}", "}],\"system\":\"Be brief\"}"))).isNotEqualTo(key(BODY));
        assertThat(key(BODY.replace("}]}", "}],\"tools\":[]}"))).isNotEqualTo(key(BODY));
        // Array order is meaning (the conversation), not noise.
        String twoTurns = BODY.replace("}]}", "},{\"role\":\"assistant\",\"content\":\"Yo\"}]}");
        String swapped = BODY.replace("[{\"role\":\"user\",\"content\":\"Hi\"}]",
                "[{\"role\":\"assistant\",\"content\":\"Yo\"},{\"role\":\"user\",\"content\":\"Hi\"}]");
        assertThat(key(twoTurns)).isNotEqualTo(key(swapped));
    }

    @Test
    void streamAndMetadataFieldsAreLeftOutOfTheBodyButStreamingIsKeyed() {
        String withMetadata = BODY.replace("}]}", "}],\"metadata\":{\"user_id\":\"u-1\"}}");
        assertThat(key(withMetadata)).isEqualTo(key(BODY));
        String streamFalse = BODY.replace("}]}", "}],\"stream\":false}");
        assertThat(key(streamFalse)).isEqualTo(key(BODY));
        assertThat(key("cfg", "acme", BODY, true, List.of(), "2023-06-01")).isNotEqualTo(key(BODY));
    }

    @Test
    void metadataNestedInsideTheConversationIsStillKeyed() {
        String nested = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\",\"metadata\":1}]}";
        String plain = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        assertThat(key(nested)).isNotEqualTo(key(plain));
    }

    @Test
    void tenantsAndConfigsNeverShareAKey() {
        assertThat(key("cfg", "globex", BODY, false, List.of(), "2023-06-01")).isNotEqualTo(key(BODY));
        assertThat(key("cfg", null, BODY, false, List.of(), "2023-06-01")).isNotEqualTo(key(BODY));
        assertThat(key("cfg-2", "acme", BODY, false, List.of(), "2023-06-01")).isNotEqualTo(key(BODY));
    }

    @Test
    void betaAndVersionHeadersAreKeyedAsASet() {
        CacheKey beta = key("cfg", "acme", BODY, false, List.of("a-2025, b-2025"), "2023-06-01");
        assertThat(beta).isNotEqualTo(key(BODY));
        assertThat(key("cfg", "acme", BODY, false, List.of("b-2025", "a-2025"), "2023-06-01")).isEqualTo(beta);
        assertThat(key("cfg", "acme", BODY, false, List.of(), "2024-01-01")).isNotEqualTo(key(BODY));
    }

    @Test
    void theQueryStringIsKeyed() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(CacheKey.of("cfg", "acme", body, false, List.of(), null, "beta=true"))
                .isNotEqualTo(CacheKey.of("cfg", "acme", body, false, List.of(), null, null));
    }
}
