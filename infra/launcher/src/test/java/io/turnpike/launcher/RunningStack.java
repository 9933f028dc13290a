package io.turnpike.launcher;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole stack on free ports under {@code target/}, with the admin API and the provider backends registered on
 * first use. Shared by the client ITs through {@link SharedStack}.
 */
final class RunningStack implements AutoCloseable {
    static final String ADMIN_TOKEN = "tpa-test-admin-token-0123456789";

    private final Stack stack;
    private final AdminClient admin;
    private final Map<Backend, BackendRoute> routes = new EnumMap<>(Backend.class);

    private RunningStack(Stack stack) {
        this.stack = stack;
        this.admin = new AdminClient(stack.apiUrl(), ADMIN_TOKEN);
    }

    static RunningStack start() {
        return new RunningStack(Stack.start(settings(newHome())));
    }

    static Path newHome() {
        try {
            return Files.createTempDirectory(Path.of("target"), "stack-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything embedded on free ports under {@code home}, with a known admin token. */
    static StackSettings settings(Path home) {
        StackSettings free = StackSettings.embeddedOnFreePorts(home);
        return new StackSettings(free.home(), free.proxyHost(), free.proxyPort(), free.apiHost(), free.apiPort(),
                null, 0, 0, null, 0, 0, "turnpike", "default", "", null, null, null, ADMIN_TOKEN);
    }

    String proxyUrl() {
        return stack.proxyUrl();
    }

    String apiUrl() {
        return stack.apiUrl();
    }

    String clickHouseUrl() {
        return stack.clickHouseUrl();
    }

    AdminClient admin() {
        return admin;
    }

    /** Starts the backend's fake and registers provider, config and key, once per stack. */
    synchronized BackendRoute route(Backend backend) {
        BackendRoute route = routes.get(backend);
        if (route == null) {
            route = register(backend, backend.start());
            routes.put(backend, route);
        }
        return route;
    }

    private BackendRoute register(Backend backend, ProviderBackend provider) {
        try {
            admin.created("/v1/admin/providers", provider.providerRegistration(backend.providerId()));
            String override = provider.upstreamModel(ClientModels.SONNET);
            admin.created("/v1/admin/configs", "{\"id\":\"" + backend.configId() + "\",\"config\":{\"targets\":[{"
                    + "\"provider\":\"@" + backend.providerId() + "\""
                    + (override == null ? "" : ",\"override_params\":{\"model\":\"" + override + "\"}") + "}]}}");
            String key = admin.created("/v1/admin/keys", "{\"name\":\"clients-" + backend.name().toLowerCase()
                    + "\",\"config\":\"" + backend.configId() + "\",\"metadata\":{\"tenant\":\"" + BackendRoute.TENANT
                    + "\",\"team\":\"" + backend.team() + "\",\"env\":\"" + BackendRoute.ENV + "\"}}").get("key").asText();
            return new BackendRoute(backend, provider, key);
        } catch (RuntimeException | AssertionError e) {
            provider.close();
            throw e;
        }
    }

    /**
     * Waits until {@code /v1/logs} holds {@code count} entries for this team and user that match, and returns them
     * newest first. The pipeline is asynchronous (Kafka → Flink → ClickHouse), hence the wait.
     */
    List<JsonNode> awaitLogs(String team, String user, int count, Predicate<JsonNode> matching) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            AdminClient.Response logs = admin.get("/v1/logs?team=" + encode(team) + "&user=" + encode(user));
            assertThat(logs.status()).isEqualTo(200);
            found.clear();
            logs.body().get("data").forEach(entry -> {
                if (matching.test(entry)) {
                    found.add(entry);
                }
            });
            assertThat(found).hasSize(count);
        });
        return found;
    }

    JsonNode awaitLog(String team, String user) {
        return awaitLogs(team, user, 1, entry -> true).get(0);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        routes.values().forEach(route -> route.provider().close());
        stack.close();
    }
}
