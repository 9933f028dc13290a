package io.turnpike.launcher;

import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.GovernanceOptions;
import io.turnpike.proxy.ProxyServer;
import io.turnpike.proxy.ProxySettings;
import io.turnpike.proxy.pricing.PriceTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway replicas on one PostgreSQL event store (127.0.0.1:5432/test, a fresh schema): replica A is a whole
 * stack, replica B its own aggregates and proxy on the same store and home (so the same master key). A key issued and
 * then revoked through A's admin API is served, then refused, by B's proxy within seconds — and by A's at once.
 */
@Order(2)
class ReplicasPostgresIT {
    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String USER = "postgres";
    private static final Duration PROPAGATION = Duration.ofSeconds(15);
    private static final String BODY = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":10,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String schema;
    private static Stack replicaA;
    private static Governance governanceB;
    private static ProxyServer proxyB;
    private static AdminClient admin;

    @BeforeAll
    static void start() throws SQLException {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        schema = "tp_it_" + HexFormat.of().formatHex(random);
        execute("CREATE SCHEMA " + schema);
        String url = DATABASE + "?currentSchema=" + schema;
        StackSettings free = RunningStack.settings(RunningStack.newHome());
        replicaA = Stack.start(new StackSettings(free.home(), free.proxyHost(), free.proxyPort(), free.apiHost(),
                free.apiPort(), null, 0, 0, null, 0, 0, free.clickHouseDatabase(), free.clickHouseUser(),
                free.clickHousePassword(), url, USER, "", RunningStack.ADMIN_TOKEN));
        governanceB = Governance.start(new GovernanceOptions(free.home(), url, USER, ""));
        proxyB = ProxyServer.start(ProxySettings.defaults().withHost("127.0.0.1").withPort(0),
                new DirectoryAdapter(governanceB), event -> { }, new PublishedPrices(governanceB,
                        PriceTable.loadDefault()), Clock.systemUTC(), new Random());
        admin = new AdminClient(replicaA.apiUrl(), RunningStack.ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() throws SQLException {
        if (proxyB != null) {
            proxyB.close();
        }
        if (governanceB != null) {
            governanceB.close();
        }
        if (replicaA != null) {
            replicaA.close();
        }
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void aKeyRevokedThroughReplicaAIsRefusedByReplicaBWithinSeconds() throws Exception {
        admin.created("/v1/admin/providers", "{\"id\":\"mock-replicas\",\"type\":\"mock\"}");
        admin.created("/v1/admin/configs",
                "{\"id\":\"cfg-replicas\",\"config\":{\"targets\":[{\"provider\":\"@mock-replicas\"}]}}");
        var issued = admin.created("/v1/admin/keys", "{\"name\":\"replicas\",\"config\":\"cfg-replicas\","
                + "\"metadata\":{\"tenant\":\"acme\",\"team\":\"search\",\"env\":\"prod\"}}");
        String key = issued.get("key").asText();
        String proxyA = replicaA.proxyUrl();
        String proxyBUrl = "http://127.0.0.1:" + proxyB.port();

        assertThat(send(proxyA, key).statusCode()).as("A serves its own new key at once").isEqualTo(200);
        await().atMost(PROPAGATION).until(() -> send(proxyBUrl, key).statusCode() == 200);

        admin.delete("/v1/admin/keys/" + issued.get("id").asText());

        assertThat(send(proxyA, key).statusCode()).as("A refuses on the very next request").isEqualTo(401);
        await().atMost(PROPAGATION).until(() -> send(proxyBUrl, key).statusCode() == 401);
    }

    private static HttpResponse<String> send(String proxyUrl, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(proxyUrl + "/v1/messages"))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DATABASE, USER, "")) {
            connection.createStatement().execute(sql);
        }
    }
}
