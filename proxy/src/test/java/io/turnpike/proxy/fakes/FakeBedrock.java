package io.turnpike.proxy.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-written, protocol-faithful stand-in for AWS Bedrock Runtime ({@code InvokeModel},
 * {@code InvokeModelWithResponseStream}, {@code CountTokens}) on the JDK's HTTP server.
 *
 * <ul>
 *   <li>Authentication as AWS does it: with SigV4 the signature is <em>verified</em> by re-signing the received
 *   method, path, signed headers and body with the expected credentials at the request's own
 *   {@code X-Amz-Date}, using the AWS SDK's signer; a mismatch answers 403 {@code InvalidSignatureException}, an
 *   unknown key id or wrong session token 403 {@code UnrecognizedClientException}. With an API key, only
 *   {@code Authorization: Bearer <key>} is accepted.</li>
 *   <li>Bodies are validated like Bedrock's Anthropic models do ({@code anthropic_version}, no {@code model},
 *   no {@code stream}, {@code max_tokens}, {@code messages}): 400 {@code ValidationException} otherwise.</li>
 *   <li>Streams are real {@code application/vnd.amazon.eventstream} frames (CRC-correct, built with the
 *   event-stream library), each {@code chunk} payload {@code {"bytes":"<base64 Anthropic event>"}}; every frame
 *   is written in two flushed halves, so the client sees frames split across reads.</li>
 *   <li>A request that forces a tool ({@code tool_choice} {@code tool} or {@code any}) is answered with a
 *   {@code tool_use} block (see {@link ForcedToolReplies}), as JSON or as chunk frames carrying
 *   {@code input_json_delta} events, with the argument and usage of {@link #answerForcedToolsWith}.</li>
 * </ul>
 *
 * Scripted with {@link #respondWith(Script)} (applies to every following request until changed); inspected
 * with {@link #takeRequest()}. Reusable from other modules' tests through the proxy's test-jar.
 */
public final class FakeBedrock implements AutoCloseable {
    public static final String DEFAULT_MODEL = "claude-sonnet-4-5-20250929";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
                    + "SignedHeaders=([^,]+),\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Pattern PATH = Pattern.compile("/model/([^/]+)/(invoke|invoke-with-response-stream|count-tokens)");

    /** Token usage the fake reports, as Anthropic counts it. */
    public record Usage(long inputTokens, long outputTokens, long cacheReadInputTokens,
                        long cacheCreationInputTokens) {
        public static Usage of(long inputTokens, long outputTokens) {
            return new Usage(inputTokens, outputTokens, 0, 0);
        }
    }

    /** What the fake received; header names are case-insensitive. */
    public record Received(String method, String rawPath, String modelId, String operation,
                           Map<String, List<String>> headers, byte[] body, boolean authenticated) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** For {@code count-tokens}: the InvokeModel body carried base64-encoded inside. */
        public JsonNode countedInvokeBody() {
            try {
                return JSON.readTree(Base64.getDecoder().decode(json().at("/input/invokeModel/body").asText()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** How the fake answers. */
    public sealed interface Script {
        /** A complete message: a JSON body for {@code invoke}, the full event sequence for streams. */
        static Script message(String model, String text, Usage usage) {
            return new Reply(model, text, usage, null, null, false);
        }

        /** A stream that starts ({@code message_start} and the text) and then ends with an exception frame. */
        static Script streamFailing(String model, String text, Usage usage, String exceptionType, String message) {
            return new Reply(model, text, usage, exceptionType, message, false);
        }

        /** A stream whose frame after {@code message_start} has a wrong message CRC. */
        static Script streamWithCorruptFrame(String model, String text, Usage usage) {
            return new Reply(model, text, usage, null, null, true);
        }

        /**
         * An HTTP error before any body, as Bedrock sends it: {@code x-amzn-ErrorType: <errorType>:…} and
         * {@code {"message":"…"}}; {@code retryAfter} (nullable) becomes a {@code retry-after} header.
         */
        static Script httpError(int status, String errorType, String message, String retryAfter) {
            return new HttpError(status, errorType, message, retryAfter);
        }

        static Script httpError(int status, String errorType, String message) {
            return httpError(status, errorType, message, null);
        }
    }

    record Reply(String model, String text, Usage usage, String exceptionType, String exceptionMessage,
                 boolean corrupt) implements Script {
    }

    record HttpError(int status, String errorType, String message, String retryAfter) implements Script {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-bedrock");
        thread.setDaemon(true);
        return thread;
    });
    private final String region;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final String apiKey;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** Scripts for the next requests, one each, before {@link #script} takes over. */
    private final ConcurrentLinkedQueue<Script> upcoming = new ConcurrentLinkedQueue<>();
    private volatile Script script = Script.message(DEFAULT_MODEL, "Hello from the fake Bedrock.", Usage.of(12, 8));
    private volatile long countedInputTokens = 42;
    private volatile String toolArgument = "fake-argument";
    private volatile Usage toolUsage = Usage.of(50, 20);

    private FakeBedrock(String region, String accessKeyId, String secretAccessKey, String sessionToken,
                        String apiKey) throws IOException {
        this.region = Objects.requireNonNull(region, "region");
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Expects SigV4 signatures by these static credentials. */
    public static FakeBedrock sigV4(String region, String accessKeyId, String secretAccessKey) throws IOException {
        return sigV4(region, accessKeyId, secretAccessKey, null);
    }

    /** Expects SigV4 signatures by these temporary credentials ({@code X-Amz-Security-Token} must match). */
    public static FakeBedrock sigV4(String region, String accessKeyId, String secretAccessKey, String sessionToken)
            throws IOException {
        return new FakeBedrock(region, Objects.requireNonNull(accessKeyId), Objects.requireNonNull(secretAccessKey),
                sessionToken, null);
    }

    /** Expects {@code Authorization: Bearer <apiKey>} (Bedrock API keys). */
    public static FakeBedrock apiKey(String region, String apiKey) throws IOException {
        return new FakeBedrock(region, null, null, null, Objects.requireNonNull(apiKey));
    }

    /** For the provider's {@code endpoint_url} setting. */
    public String endpointUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String region() {
        return region;
    }

    /** Answers every following request this way; forgets what was received so far. */
    public void respondWith(Script next) {
        received.clear();
        upcoming.clear();
        script = Objects.requireNonNull(next);
    }

    /**
     * Answers the following requests with {@code first}, then each of {@code then} in turn, then keeps answering
     * with the last one (for retries: fail, fail, succeed). Forgets what was received so far.
     */
    public void respondInSequence(Script first, Script... then) {
        received.clear();
        upcoming.clear();
        if (then.length == 0) {
            script = Objects.requireNonNull(first);
            return;
        }
        upcoming.add(Objects.requireNonNull(first));
        for (int i = 0; i < then.length - 1; i++) {
            upcoming.add(Objects.requireNonNull(then[i]));
        }
        script = Objects.requireNonNull(then[then.length - 1]);
    }

    /** The {@code inputTokens} that {@code count-tokens} answers. */
    public void countTokensAnswer(long inputTokens) {
        countedInputTokens = inputTokens;
    }

    /**
     * How a {@link Script#message} script answers requests that force a tool: every required property of the
     * tool's input set to {@code argument}, and {@code usage}. (The scripted text and usage answer the others.)
     */
    public void answerForcedToolsWith(String argument, Usage usage) {
        toolArgument = Objects.requireNonNull(argument);
        toolUsage = Objects.requireNonNull(usage);
    }

    /** The next request received (waits up to 10 s). */
    public Received takeRequest() throws InterruptedException {
        Received request = received.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the fake Bedrock received no request");
        }
        return request;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- request handling

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            String rawPath = exchange.getRequestURI().getRawPath();
            Matcher path = PATH.matcher(rawPath);
            String modelId = path.matches() ? URLDecoder.decode(path.group(1), StandardCharsets.UTF_8) : null;
            String operation = path.matches() ? path.group(2) : null;
            String authProblem = authenticate(exchange, rawPath, headers, body);
            received.add(new Received(exchange.getRequestMethod(), rawPath, modelId, operation, headers, body,
                    authProblem == null));
            if (authProblem != null) {
                String type = authProblem.startsWith("The security token") || authProblem.startsWith("Invalid API")
                        ? "UnrecognizedClientException"
                        : authProblem.startsWith("Missing") ? "MissingAuthenticationTokenException"
                        : "InvalidSignatureException";
                error(exchange, new HttpError(403, type, authProblem, null));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod()) || operation == null || path.group(1).contains(":")) {
                error(exchange, new HttpError(404, "UnknownOperationException", "Unknown operation", null));
                return;
            }
            Script current = upcoming.isEmpty() ? script : upcoming.poll();
            if (current == null) {
                current = script;
            }
            if (current instanceof HttpError httpError) {
                error(exchange, httpError);
                return;
            }
            Reply reply = (Reply) current;
            String invalid = operation.equals("count-tokens") ? validateCountTokens(body) : validateInvoke(body);
            if (invalid != null) {
                error(exchange, new HttpError(400, "ValidationException", invalid, null));
                return;
            }
            JsonNode tool = operation.equals("count-tokens") ? null : ForcedToolReplies.forcedTool(JSON.readTree(body));
            if (tool != null) {
                Usage usage = toolUsage;
                ObjectNode message = ForcedToolReplies.message("msg_bdrk_01FakeBedrockTool", reply.model(), tool,
                        ForcedToolReplies.input(tool, toolArgument), usageJson(usage));
                if (operation.equals("invoke")) {
                    json(exchange, 200, message.toString(), usage);
                } else {
                    List<String> events = new ArrayList<>();
                    ForcedToolReplies.streamEvents(message).forEach(event -> events.add(event.toString()));
                    events.set(events.size() - 1, messageStop(usage));
                    stream(exchange, reply, events);
                }
                return;
            }
            switch (operation) {
                case "invoke" -> json(exchange, 200, messageJson(reply).toString(), reply.usage());
                case "invoke-with-response-stream" -> stream(exchange, reply, streamEvents(reply));
                default -> json(exchange, 200, "{\"inputTokens\":" + countedInputTokens + "}", null);
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("fake Bedrock failed", e);
        }
    }

    /** Null when the request is authentic, else AWS's message for why not. */
    private String authenticate(HttpExchange exchange, String rawPath, Map<String, List<String>> headers,
                                byte[] body) {
        String authorization = first(headers, "authorization");
        if (apiKey != null) {
            return ("Bearer " + apiKey).equals(authorization) ? null : "Invalid API Key format: Must start with "
                    + "pre-defined prefix";
        }
        if (authorization == null) {
            return "Missing Authentication Token";
        }
        Matcher auth = AUTHORIZATION.matcher(authorization);
        if (!auth.matches()) {
            return "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters";
        }
        if (!auth.group(1).equals(accessKeyId)) {
            return "The security token included in the request is invalid.";
        }
        if (sessionToken != null && !sessionToken.equals(first(headers, "x-amz-security-token"))) {
            return "The security token included in the request is invalid.";
        }
        if (!auth.group(3).equals(region) || !auth.group(4).equals("bedrock")) {
            return "Credential should be scoped to a valid region and service 'bedrock'.";
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(Objects.requireNonNullElse(first(headers, "x-amz-date"), ""), AMZ_DATE)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
        }
        if (Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) > 0) {
            return "Signature expired: " + first(headers, "x-amz-date") + " is now earlier or later than 5 minutes.";
        }
        String expected = resign(exchange, rawPath, headers, body, auth.group(5).split(";"), signedAt);
        return expected.equals(authorization) ? null : "The request signature we calculated does not match the "
                + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
                + "documentation for details.";
    }

    private String resign(HttpExchange exchange, String rawPath, Map<String, List<String>> headers, byte[] body,
                          String[] signedHeaders, Instant signedAt) {
        String query = exchange.getRequestURI().getRawQuery();
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(exchange.getRequestMethod()))
                .uri(URI.create("http://" + first(headers, "host") + rawPath + (query == null ? "" : "?" + query)));
        for (String name : signedHeaders) {
            List<String> values = headers.get(name);
            if (values != null) {
                request.putHeader(name, values);
            }
        }
        AwsCredentialsIdentity identity = sessionToken == null
                ? AwsCredentialsIdentity.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secretAccessKey, sessionToken);
        return AwsV4HttpSigner.create().sign(r -> r
                        .identity(identity)
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElse("");
    }

    private static String validateInvoke(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            return "Malformed input request, please reformat your input and try again.";
        }
        if (json == null || !json.isObject()) {
            return "Malformed input request: expected a JSON object";
        }
        if (!"bedrock-2023-05-31".equals(json.path("anthropic_version").asText())) {
            return "Malformed input request: #: required key [anthropic_version] not found";
        }
        for (String forbidden : List.of("model", "stream")) {
            if (json.has(forbidden)) {
                return "Malformed input request: #: extraneous key [" + forbidden + "] is not permitted";
            }
        }
        if (!json.path("max_tokens").canConvertToInt()) {
            return "Malformed input request: #: required key [max_tokens] not found";
        }
        if (!json.path("messages").isArray()) {
            return "Malformed input request: #: required key [messages] not found";
        }
        return null;
    }

    private static String validateCountTokens(byte[] body) {
        try {
            JsonNode inner = JSON.readTree(body).at("/input/invokeModel/body");
            if (!inner.isTextual()) {
                return "1 validation error detected: Value null at 'input.invokeModel.body' failed to satisfy "
                        + "constraint: Member must not be null";
            }
            return validateInvoke(Base64.getDecoder().decode(inner.asText()));
        } catch (IOException | IllegalArgumentException e) {
            return "Malformed input request, please reformat your input and try again.";
        }
    }

    // ---- answers

    private static ObjectNode messageJson(Reply reply) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", "msg_bdrk_01FakeBedrock");
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", reply.model());
        message.putArray("content").addObject().put("type", "text").put("text", reply.text());
        message.put("stop_reason", "end_turn");
        message.putNull("stop_sequence");
        message.set("usage", usageJson(reply.usage()));
        return message;
    }

    private static ObjectNode usageJson(Usage usage) {
        return JSON.createObjectNode()
                .put("input_tokens", usage.inputTokens())
                .put("cache_creation_input_tokens", usage.cacheCreationInputTokens())
                .put("cache_read_input_tokens", usage.cacheReadInputTokens())
                .put("output_tokens", usage.outputTokens());
    }

    /** Bedrock's {@code message_stop} adds its invocation metrics. */
    private static String messageStop(Usage usage) {
        return "{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":"
                + usage.inputTokens() + ",\"outputTokenCount\":" + usage.outputTokens()
                + ",\"invocationLatency\":321,\"firstByteLatency\":123}}";
    }

    /** The Anthropic stream events for {@code reply}, as Bedrock's chunk payloads carry them. */
    static List<String> streamEvents(Reply reply) {
        List<String> events = new ArrayList<>();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = messageJson(reply);
        message.putArray("content");
        message.putNull("stop_reason");
        ((ObjectNode) message.get("usage")).put("output_tokens", 1);
        start.set("message", message);
        events.add(start.toString());
        events.add("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        for (String piece : reply.text().split("(?<= )")) {
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", piece);
            events.add(delta.toString());
        }
        events.add("{\"type\":\"content_block_stop\",\"index\":0}");
        events.add("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                + "\"usage\":{\"output_tokens\":" + reply.usage().outputTokens() + "}}");
        events.add(messageStop(reply.usage()));
        return events;
    }

    /** {@code events} as chunk frames; {@code reply} says whether to fail or corrupt the stream on the way. */
    private static void stream(HttpExchange exchange, Reply reply, List<String> events) throws IOException {
        exchange.getResponseHeaders().add("content-type", "application/vnd.amazon.eventstream");
        exchange.getResponseHeaders().add("x-amzn-bedrock-content-type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        if (reply.exceptionType() != null) {
            // message_start and the text, then the failure instead of the rest
            for (String event : events.subList(0, events.size() - 3)) {
                writeSplit(out, chunkFrame(event));
            }
            writeSplit(out, exceptionFrame(reply.exceptionType(), reply.exceptionMessage()));
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            byte[] frame = chunkFrame(events.get(i));
            if (reply.corrupt() && i == 1) {
                frame[frame.length - 8] ^= 0x5a; // inside the payload: the message CRC no longer matches
            }
            writeSplit(out, frame);
        }
    }

    /** One {@code chunk} event frame, with correct prelude and message CRCs. */
    public static byte[] chunkFrame(String anthropicEventJson) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString("chunk"));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        ObjectNode payload = JSON.createObjectNode();
        payload.put("bytes", Base64.getEncoder().encodeToString(anthropicEventJson.getBytes(StandardCharsets.UTF_8)));
        payload.put("p", "abcdefghijklmnopqrstuvwxyzABCDEFGH".substring(0, 1 + anthropicEventJson.length() % 30));
        return encode(new Message(headers, payload.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** One exception frame, e.g. {@code throttlingException}, with payload {@code {"message":…}}. */
    public static byte[] exceptionFrame(String exceptionType, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":exception-type", HeaderValue.fromString(exceptionType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("exception"));
        byte[] payload = JSON.createObjectNode().put("message", message).toString().getBytes(StandardCharsets.UTF_8);
        return encode(new Message(headers, payload));
    }

    private static byte[] encode(Message message) {
        ByteBuffer buffer = message.toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static void writeSplit(OutputStream out, byte[] frame) throws IOException {
        int half = frame.length / 2;
        out.write(frame, 0, half);
        out.flush();
        out.write(frame, half, frame.length - half);
        out.flush();
    }

    private static void json(HttpExchange exchange, int status, String body, Usage usage) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        if (usage != null) {
            exchange.getResponseHeaders().add("x-amzn-Bedrock-Input-Token-Count", String.valueOf(usage.inputTokens()));
            exchange.getResponseHeaders().add("x-amzn-Bedrock-Output-Token-Count",
                    String.valueOf(usage.outputTokens()));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void error(HttpExchange exchange, HttpError error) throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType",
                error.errorType() + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
        if (error.retryAfter() != null) {
            exchange.getResponseHeaders().add("retry-after", error.retryAfter());
        }
        json(exchange, error.status(), JSON.createObjectNode().put("message", error.message()).toString(), null);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
