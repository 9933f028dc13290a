package io.turnpike.proxy.providers;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExtraUpstreamHeadersTest {

    @Test
    void sendsConfiguredHeadersButNeverOverridesCredentialsOrFraming() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("base_url", "https://api.anthropic.com");
        settings.put("header.x-egress-route", "claude");
        settings.put("header.X-Api-Key", "sk-should-not-win");
        settings.put("header.anthropic-version", "1999-01-01");
        settings.put("header.bad name", "x");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("https://example.test/"));

        ExtraUpstreamHeaders.apply(settings, builder);

        HttpRequest request = builder.build();
        assertThat(request.headers().map()).containsOnlyKeys("x-egress-route");
        assertThat(request.headers().firstValue("x-egress-route")).contains("claude");
    }

    @Test
    void acceptsOnlyTokenNamesTurnpikeDoesNotSetItself() {
        assertThat(ExtraUpstreamHeaders.isAllowed("x-org-id")).isTrue();
        assertThat(ExtraUpstreamHeaders.isAllowed("Authorization")).isFalse();
        assertThat(ExtraUpstreamHeaders.isAllowed("x y")).isFalse();
        assertThat(ExtraUpstreamHeaders.isAllowed("")).isFalse();
    }
}
