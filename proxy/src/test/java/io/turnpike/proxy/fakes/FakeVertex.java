package io.turnpike.proxy.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A protocol-faithful stand-in for Google Vertex AI serving Claude, on the JDK HTTP server, with its own OAuth2
 * token endpoint.
 *
 * <ul>
 *   <li>{@code POST /token}: the JWT-bearer grant ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}).
 *       The assertion's RS256 signature is verified with the public half of {@link #serviceAccountJson()}'s key;
 *       {@code iss} must be the service account, {@code scope} must include cloud-platform, {@code exp} must lie
 *       ahead, and {@code aud} must be Google's token endpoint {@code https://oauth2.googleapis.com/token} — the
 *       audience google-auth-library signs whatever the key file's {@code token_uri} (the request itself goes to
 *       {@code token_uri}, i.e. here). Issues opaque access tokens with {@code expires_in}.</li>
 *   <li>{@code POST /v1/projects/{p}/locations/{l}/publishers/anthropic/models/{model}:rawPredict} and
 *       {@code :streamRawPredict}: require {@code Authorization: Bearer <an issued, unexpired token>} (401
 *       UNAUTHENTICATED otherwise) and the Vertex body ({@code anthropic_version: vertex-2023-10-16}, no
 *       {@code model}; {@code stream: true} on the streaming method), else 400 INVALID_ARGUMENT. Answer an
 *       Anthropic message as JSON, or as real SSE (frame by frame, flushed) with the scripted usage. A request
 *       that forces a tool ({@code tool_choice} {@code tool} or {@code any}) gets a {@code tool_use} block (see
 *       {@link ForcedToolReplies}; {@code input_json_delta} events when streamed), scripted by
 *       {@link #setForcedToolReply}.</li>
 *   <li>{@code …/models/count-tokens:rawPredict}: requires {@code model} in the body; answers
 *       {@code {"input_tokens": n}}.</li>
 * </ul>
 * Errors can be scripted per call ({@link #failNextPredict}) and for the token endpoint
 * ({@link #failTokenRequests}); everything received is kept for inspection.
 */
public final class FakeVertex implements AutoCloseable {
    public static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    public static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** The {@code aud} google-auth-library puts in every service-account assertion. */
    public static final String GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token";
    public static final String ANTHROPIC_VERSION = "vertex-2023-10-16";
    public static final String CLIENT_EMAIL = "turnpike-test@fake-project.iam.gserviceaccount.com";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MODEL_PATH = Pattern.compile("/v1/projects/([^/]+)/locations/([^/]+)"
            + "/publishers/anthropic/models/([^/:]+):(rawPredict|streamRawPredict)");

    /** Token counts the fake reports; {@code output} is what the full reply claims. */
    public record Usage(long input, long output, long cacheRead, long cacheCreation) {
    }

    /** A call to a model method as the fake received it; header names are case-insensitive. */
    public record Received(String path, String project, String location, String model, String method,
                           Map<String, List<String>> headers, String body) {
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
    }

    /** A scripted upstream answer. */
    public record Reply(int status, String contentType, String body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final KeyPair keyPair;
    private final String privateKeyId = UUID.randomUUID().toString().replace("-", "");
    private final Map<String, Instant> issuedTokens = new ConcurrentHashMap<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final List<String> rejectedAssertions = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> scriptedReplies = new ConcurrentLinkedQueue<>();

    private volatile Usage usage = new Usage(25, 12, 0, 0);
    private volatile String responseModel;
    private volatile String replyText = "Hello from Vertex";
    private volatile long countTokensResult = 42;
    private volatile String toolArgument = "fake-argument";
    private volatile Usage toolUsage = new Usage(50, 20, 0, 0);
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private volatile Reply tokenFailure;

    private FakeVertex(HttpServer server, KeyPair keyPair) {
        this.server = server;
        this.keyPair = keyPair;
    }

    public static FakeVertex start() throws IOException {
        KeyPair keyPair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keyPair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeVertex fake = new FakeVertex(server, keyPair);
        server.setExecutor(fake.executor);
        server.createContext("/token", fake::token);
        server.createContext("/v1/", fake::predict);
        server.start();
        return fake;
    }

    /** Base URL of the fake, for the provider's {@code endpoint_url} setting. */
    public String endpointUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String tokenUri() {
        return endpointUrl() + "/token";
    }

    /** A service-account key file (fresh RSA key of this fake) whose {@code token_uri} is {@link #tokenUri()}. */
    public String serviceAccountJson() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keyPair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode key = JSON.createObjectNode();
        key.put("type", "service_account");
        key.put("project_id", "fake-project");
        key.put("private_key_id", privateKeyId);
        key.put("private_key", pem);
        key.put("client_email", CLIENT_EMAIL);
        key.put("client_id", "100000000000000000001");
        key.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        key.put("token_uri", tokenUri());
        return key.toString();
    }

    /** The provider-account secret for this fake: {@code {"service_account_json": "<key file>"}}. */
    public String providerSecret() {
        return JSON.createObjectNode().put("service_account_json", serviceAccountJson()).toString();
    }

    // ---- scripting

    public void setUsage(Usage usage) {
        this.usage = usage;
    }

    /** The {@code model} replies report; null (the default) echoes the model id of the URL. */
    public void setResponseModel(String model) {
        this.responseModel = model;
    }

    public void setReplyText(String text) {
        this.replyText = text;
    }

    /**
     * How requests that force a tool are answered: every required property of the tool's input set to
     * {@code argument}, and {@code usage}. (The reply text and {@link #setUsage} answer the others.)
     */
    public void setForcedToolReply(String argument, Usage usage) {
        this.toolArgument = argument;
        this.toolUsage = usage;
    }

    public void setCountTokensResult(long inputTokens) {
        this.countTokensResult = inputTokens;
    }

    public void setTokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** The next model call (messages or count-tokens) gets this answer instead of the normal one. */
    public void failNextPredict(int status, String body) {
        failNextPredict(status, body, Map.of());
    }

    public void failNextPredict(int status, String body, Map<String, String> headers) {
        scriptedReplies.add(new Reply(status, "application/json", body, headers));
    }

    /** Every token request gets this answer until {@link #healTokenRequests()}. */
    public void failTokenRequests(int status, String body) {
        tokenFailure = new Reply(status, "application/json", body, Map.of());
    }

    /** Forgets every issued token, as if Google revoked them: model calls with them get 401 from now on. */
    public void revokeIssuedTokens() {
        issuedTokens.clear();
    }

    public void healTokenRequests() {
        tokenFailure = null;
    }

    /** Google's error shape, as its front end answers. */
    public static String googleError(int code, String status, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("status", status);
        return root.toString();
    }

    /** Anthropic's error envelope, as the model behind Vertex answers. */
    public static String anthropicError(String type, String message) {
        ObjectNode root = JSON.createObjectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return root.toString();
    }

    // ---- inspection

    /** Model calls received (messages and count-tokens), in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received lastReceived() {
        if (received.isEmpty()) {
            throw new AssertionError("the fake Vertex received no model call");
        }
        return received.get(received.size() - 1);
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Why token requests were refused (bad signature, wrong audience, …). */
    public List<String> rejectedAssertions() {
        return List.copyOf(rejectedAssertions);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- the token endpoint

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            tokenRequests.incrementAndGet();
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            Reply failure = tokenFailure;
            if (failure != null) {
                send(exchange, failure);
                return;
            }
            String problem = !"POST".equals(exchange.getRequestMethod()) ? "method must be POST"
                    : !JWT_BEARER.equals(form.get("grant_type")) ? "grant_type must be " + JWT_BEARER
                    : verifyAssertion(form.get("assertion"));
            if (problem != null) {
                rejectedAssertions.add(problem);
                send(exchange, new Reply(400, "application/json", JSON.createObjectNode()
                        .put("error", "invalid_grant").put("error_description", problem).toString(), Map.of()));
                return;
            }
            String accessToken = "ya29.fake-" + UUID.randomUUID();
            issuedTokens.put(accessToken, Instant.now().plus(tokenLifetime));
            tokensIssued.incrementAndGet();
            send(exchange, new Reply(200, "application/json", JSON.createObjectNode()
                    .put("access_token", accessToken)
                    .put("expires_in", tokenLifetime.toSeconds())
                    .put("token_type", "Bearer").toString(), Map.of()));
        }
    }

    /** Null when the assertion is a valid RS256 JWT for this service account; else what is wrong. */
    private String verifyAssertion(String assertion) {
        if (assertion == null) {
            return "no assertion";
        }
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return "assertion is not a signed JWT";
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return "alg must be RS256";
            }
            if (!verifies(keyPair.getPublic(), parts[0] + "." + parts[1], Base64.getUrlDecoder().decode(parts[2]))) {
                return "signature does not verify with the service account's public key";
            }
            if (!CLIENT_EMAIL.equals(claims.path("iss").asText())) {
                return "iss must be the service account's client_email";
            }
            if (!GOOGLE_TOKEN_AUDIENCE.equals(claims.path("aud").asText())) {
                return "aud must be " + GOOGLE_TOKEN_AUDIENCE;
            }
            if (!Set.of(claims.path("scope").asText().split(" ")).contains(SCOPE)) {
                return "scope must include " + SCOPE;
            }
            long now = Instant.now().getEpochSecond();
            if (claims.path("exp").asLong() <= now || claims.path("iat").asLong() > now + 300) {
                return "assertion expired or issued in the future";
            }
            return null;
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            return "assertion unreadable: " + e.getClass().getSimpleName();
        }
    }

    private static boolean verifies(PublicKey key, String signedPart, byte[] signature)
            throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(signedPart.getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(signature);
    }

    // ---- the model methods

    private void predict(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher matcher = MODEL_PATH.matcher(path);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            if (!"POST".equals(exchange.getRequestMethod()) || !matcher.matches()) {
                send(exchange, google(404, "NOT_FOUND", "The requested URL " + path + " was not found"));
                return;
            }
            Received call = new Received(path, matcher.group(1), matcher.group(2), matcher.group(3),
                    matcher.group(4), headers, body);
            received.add(call);
            if (!authorised(call.header("authorization"))) {
                send(exchange, google(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. "
                        + "Expected OAuth 2 access token."));
                return;
            }
            Reply scripted = scriptedReplies.poll();
            if (scripted != null) {
                send(exchange, scripted);
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(body);
            } catch (IOException e) {
                send(exchange, google(400, "INVALID_ARGUMENT", "Invalid JSON payload received."));
                return;
            }
            if (call.model().equals("count-tokens")) {
                countTokens(exchange, call, request);
                return;
            }
            String problem = !ANTHROPIC_VERSION.equals(request.path("anthropic_version").asText())
                    ? "anthropic_version: must be " + ANTHROPIC_VERSION
                    : request.has("model") ? "model: Extra inputs are not permitted"
                    : call.method().equals("streamRawPredict") != request.path("stream").asBoolean(false)
                    ? "stream must be true on streamRawPredict and absent or false on rawPredict" : null;
            if (problem != null) {
                send(exchange, google(400, "INVALID_ARGUMENT", problem));
                return;
            }
            String model = responseModel != null ? responseModel : call.model();
            JsonNode tool = ForcedToolReplies.forcedTool(request);
            if (tool != null) {
                ObjectNode message = ForcedToolReplies.message(messageId(), model, tool,
                        ForcedToolReplies.input(tool, toolArgument), usageJson(toolUsage));
                if (call.method().equals("streamRawPredict")) {
                    startStream(exchange);
                    for (ObjectNode event : ForcedToolReplies.streamEvents(message)) {
                        frame(exchange.getResponseBody(), event.get("type").asText(), event);
                    }
                } else {
                    send(exchange, new Reply(200, "application/json", message.toString(), Map.of()));
                }
                return;
            }
            if (call.method().equals("streamRawPredict")) {
                stream(exchange, model);
            } else {
                send(exchange, new Reply(200, "application/json", message(model).toString(), Map.of()));
            }
        }
    }

    private void countTokens(HttpExchange exchange, Received call, JsonNode request) throws IOException {
        if (!call.method().equals("rawPredict") || !request.path("model").isTextual()) {
            send(exchange, google(400, "INVALID_ARGUMENT", "count-tokens needs rawPredict and a model"));
            return;
        }
        send(exchange, new Reply(200, "application/json",
                JSON.createObjectNode().put("input_tokens", countTokensResult).toString(), Map.of()));
    }

    private boolean authorised(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        Instant expiry = issuedTokens.get(authorization.substring(7));
        return expiry != null && expiry.isAfter(Instant.now());
    }

    private static String messageId() {
        return "msg_vrtx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static ObjectNode usageJson(Usage u) {
        return JSON.createObjectNode()
                .put("input_tokens", u.input())
                .put("cache_creation_input_tokens", u.cacheCreation())
                .put("cache_read_input_tokens", u.cacheRead())
                .put("output_tokens", u.output());
    }

    private ObjectNode message(String model) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", messageId());
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putArray("content").addObject().put("type", "text").put("text", replyText);
        message.put("stop_reason", "end_turn");
        message.putNull("stop_sequence");
        message.set("usage", usageJson(usage));
        return message;
    }

    /** The Messages streaming sequence, each frame flushed on its own. */
    private void stream(HttpExchange exchange, String model) throws IOException {
        startStream(exchange);
        OutputStream out = exchange.getResponseBody();
        ObjectNode start = message(model);
        start.putArray("content");
        start.putNull("stop_reason");
        ((ObjectNode) start.get("usage")).put("output_tokens", 1);
        frame(out, "message_start", JSON.createObjectNode().put("type", "message_start").set("message", start));
        frame(out, "ping", JSON.createObjectNode().put("type", "ping"));
        ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        frame(out, "content_block_start", blockStart);
        for (String piece : splitInTwo(replyText)) {
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", piece);
            frame(out, "content_block_delta", delta);
        }
        frame(out, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
        ObjectNode messageDelta = JSON.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", usage.output());
        frame(out, "message_delta", messageDelta);
        frame(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
    }

    private static void startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("content-type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
    }

    private static List<String> splitInTwo(String text) {
        int half = text.length() / 2;
        List<String> pieces = new ArrayList<>();
        pieces.add(text.substring(0, half));
        pieces.add(text.substring(half));
        return pieces;
    }

    private static void frame(OutputStream out, String event, JsonNode data) throws IOException {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Reply google(int code, String status, String message) {
        return new Reply(code, "application/json", googleError(code, status, message), Map.of());
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", reply.contentType());
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
