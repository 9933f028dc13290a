package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.events.policy.PolicyDecision;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.proxy.pricing.PriceSource;
import io.turnpike.proxy.pricing.PriceTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key lifecycle (revocation on the very next request, expiry, rotation grace, key-level allowed models), user
 * blocks and the tenant metadata standard, through a real proxy on the mock provider with a settable clock.
 */
class GovernanceProxyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Instant START = Instant.parse("2027-03-01T12:00:00Z");
    private static final String BODY = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final Map<String, String> ACME_SUPPORT = Map.of("tenant", "acme", "team", "support", "env", "prod");
    private static final String ACME_SCHEMA = """
            {"fields": {"user": {"pattern": "^[^@]+@acme\\\\.com$"}, "env": {"allowed_values": ["prod", "staging", "dev"]}},
             "on_override": "refuse"}""";

    private static SettableClock clock;
    private static InMemoryGatewayDirectory directory;
    private static CollectingEventSink sink;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() {
        clock = new SettableClock(START);
        directory = new InMemoryGatewayDirectory()
                .provider(new ProviderAccount("mock-g", "mock", Map.of(), null))
                .config(new RoutingConfig("cfg-g", 1, "{\"targets\":[{\"provider\":\"@mock-g\"}]}"))
                .metadataSchema("acme", ACME_SCHEMA)
                .metadataSchema("lenient", "{\"on_missing\":\"default_from_key\"}");
        sink = new CollectingEventSink();
        proxy = ProxyServer.start(ProxySettings.defaults().withPort(0), directory, sink,
                PriceSource.fixed(PriceTable.loadDefault()), clock, new Random(1));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    private static KeyGrant grant(String id, Map<String, String> metadata) {
        return new KeyGrant(id, id, "cfg-g", metadata, false, false);
    }

    // ---- keys -------------------------------------------------------------------------------------------------

    @Test
    void aRevokedKeyIsRefusedOnTheVeryNextRequest() throws Exception {
        directory.key("tp-revoke-me", grant("key-revoke", Map.of()));
        assertThat(send("tp-revoke-me", BODY, Map.of()).statusCode()).isEqualTo(200);

        directory.replaceKey("tp-revoke-me", new KeyGrant("key-revoke", "r", "cfg-g", Map.of(), true, false));
        HttpResponse<String> next = send("tp-revoke-me", BODY, Map.of());

        assertError(next, 401, "authentication_error", "revoked");
        assertThat(decisionsFor(next)).singleElement().satisfies(d -> {
            assertThat(d.policyType()).isEqualTo(PolicyDecision.AUTHENTICATION);
            assertThat(d.decision()).isEqualTo("refuse");
            assertThat(d.keyId()).isEqualTo("key-revoke");
        });
    }

    @Test
    void everyAdmittedRequestIsAnAuthenticationDecisionWithItsAttribution() throws Exception {
        directory.key("tp-admitted", grant("key-admitted", Map.of("tenant", "admits", "team", "eng")));
        HttpResponse<String> response = send("tp-admitted", BODY,
                Map.of("x-turnpike-metadata", "{\"user\":\"ada@acme.com\",\"team\":\"spoof\"}"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(admissionsFor(response)).singleElement().satisfies(d -> {
            assertThat(d.policyId()).isEqualTo("key-admitted");
            assertThat(d.keyId()).isEqualTo("key-admitted");
            assertThat(d.team()).as("the key's team, not the header's").isEqualTo("eng");
            assertThat(d.user()).isEqualTo("ada@acme.com");
        });
    }

    @Test
    void anExpiredKeyIsRefusedFromItsExpiryInstantOn() throws Exception {
        Instant expiry = clock.instant().plusSeconds(60);
        directory.key("tp-expiring", new KeyGrant("key-exp", "e", "cfg-g", Map.of(), false, false, expiry, null, null));
        assertThat(send("tp-expiring", BODY, Map.of()).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(60));

        assertError(send("tp-expiring", BODY, Map.of()), 401, "authentication_error", "expired at " + expiry);
    }

    @Test
    void rotatedMaterialWorksUntilItsGracePeriodEnds() throws Exception {
        Instant graceEnd = clock.instant().plus(Duration.ofHours(24));
        directory.key("tp-new-material", grant("key-rot", Map.of()));
        directory.key("tp-old-material", new KeyGrant("key-rot", "r", "cfg-g", Map.of(), false, false, null, null,
                graceEnd));
        assertThat(send("tp-old-material", BODY, Map.of()).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofHours(24));

        assertError(send("tp-old-material", BODY, Map.of()), 401, "authentication_error", "rotated");
        assertThat(send("tp-new-material", BODY, Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void theKeysAllowedModelsApplyOnTopOfTheConfig() throws Exception {
        directory.key("tp-sonnet-only", new KeyGrant("key-sonnet", "s", "cfg-g", Map.of(), false, false, null,
                List.of("claude-sonnet-4-5"), null));

        assertError(send("tp-sonnet-only", BODY, Map.of()), 400, "invalid_request_error",
                "\"claude-haiku-4-5\" is not allowed for this API key; allowed: claude-sonnet-4-5");
        HttpResponse<String> dated = send("tp-sonnet-only",
                BODY.replace("claude-haiku-4-5", "claude-sonnet-4-5-20250929"), Map.of());
        assertThat(dated.statusCode()).isEqualTo(200);
    }

    // ---- user blocks ------------------------------------------------------------------------------------------

    @Test
    void aBlockedUserOfASharedKeyIsRefusedUntilUnblocked() throws Exception {
        directory.key("tp-shared", grant("key-shared", Map.of("tenant", "blockers", "team", "eng")));
        Map<String, String> mallory = Map.of("x-turnpike-metadata", "{\"user\":\"Mallory@acme.com\"}");
        Map<String, String> alice = Map.of("x-turnpike-metadata", "{\"user\":\"alice@acme.com\"}");

        directory.blockUser("blockers", "mallory@acme.com", true);
        HttpResponse<String> refused = send("tp-shared", BODY, mallory);
        HttpResponse<String> other = send("tp-shared", BODY, alice);

        assertError(refused, 403, "permission_error", "blocked");
        assertThat(decisionsFor(refused)).singleElement().satisfies(d -> {
            assertThat(d.policyType()).isEqualTo(PolicyDecision.USER_BLOCK);
            assertThat(d.decision()).isEqualTo("refuse");
            assertThat(d.tenant()).isEqualTo("blockers");
            assertThat(d.user()).isEqualTo("Mallory@acme.com");
        });
        assertThat(other.statusCode()).isEqualTo(200);

        directory.blockUser("blockers", "mallory@acme.com", false);
        assertThat(send("tp-shared", BODY, mallory).statusCode()).isEqualTo(200);
    }

    @Test
    void aBlockIsScopedToItsTenant() throws Exception {
        directory.key("tp-other-tenant", grant("key-ot", Map.of("tenant", "elsewhere")));
        directory.blockUser("blockers", "bob@acme.com", true);

        assertThat(send("tp-other-tenant", BODY, Map.of("x-turnpike-metadata", "{\"user\":\"bob@acme.com\"}"))
                .statusCode()).isEqualTo(200);
    }

    // ---- metadata standard ------------------------------------------------------------------------------------

    @Test
    void withoutASchemaAnOverrideAttemptIsRecordedAndTheKeysValueServed() throws Exception {
        directory.key("tp-no-schema", grant("key-ns", Map.of("team", "support")));

        HttpResponse<String> response = send("tp-no-schema", BODY,
                Map.of("x-turnpike-metadata", "{\"team\":\"finance\",\"anything\":\"goes\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.team()).isEqualTo("support");
        assertThat(decisionsFor(response)).singleElement().satisfies(d -> {
            assertThat(d.decision()).isEqualTo("override_attempted");
            assertThat(d.details()).containsEntry("field", "team").containsEntry("attempted_value", "finance")
                    .containsEntry("action", "enforce");
        });
    }

    @Test
    void underARefusingSchemaAnOverrideAttemptIs403AndRecorded() throws Exception {
        directory.key("tp-acme", grant("key-acme", ACME_SUPPORT));

        HttpResponse<String> response = send("tp-acme", BODY,
                Map.of("x-turnpike-metadata", "{\"team\":\"finance\",\"user\":\"a@acme.com\"}"));

        assertError(response, 403, "permission_error", "\"team\" is set by this API key");
        assertThat(decisionsFor(response)).singleElement().satisfies(d -> {
            assertThat(d.policyType()).isEqualTo(PolicyDecision.METADATA);
            assertThat(d.decision()).isEqualTo("override_attempted");
            assertThat(d.details()).containsEntry("attempted_value", "finance").containsEntry("action", "refuse");
        });
        // Repeating the enforced value is not an attempt to change it.
        assertThat(send("tp-acme", BODY, Map.of("x-turnpike-metadata",
                "{\"team\":\"support\",\"user\":\"a@acme.com\"}")).statusCode()).isEqualTo(200);
    }

    @Test
    void missingRequiredFieldsAre400ListingThem() throws Exception {
        directory.key("tp-acme-missing", grant("key-acme-m", Map.of("tenant", "acme", "team", "support")));

        HttpResponse<String> response = send("tp-acme-missing", BODY, Map.of());

        assertError(response, 400, "invalid_request_error", "missing required fields: user, env");
        assertThat(decisionsFor(response)).singleElement()
                .satisfies(d -> assertThat(d.details()).containsEntry("fields", "user,env"));
    }

    @Test
    void valuesBreakingTheSchemaAre400NamingEachField() throws Exception {
        directory.key("tp-acme-values", grant("key-acme-v", Map.of("tenant", "acme", "team", "support")));

        HttpResponse<String> response = send("tp-acme-values", BODY,
                Map.of("x-turnpike-metadata", "{\"user\":\"eve@evil.com\",\"env\":\"qa\"}"));

        assertError(response, 400, "invalid_request_error", "user: must match");
        assertThat(JSON.readTree(response.body()).at("/error/message").asText())
                .contains("env: must be one of prod, staging, dev");
    }

    @Test
    void missingFieldsCanBeAttributedToTheKeyInstead() throws Exception {
        directory.key("tp-lenient", grant("key-len", Map.of("tenant", "lenient", "team", "ops")));

        HttpResponse<String> response = send("tp-lenient", BODY, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.user()).isEqualTo("key:key-len");
        assertThat(event.env()).isEqualTo("key:key-len");
        assertThat(decisionsFor(response)).singleElement().satisfies(d -> assertThat(d.decision()).isEqualTo("default"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static void assertError(HttpResponse<String> response, int status, String type, String messagePart)
            throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.at("/error/type").asText()).isEqualTo(type);
        assertThat(error.at("/error/message").asText()).contains(messagePart);
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("request-id").orElseThrow();
    }

    /** Decisions are published before the response is written, so they are there when it arrives. */
    /** The decisions about one request, without the admission every authenticated request gets. */
    private static List<PolicyDecision> decisionsFor(HttpResponse<String> response) {
        String id = requestId(response);
        return sink.decisions().stream().filter(d -> id.equals(d.requestId()))
                .filter(d -> !(d.policyType().equals(PolicyDecision.AUTHENTICATION) && d.decision().equals("allow")))
                .toList();
    }

    private static List<PolicyDecision> admissionsFor(HttpResponse<String> response) {
        String id = requestId(response);
        return sink.decisions().stream().filter(d -> id.equals(d.requestId()))
                .filter(d -> d.policyType().equals(PolicyDecision.AUTHENTICATION) && d.decision().equals("allow"))
                .toList();
    }

    private static HttpResponse<String> send(String key, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages"))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .header("x-api-key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
