package io.turnpike.proxy.auth;

import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataHeaderTest {

    @Test
    void readsAnObjectOfStringsInOrder() {
        Map<String, String> metadata = MetadataHeader.parse(MetadataHeader.NAME,
                "{\"team\":\"payments\",\"user\":\"ada@example.com\",\"env\":\"prod\"}");

        assertThat(metadata).containsExactly(Map.entry("team", "payments"), Map.entry("user", "ada@example.com"),
                Map.entry("env", "prod"));
    }

    @Test
    void treatsAnAbsentOrBlankHeaderAsNoMetadata() {
        assertThat(MetadataHeader.parse(MetadataHeader.NAME, null)).isEmpty();
        assertThat(MetadataHeader.parse(MetadataHeader.NAME, "  ")).isEmpty();
    }

    @Test
    void refusesInvalidJsonSayingSo() {
        assertThatThrownBy(() -> MetadataHeader.parse(MetadataHeader.NAME, "{team: payments}"))
                .isInstanceOfSatisfying(ProxyError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.type()).isEqualTo("invalid_request_error");
                    assertThat(e.getMessage())
                            .startsWith("x-turnpike-metadata must be a JSON object of string values: not valid JSON");
                });
    }

    @Test
    void refusesANonObjectNamingWhatItGot() {
        assertThatThrownBy(() -> MetadataHeader.parse(MetadataHeader.ALIAS, "[\"payments\"]"))
                .hasMessage("x-portkey-metadata must be a JSON object of string values: got an array");
        assertThatThrownBy(() -> MetadataHeader.parse(MetadataHeader.NAME, "\"payments\""))
                .hasMessage("x-turnpike-metadata must be a JSON object of string values: got a string");
    }

    @Test
    void refusesANonStringValueNamingTheField() {
        assertThatThrownBy(() -> MetadataHeader.parse(MetadataHeader.NAME, "{\"env\":\"prod\",\"team\":42}"))
                .hasMessage("x-turnpike-metadata must be a JSON object of string values: value of \"team\" is a number");
        assertThatThrownBy(() -> MetadataHeader.parse(MetadataHeader.NAME, "{\"team\":{\"id\":\"x\"}}"))
                .hasMessage("x-turnpike-metadata must be a JSON object of string values: value of \"team\" is an object");
        assertThatThrownBy(() -> MetadataHeader.parse(MetadataHeader.NAME, "{\"team\":null}"))
                .hasMessage("x-turnpike-metadata must be a JSON object of string values: value of \"team\" is null");
    }

    @Test
    void keyBoundMetadataOverwritesHeaderFields() {
        Map<String, String> effective = MetadataHeader.effective(
                Map.of("team", "claimed-by-client", "user", "ada"),
                Map.of("team", "payments", "tenant", "acme"));

        assertThat(effective).containsOnly(Map.entry("team", "payments"), Map.entry("user", "ada"),
                Map.entry("tenant", "acme"));
    }
}
