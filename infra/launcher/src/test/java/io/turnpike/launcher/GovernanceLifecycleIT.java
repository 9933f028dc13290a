package io.turnpike.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin changes to keys, user blocks and metadata standards take effect on the proxy's very next request, through
 * the whole stack (admin API → aggregates → read model → {@link DirectoryAdapter} → proxy), without waiting.
 */
@ExtendWith(SharedStack.class)
class GovernanceLifecycleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BODY = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":10,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static RunningStack stack;
    private static AdminClient admin;

    @BeforeAll
    static void setUp(RunningStack running) {
        stack = running;
        admin = running.admin();
        admin.created("/v1/admin/providers", "{\"id\":\"mock-gov\",\"type\":\"mock\"}");
        admin.created("/v1/admin/configs", "{\"id\":\"cfg-gov\",\"config\":{\"targets\":[{\"provider\":\"@mock-gov\"}]}}");
    }

    private static JsonNode issue(String tenant) {
        return admin.created("/v1/admin/keys", "{\"name\":\"gov\",\"config\":\"cfg-gov\","
                + "\"metadata\":{\"tenant\":\"" + tenant + "\",\"team\":\"support\",\"env\":\"prod\"}}");
    }

    @Test
    void rotationKeepsTheOldKeyForItsGracePeriodAndAZeroGraceEndsItAtOnce() throws Exception {
        JsonNode issued = issue("gov-rotate");
        String id = issued.get("id").asText();
        String first = issued.get("key").asText();

        String second = admin.post("/v1/admin/keys/" + id + "/rotate", "{}").body().get("key").asText();
        assertThat(send(first, null).statusCode()).isEqualTo(200);
        assertThat(send(second, null).statusCode()).isEqualTo(200);

        String third = admin.post("/v1/admin/keys/" + id + "/rotate", "{\"grace_period_seconds\":0}")
                .body().get("key").asText();
        assertThat(send(first, null).statusCode()).isEqualTo(401);
        HttpResponse<String> retired = send(second, null);
        assertThat(retired.statusCode()).isEqualTo(401);
        assertThat(retired.body()).contains("rotated");
        assertThat(send(third, null).statusCode()).isEqualTo(200);

        admin.delete("/v1/admin/keys/" + id);
        assertThat(send(third, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aBlockedUserIsRefusedOnTheNextRequestAndServedAgainAfterUnblocking() throws Exception {
        String key = issue("gov-block").get("key").asText();
        String metadata = "{\"user\":\"mallory@acme.com\"}";
        assertThat(send(key, metadata).statusCode()).isEqualTo(200);

        admin.post("/v1/admin/users/mallory@acme.com/block", "{\"tenant\":\"gov-block\",\"reason\":\"test\"}");
        HttpResponse<String> refused = send(key, metadata);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).at("/error/type").asText()).isEqualTo("permission_error");
        assertThat(send(key, "{\"user\":\"alice@acme.com\"}").statusCode()).isEqualTo(200);

        admin.post("/v1/admin/users/mallory@acme.com/unblock", "{\"tenant\":\"gov-block\"}");
        assertThat(send(key, metadata).statusCode()).isEqualTo(200);
    }

    @Test
    void aTenantsMetadataStandardAppliesFromTheNextRequest() throws Exception {
        String key = issue("gov-schema").get("key").asText();
        String spoofed = "{\"team\":\"finance\",\"user\":\"a@acme.com\"}";
        assertThat(send(key, spoofed).statusCode()).isEqualTo(200); // no schema: the key's team is served

        assertThat(admin.put("/v1/admin/metadata-schemas/gov-schema",
                "{\"fields\":{\"user\":{\"pattern\":\"^[^@]+@acme\\\\.com$\"}},\"on_override\":\"refuse\"}")
                .status()).isEqualTo(200);

        assertThat(send(key, spoofed).statusCode()).isEqualTo(403);
        HttpResponse<String> missing = send(key, null);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("missing required fields: user");
        assertThat(send(key, "{\"user\":\"a@evil.com\"}").statusCode()).isEqualTo(400);
        assertThat(send(key, "{\"user\":\"a@acme.com\"}").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> send(String key, String metadata) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.proxyUrl() + "/v1/messages"))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (metadata != null) {
            request.header("x-turnpike-metadata", metadata);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
