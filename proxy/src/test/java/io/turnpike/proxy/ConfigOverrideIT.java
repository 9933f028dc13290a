package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.proxy.fakes.FakeAnthropic;
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
import java.time.Clock;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code x-turnpike-config}: another config per request, by id or inline, only for keys allowed to. */
class ConfigOverrideIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String BODY = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String SUCCESS = "{\"id\":\"msg_ok\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-haiku-4-5-20251001\",\"content\":[{\"type\":\"text\",\"text\":\"from anthropic\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":3}}";

    private static FakeAnthropic upstream;
    private static CollectingEventSink sink;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() throws IOException {
        upstream = FakeAnthropic.start();
        upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));
        InMemoryGatewayDirectory directory = new InMemoryGatewayDirectory()
                .provider(new ProviderAccount("mock-o", "mock", Map.of(), null))
                .provider(new ProviderAccount("anthropic-o", "anthropic", Map.of("base_url", upstream.baseUrl()),
                        "sk-ant-upstream"))
                .config(new RoutingConfig("cfg-mock", 1, "{\"targets\":[{\"provider\":\"@mock-o\"}]}"))
                .config(new RoutingConfig("cfg-anthropic", 3, "{\"targets\":[{\"provider\":\"@anthropic-o\"}]}"))
                .config(new RoutingConfig("cfg-haiku-only", 1,
                        "{\"allowed_models\":[\"claude-haiku-4-5\"],\"targets\":[{\"provider\":\"@mock-o\"}]}"));
        directory.key("tp-fixed", new KeyGrant("key-fixed", "fixed", "cfg-mock", Map.of(), false, false));
        directory.key("tp-flexible", new KeyGrant("key-flexible", "flexible", "cfg-mock", Map.of(), false, true));
        directory.key("tp-haiku", new KeyGrant("key-haiku", "haiku", "cfg-haiku-only", Map.of(), false, true));
        sink = new CollectingEventSink();
        proxy = ProxyServer.start(ProxySettings.defaults().withPort(0), directory, sink,
                PriceSource.fixed(PriceTable.loadDefault()), Clock.systemUTC(), new Random(1));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
    }

    @Test
    void aKeyWithoutThePermissionIsRefusedWithPermissionError() throws Exception {
        HttpResponse<String> response = send("tp-fixed", BODY, "x-turnpike-config", "cfg-anthropic");
        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.at("/error/type").asText()).isEqualTo("permission_error");
        assertThat(error.at("/error/message").asText()).contains("allow_config_override");
    }

    @Test
    void anAllowedKeyRoutesByTheNamedConfigAndTheEventSaysSo() throws Exception {
        HttpResponse<String> response = send("tp-flexible", BODY, "x-turnpike-config", "cfg-anthropic");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from anthropic");
        RequestCompleted event = sink.awaitEvent(response.headers().firstValue("request-id").orElseThrow());
        assertThat(event.configId()).isEqualTo("cfg-anthropic");
        assertThat(event.provider()).isEqualTo("anthropic-o");
    }

    @Test
    void anInlineConfigRoutesTooUnderAStableName() throws Exception {
        String inline = "{\"targets\":[{\"provider\":\"@anthropic-o\"}]}";
        HttpResponse<String> response = send("tp-flexible", BODY, "x-portkey-config", inline);
        assertThat(response.statusCode()).isEqualTo(200);
        RequestCompleted event = sink.awaitEvent(response.headers().firstValue("request-id").orElseThrow());
        assertThat(event.configId()).startsWith("inline-").hasSize("inline-".length() + 12);
        assertThat(event.provider()).isEqualTo("anthropic-o");
    }

    @Test
    void anInvalidInlineConfigIsABadRequestNamingThePlace() throws Exception {
        HttpResponse<String> response = send("tp-flexible", BODY, "x-turnpike-config",
                "{\"targets\":[{\"provider\":\"@nobody\"}]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText())
                .contains("x-turnpike-config").contains("targets[0].provider");
    }

    @Test
    void anUnknownConfigIdIsABadRequest() throws Exception {
        HttpResponse<String> response = send("tp-flexible", BODY, "x-turnpike-config", "cfg-nope");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("cfg-nope");
    }

    @Test
    void theKeysOwnModelAllowListStillApplies() throws Exception {
        HttpResponse<String> response = send("tp-haiku", BODY.replace("claude-haiku-4-5", "claude-opus-4-1"),
                "x-turnpike-config", "cfg-anthropic");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("claude-opus-4-1");
    }

    private static HttpResponse<String> send(String key, String body, String header, String value)
            throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages"))
                .header("content-type", "application/json")
                .header("x-api-key", key)
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
