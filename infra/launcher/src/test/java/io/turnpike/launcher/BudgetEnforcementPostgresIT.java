package io.turnpike.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.proxy.pricing.PriceTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Budgets enforced through the whole stack on a PostgreSQL event store: 240 parallel streaming requests against one
 * team budget that admits only a fraction of their worst case. Settled spend never exceeds the limit and is exactly
 * what the successful requests cost; every other request is refused with 412 {@code billing_error}; nothing stays
 * reserved. Runs its own stack (PostgreSQL at 127.0.0.1:5432/test, a fresh schema) before the shared one.
 */
@Order(2)
class BudgetEnforcementPostgresIT {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetEnforcementPostgresIT.class);
    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String USER = "postgres";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "claude-haiku-4-5";
    private static final String STREAMING_BODY = "{\"model\":\"" + MODEL + "\",\"max_tokens\":64,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the budget, please.\"}]}";
    private static final int REQUESTS = 240;
    /** $0.002: the worst case of one request is ~$0.0004 and its actual cost ~$0.00005, so 240 cannot all fit. */
    private static final long LIMIT_NANO_USD = 2_000_000;

    private static String schema;
    private static Stack stack;
    private static AdminClient admin;

    @BeforeAll
    static void start() throws SQLException {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        schema = "tp_it_" + HexFormat.of().formatHex(random);
        execute("CREATE SCHEMA " + schema);
        StackSettings free = RunningStack.settings(RunningStack.newHome());
        stack = Stack.start(new StackSettings(free.home(), free.proxyHost(), free.proxyPort(), free.apiHost(),
                free.apiPort(), null, 0, 0, null, 0, 0, free.clickHouseDatabase(), free.clickHouseUser(),
                free.clickHousePassword(), DATABASE + "?currentSchema=" + schema, USER, "", RunningStack.ADMIN_TOKEN));
        admin = new AdminClient(stack.apiUrl(), RunningStack.ADMIN_TOKEN);
        admin.created("/v1/admin/providers", "{\"id\":\"mock-budget\",\"type\":\"mock\"}");
        admin.created("/v1/admin/configs",
                "{\"id\":\"cfg-budget\",\"config\":{\"targets\":[{\"provider\":\"@mock-budget\"}]}}");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (stack != null) {
            stack.close();
        }
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void parallelStreamingRequestsNeverSettleMoreThanTheLimit() throws Exception {
        String key = issueKey("claude-code-eng-prod", "eng");
        admin.created("/v1/admin/budgets", "{\"id\":\"eng-usd\",\"name\":\"Eng\",\"scope\":{\"team\":\"eng\"},"
                + "\"unit\":\"usd\",\"limit\":\"0.002\",\"period\":\"none\"}");

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<String> overdrawn = new AtomicReference<>();
        Thread watcher = new Thread(() -> watchInvariant(running, overdrawn), "budget-watcher");
        watcher.start();
        List<HttpResponse<String>> responses = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService threads = Executors.newFixedThreadPool(32);
        try {
            List<Future<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                pending.add(threads.submit(() -> client.send(messages(key, null, STREAMING_BODY),
                        HttpResponse.BodyHandlers.ofString())));
            }
            for (Future<HttpResponse<String>> response : pending) {
                responses.add(response.get());
            }
        } finally {
            threads.shutdownNow();
        }

        List<HttpResponse<String>> served = responses.stream().filter(r -> r.statusCode() == 200).toList();
        List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 412).toList();
        assertThat(served.size() + refused.size()).as("every request was served or refused by the budget")
                .isEqualTo(REQUESTS);
        assertThat(served).isNotEmpty();
        assertThat(refused).isNotEmpty();
        for (HttpResponse<String> response : refused) {
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.at("/error/type").asText()).isEqualTo("billing_error");
            assertThat(error.at("/error/message").asText()).startsWith("budget \"Eng\" (eng-usd) is exhausted");
        }
        long expectedSpend = 0;
        for (HttpResponse<String> response : served) {
            expectedSpend += costOfStream(response.body());
        }

        JsonNode settled = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> budget("eng-usd"), b -> b.get("reserved_nano_usd").asLong() == 0);
        running.set(false);
        watcher.join();
        assertThat(overdrawn.get()).as("reserved + spent stayed within the limit throughout").isNull();
        assertThat(settled.get("open_reservations").asInt()).isZero();
        assertThat(settled.get("spent_nano_usd").asLong())
                .isLessThanOrEqualTo(LIMIT_NANO_USD)
                .as("exactly what the %d served requests cost", served.size()).isEqualTo(expectedSpend);
        // The decisions are facts in PostgreSQL: one settle per served request, one stored refusal per 412.
        assertThat(storedEvents("budget:eng-usd", "SpendSettled")).isEqualTo(served.size());
        assertThat(storedEvents("budget:eng-usd", "SpendRefused")).isEqualTo(refused.size());
        LOG.info("{} requests: {} served, {} refused with 412; spent {} of {} nano-USD", REQUESTS, served.size(),
                refused.size(), settled.get("spent_nano_usd").asLong(), LIMIT_NANO_USD);
    }

    @Test
    void aHeaderNamingAnotherTeamDoesNotMoveSpendToThatTeam() throws Exception {
        String key = issueKey("claude-desktop-spoof-prod", "spoof-eng");
        admin.created("/v1/admin/budgets", "{\"id\":\"spoof-eng-usd\",\"scope\":{\"team\":\"spoof-eng\"},"
                + "\"unit\":\"usd\",\"limit\":\"1.00\",\"period\":\"none\"}");
        admin.created("/v1/admin/budgets", "{\"id\":\"spoof-support-usd\",\"scope\":{\"team\":\"spoof-support\"},"
                + "\"unit\":\"usd\",\"limit\":\"1.00\",\"period\":\"none\"}");

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                messages(key, "{\"team\":\"spoof-support\"}", STREAMING_BODY), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        long cost = costOfStream(response.body());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> budget("spoof-eng-usd").get("spent_nano_usd").asLong() == cost);
        JsonNode support = budget("spoof-support-usd");
        assertThat(support.get("spent_nano_usd").asLong()).isZero();
        assertThat(support.get("reserved_nano_usd").asLong()).isZero();
        assertThat(budget("spoof-eng-usd").get("reserved_nano_usd").asLong()).isZero();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static String issueKey(String name, String team) {
        return admin.created("/v1/admin/keys", "{\"name\":\"" + name + "\",\"config\":\"cfg-budget\","
                + "\"metadata\":{\"tenant\":\"acme\",\"team\":\"" + team + "\",\"env\":\"prod\"}}").get("key").asText();
    }

    private static HttpRequest messages(String key, String metadata, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.proxyUrl() + "/v1/messages"))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (metadata != null) {
            request.header("x-turnpike-metadata", metadata);
        }
        return request.build();
    }

    private static JsonNode budget(String id) {
        AdminClient.Response response = admin.get("/v1/admin/budgets/" + id);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    /** Samples the budget while the requests run: what is held and spent never passes the limit. */
    private static void watchInvariant(AtomicBoolean running, AtomicReference<String> overdrawn) {
        while (running.get()) {
            try {
                JsonNode budget = budget("eng-usd");
                long held = budget.get("reserved_nano_usd").asLong() + budget.get("spent_nano_usd").asLong();
                if (held > LIMIT_NANO_USD) {
                    overdrawn.compareAndSet(null, budget.toString());
                }
                Thread.sleep(20); // sampling pace of a test observer, not a wait for a result
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | AssertionError e) {
                overdrawn.compareAndSet(null, "could not read the budget: " + e);
            }
        }
    }

    /** The cost of a streamed answer, priced independently from the usage it reported (shipped price table). */
    private static long costOfStream(String sse) throws IOException {
        long input = -1;
        long output = -1;
        for (String line : sse.split("\n")) {
            if (!line.startsWith("data:")) {
                continue;
            }
            JsonNode data = JSON.readTree(line.substring(5).trim());
            if ("message_start".equals(data.path("type").asText())) {
                input = data.at("/message/usage/input_tokens").asLong();
                output = data.at("/message/usage/output_tokens").asLong();
            } else if ("message_delta".equals(data.path("type").asText())) {
                output = data.at("/usage/output_tokens").asLong();
            }
        }
        assertThat(input).as("the stream reported its usage").isPositive();
        return PriceTable.loadDefault().cost(MODEL, new TokenUsage(input, output, 0, 0, 0, 0)).nanoUsd();
    }

    private static long storedEvents(String aggregate, String type) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DATABASE + "?currentSchema=" + schema, USER, "");
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM DomainEventEntry"
                     + " WHERE aggregateIdentifier = ? AND payloadType LIKE ?")) {
            query.setString(1, aggregate);
            query.setString(2, "%." + type);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DATABASE, USER, "")) {
            connection.createStatement().execute(sql);
        }
    }
}
