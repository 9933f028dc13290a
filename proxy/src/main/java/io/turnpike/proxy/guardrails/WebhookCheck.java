package io.turnpike.proxy.guardrails;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.events.guardrails.WebhookParams;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code webhook}: POSTs what the check sees to a URL and takes the verdict from the answer, for custom or
 * third-party detectors. The request body:
 * <pre>{@code {"kind":"input"|"output","model":…,"metadata":{…},"texts":[{"source":…,"text":…}],"request_types":[…]}}</pre>
 * The answer must be HTTP 2xx with {@code {"verdict": true|false}} (true = pass, Portkey's convention) and may carry
 * a {@code "category"} string, recorded as the result's category (at most {@link #MAX_CATEGORY} characters). Anything
 * else — another status, a redirect, a timeout, a body that is not that JSON — is {@link Verdict#ERROR}, with a
 * message that quotes neither the answer nor the texts. The whole exchange, connecting included, is bounded by the
 * timeout. {@link #blocking()}: the caller runs it off the IO thread.
 */
public final class WebhookCheck implements GuardrailCheck {
    public static final String TYPE = "webhook";
    static final String CATEGORY = "webhook";
    static final int MAX_CATEGORY = 64;
    /** An answer is one small JSON object; more than this is refused rather than buffered. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One client for every webhook: its connection pool and selector thread are shared. */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofMillis(WebhookParams.MAX_TIMEOUT_MS))
            .build();

    private final URI url;
    private final Map<String, String> headers;
    private final Duration timeout;

    public WebhookCheck(URI url, Map<String, String> headers, Duration timeout) {
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
    }

    public URI url() {
        return url;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public CheckResult evaluate(GuardrailInput input) {
        long start = System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(input)));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<byte[]>> pending =
                CLIENT.sendAsync(request.build(), info -> new BoundedBodySubscriber(MAX_RESPONSE_BYTES));
        HttpResponse<byte[]> response;
        try {
            // The request timeout stops at the response headers; this bounds connecting and the body as well.
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return CheckResult.error(CATEGORY, start, "webhook did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return CheckResult.error(CATEGORY, start, "interrupted while waiting for the webhook");
        } catch (ExecutionException e) {
            return CheckResult.error(CATEGORY, start, failure(e.getCause()));
        }
        return verdict(response, start);
    }

    private static String failure(Throwable cause) {
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "webhook did not answer in time";
        }
        if (cause instanceof BoundedBodySubscriber.TooLarge) {
            return "webhook answer larger than " + MAX_RESPONSE_BYTES + " bytes";
        }
        return "webhook call failed: " + (cause == null ? "unknown" : cause.getClass().getSimpleName());
    }

    private static CheckResult verdict(HttpResponse<byte[]> response, long start) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            return CheckResult.error(CATEGORY, start, "webhook answered HTTP " + status);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            return CheckResult.error(CATEGORY, start, "webhook answer is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            return CheckResult.error(CATEGORY, start, "webhook answer is not a JSON object");
        }
        JsonNode verdict = answer.get("verdict");
        if (verdict == null || !verdict.isBoolean()) {
            return CheckResult.error(CATEGORY, start, "webhook answer has no boolean \"verdict\"");
        }
        return CheckResult.of(verdict.booleanValue(), category(answer.get("category")), List.of(), start,
                verdict.booleanValue() ? "webhook passed the text" : "webhook flagged the text");
    }

    /** The detector's own category, trimmed and stripped of control characters; ours when it gives none. */
    static String category(JsonNode category) {
        if (category == null || !category.isTextual()) {
            return CATEGORY;
        }
        String cleaned = category.asText().replaceAll("\\p{Cntrl}", "").strip();
        if (cleaned.isEmpty()) {
            return CATEGORY;
        }
        return cleaned.length() <= MAX_CATEGORY ? cleaned : cleaned.substring(0, MAX_CATEGORY);
    }

    static byte[] body(GuardrailInput input) {
        ObjectNode body = JSON.createObjectNode();
        body.put("kind", input.kind().wireName());
        body.put("model", input.model());
        ObjectNode metadata = body.putObject("metadata");
        new TreeMap<>(input.metadata()).forEach(metadata::put);
        var texts = body.putArray("texts");
        for (TextSpan span : input.spans()) {
            texts.addObject().put("source", span.source()).put("text", span.text());
        }
        var types = body.putArray("request_types");
        input.requestTypes().stream().sorted().forEach(type -> types.add(type.wireName()));
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    @Override
    public String toString() {
        return "webhook " + url.getScheme() + "://" + url.getAuthority() + " (" + timeout.toMillis() + " ms)";
    }
}
