package io.turnpike.proxy.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written stand-in for api.anthropic.com on the JDK's HTTP server: records what it received (any path:
 * {@code /v1/messages}, {@code /v1/messages/count_tokens} …) and answers with whatever the current test
 * scripted, in the real wire format. Public so that other modules' end-to-end tests can use it (test-jar).
 */
public final class FakeAnthropic implements AutoCloseable {

    /** What the proxy sent upstream; header names are case-insensitive. */
    public record Received(String method, String path, String query, Map<String, List<String>> headers,
                           byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile Responder responder = exchange -> json(exchange, 500, "{}");

    private FakeAnthropic(HttpServer server) {
        this.server = server;
    }

    public static FakeAnthropic start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeAnthropic fake = new FakeAnthropic(server);
        server.setExecutor(fake.executor);
        server.createContext("/", fake::handle);
        server.start();
        return fake;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Scripts the answer to the next requests and forgets what was received so far. */
    public void respondWith(Responder next) {
        received.clear();
        responder = next;
    }

    /**
     * Answers the next request with {@code first}, the one after with the first of {@code then}, and so on; the
     * last responder answers everything after (for retries: 429, 429, 200). Forgets what was received so far.
     */
    public void respondInSequence(Responder first, Responder... then) {
        List<Responder> sequence = new ArrayList<>();
        sequence.add(first);
        sequence.addAll(List.of(then));
        AtomicInteger next = new AtomicInteger();
        respondWith(exchange -> sequence.get(Math.min(next.getAndIncrement(), sequence.size() - 1))
                .respond(exchange));
    }

    /** A responder that drops the connection without answering (the client sees the connection reset or closed). */
    public static Responder dropConnection() {
        return exchange -> {
            throw new IOException("dropping the connection, as scripted");
        };
    }

    /** The oldest request not yet taken, waiting up to 10 s for it. */
    /** Requests received and not yet taken. */
    public int pendingRequests() {
        return received.size();
    }

    public Received takeRequest() throws InterruptedException {
        Received request = received.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the upstream received no request");
        }
        return request;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(), headers, body));
            responder.respond(exchange);
        } catch (Exception e) {
            throw new IOException("fake upstream responder failed", e);
        }
    }

    public static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.getResponseHeaders().add("request-id", "req_upstream_123");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Starts an SSE response (chunked); frames written to the returned stream go out on flush. */
    public static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("content-type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    public static void frame(OutputStream out, String event, String data) throws IOException {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
