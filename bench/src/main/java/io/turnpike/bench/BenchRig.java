package io.turnpike.bench;

import io.turnpike.proxy.KeyGrant;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.ProxyServer;
import io.turnpike.proxy.ProxySettings;
import io.turnpike.proxy.RoutingConfig;
import io.turnpike.proxy.fakes.FakeAnthropic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the load is sent to: two fake upstreams (one answering JSON, one streaming; the fake cannot see the body
 * before it answers) and one in-process proxy whose directory has a key and a routing config per scenario.
 */
final class BenchRig implements AutoCloseable {
    private static final String JSON_PROVIDER = "bench-json";
    private static final String STREAM_PROVIDER = "bench-stream";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final FakeAnthropic jsonUpstream;
    private final FakeAnthropic streamUpstream;
    private final FakeAnthropic.Responder jsonReply;
    private final FakeAnthropic.Responder streamReply;
    private final CountingEventSink sink = new CountingEventSink();
    private final ProxyServer proxy;
    private final Map<Scenario, HttpRequest> requests = new EnumMap<>(Scenario.class);

    private BenchRig(FakeAnthropic jsonUpstream, FakeAnthropic streamUpstream, Duration upstreamDelay) {
        this.jsonUpstream = jsonUpstream;
        this.streamUpstream = streamUpstream;
        this.jsonReply = UpstreamReplies.message(upstreamDelay);
        this.streamReply = UpstreamReplies.stream(upstreamDelay);
        jsonUpstream.respondWith(jsonReply);
        streamUpstream.respondWith(streamReply);
        this.proxy = ProxyServer.start(ProxySettings.defaults().withPort(0), directory(), sink);
        for (Scenario scenario : Scenario.values()) {
            requests.put(scenario, buildRequest(scenario));
        }
    }

    static BenchRig start(Duration upstreamDelay) throws IOException {
        // The JDK's HTTP server leaves Nagle on by default: its separate header and body writes then wait ~40 ms
        // for a delayed ACK, which would swamp every number. Read once, when the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        FakeAnthropic json = FakeAnthropic.start();
        FakeAnthropic stream = null;
        try {
            stream = FakeAnthropic.start();
            return new BenchRig(json, stream, upstreamDelay);
        } catch (IOException | RuntimeException e) {
            json.close();
            if (stream != null) {
                stream.close();
            }
            throw e;
        }
    }

    HttpRequest request(Scenario scenario) {
        return requests.get(scenario);
    }

    CountingEventSink sink() {
        return sink;
    }

    /** The key id the proxy attributes a scenario's requests to. */
    static String keyId(Scenario scenario) {
        return "key-" + scenario.wireName();
    }

    /** The fakes keep every request they received; dropping them between runs keeps the heap flat. */
    void forgetUpstreamRequests() {
        jsonUpstream.respondWith(jsonReply);
        streamUpstream.respondWith(streamReply);
    }

    private BenchDirectory directory() {
        BenchDirectory directory = new BenchDirectory()
                .provider(new ProviderAccount(JSON_PROVIDER, "anthropic", Map.of("base_url", jsonUpstream.baseUrl()),
                        "sk-ant-bench"))
                .provider(new ProviderAccount(STREAM_PROVIDER, "anthropic",
                        Map.of("base_url", streamUpstream.baseUrl()), "sk-ant-bench"));
        BenchGuardrails.documents().forEach(directory::defineGuardrail);
        for (Scenario scenario : Scenario.values()) {
            if (!scenario.viaProxy()) {
                continue;
            }
            String configId = "cfg-" + scenario.wireName();
            directory.config(new RoutingConfig(configId, 1, configDocument(scenario)));
            directory.key(scenario.apiKey(), new KeyGrant(keyId(scenario), scenario.wireName(), configId,
                    Map.of("tenant", "bench", "team", "performance", "env", "bench"), false));
        }
        return directory;
    }

    private static String configDocument(Scenario scenario) {
        String target = "\"targets\":[{\"provider\":\"@" + (scenario.streaming() ? STREAM_PROVIDER : JSON_PROVIDER)
                + "\"}]";
        String guardrails = switch (scenario) {
            case INPUT_GUARDRAILS -> "\"input_guardrails\":[\"" + BenchGuardrails.INPUT_DENY + "\"],";
            case INPUT_REDACT -> "\"input_guardrails\":[\"" + BenchGuardrails.INPUT_REDACT + "\"],";
            case OUTPUT_INCREMENTAL -> "\"output_guardrails\":[\"" + BenchGuardrails.OUTPUT_INCREMENTAL + "\"],";
            case OUTPUT_HOLD -> "\"output_guardrails\":[\"" + BenchGuardrails.OUTPUT_HOLD + "\"],";
            default -> "";
        };
        return "{" + guardrails + target + "}";
    }

    private HttpRequest buildRequest(Scenario scenario) {
        String base = scenario.viaProxy() ? "http://127.0.0.1:" + proxy.port()
                : (scenario.streaming() ? streamUpstream : jsonUpstream).baseUrl();
        byte[] body = switch (scenario) {
            case INPUT_REDACT -> BenchPrompts.promptWithEmails();
            default -> scenario.streaming() ? BenchPrompts.streamingPrompt() : BenchPrompts.passingPrompt();
        };
        return HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
                .timeout(REQUEST_TIMEOUT)
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .header("x-api-key", scenario.viaProxy() ? scenario.apiKey() : "sk-ant-bench")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    @Override
    public void close() {
        proxy.close();
        jsonUpstream.close();
        streamUpstream.close();
    }
}
