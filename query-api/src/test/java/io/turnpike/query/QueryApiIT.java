package io.turnpike.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.GovernanceOptions;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.infra.local.TestServices;
import io.turnpike.streamjobs.clickhouse.ClickHouseClient;
import io.turnpike.streamjobs.clickhouse.ClickHouseConnection;
import io.turnpike.streamjobs.clickhouse.ClickHouseMigrator;
import io.turnpike.streamjobs.requestlog.RequestLogRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin and logs API over HTTP against a real embedded event store and a real ClickHouse. */
class QueryApiIT {
    private static final String TOKEN = "tpa-query-api-it-token-123456";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path home;
    private static Governance governance;
    private static QueryApiServer server;
    private static String database;

    @BeforeAll
    static void start() {
        database = "qapi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = TestServices.clickHouseUrl();
        ClickHouseMigrator.migrate(new ClickHouseConnection(url, database, "default", ""));
        governance = Governance.start(GovernanceOptions.embedded(home));
        server = QueryApiServer.start(new QueryApiSettings("127.0.0.1", 0, TOKEN, url, "default", "", database),
                governance);
    }

    @AfterAll
    static void stop() {
        server.close();
        governance.close();
    }

    record Reply(int status, JsonNode body) {
    }

    private static Reply call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    private static Reply call(String method, String path, String body) throws Exception {
        return call(method, path, body, TOKEN);
    }

    @Test
    void refusesCallersWithoutTheAdminToken() throws Exception {
        Reply missing = call("GET", "/v1/admin/keys", null, null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body().at("/error/type").asText()).isEqualTo("authentication_error");
        assertThat(call("GET", "/v1/logs", null, "tpa-not-the-right-token-at-all").status()).isEqualTo(401);
        assertThat(call("GET", "/health", null, null).status()).as("health is open").isEqualTo(200);
    }

    @Test
    void registersProvidersWithoutEverEchoingTheSecret() throws Exception {
        Reply created = call("POST", "/v1/admin/providers",
                "{\"id\":\"anthropic-qa\",\"type\":\"anthropic\",\"api_key\":\"sk-ant-secret-value\",\"base_url\":\"https://example.test\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("has_secret").asBoolean()).isTrue();
        assertThat(created.body().get("base_url").asText()).isEqualTo("https://example.test");
        assertThat(created.body().toString()).doesNotContain("sk-ant-secret-value");
        assertThat(call("GET", "/v1/admin/providers", null).body().toString()).doesNotContain("sk-ant-secret-value");

        Reply duplicate = call("POST", "/v1/admin/providers", "{\"id\":\"anthropic-qa\",\"type\":\"mock\"}");
        assertThat(duplicate.status()).isEqualTo(409);

        Reply badType = call("POST", "/v1/admin/providers", "{\"id\":\"x1\",\"type\":\"openai\"}");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body().at("/error/field").asText()).isEqualTo("providers.type");

        Reply notJson = call("POST", "/v1/admin/providers", "{id: x}");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().at("/error/message").asText()).contains("not valid JSON");
    }

    @Test
    void sealsBedrockAndVertexCredentialsAndKeepsTheRestAsSettings() throws Exception {
        Reply bedrock = call("POST", "/v1/admin/providers", "{\"id\":\"bedrock-us\",\"type\":\"bedrock\","
                + "\"region\":\"us-east-1\",\"aws_access_key_id\":\"AKIDEXAMPLE\","
                + "\"aws_secret_access_key\":\"wJalrXUtnFEMI-secret\",\"aws_session_token\":\"session-secret\"}");
        assertThat(bedrock.status()).isEqualTo(201);
        assertThat(bedrock.body().get("region").asText()).isEqualTo("us-east-1");
        assertThat(bedrock.body().get("aws_access_key_id").asText()).isEqualTo("AKIDEXAMPLE");
        assertThat(bedrock.body().toString()).doesNotContain("wJalrXUtnFEMI-secret").doesNotContain("session-secret");
        assertThat(JSON.readTree(governance.provider("bedrock-us").orElseThrow().secret()))
                .isEqualTo(JSON.readTree("{\"aws_secret_access_key\":\"wJalrXUtnFEMI-secret\",\"aws_session_token\":\"session-secret\"}"));

        Reply vertex = call("POST", "/v1/admin/providers", "{\"id\":\"vertex-g\",\"type\":\"vertex\","
                + "\"project_id\":\"acme-ai\",\"region\":\"global\",\"service_account_json\":{\"type\":\"service_account\",\"private_key\":\"pk\"}}");
        assertThat(vertex.status()).isEqualTo(201);
        assertThat(vertex.body().has("service_account_json")).isFalse();
        String sealed = JSON.readTree(governance.provider("vertex-g").orElseThrow().secret()).get("service_account_json").asText();
        assertThat(JSON.readTree(sealed).get("private_key").asText()).isEqualTo("pk");

        Reply noRegion = call("POST", "/v1/admin/providers", "{\"id\":\"bedrock-x\",\"type\":\"bedrock\"}");
        assertThat(noRegion.status()).isEqualTo(400);
        assertThat(noRegion.body().at("/error/field").asText()).isEqualTo("providers.region");
    }

    @Test
    void publishesPriceTablesUnderNewVersionsOnly() throws Exception {
        assertThat(call("GET", "/v1/admin/pricing", null).body().get("source").asText()).isEqualTo("shipped pricing file");
        String table = "{\"version\":\"qa-2026-12\",\"models\":{\"claude-sonnet-4-5\":{\"input\":2,\"output\":10,"
                + "\"cache_read\":0.2,\"cache_write_5m\":2.5,\"cache_write_1h\":4}}}";
        Reply published = call("PUT", "/v1/admin/pricing", table);
        assertThat(published.status()).isEqualTo(201);
        assertThat(published.body().get("version").asText()).isEqualTo("qa-2026-12");

        Reply current = call("GET", "/v1/admin/pricing", null);
        assertThat(current.body().at("/current/table/models/claude-sonnet-4-5/output").asInt()).isEqualTo(10);
        assertThat(current.body().get("history")).hasSize(1);

        assertThat(call("PUT", "/v1/admin/pricing", table).status()).as("versions are never reused").isEqualTo(409);
        Reply negative = call("PUT", "/v1/admin/pricing", table.replace("qa-2026-12", "qa-2").replace("\"input\":2", "\"input\":-2"));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().at("/error/field").asText()).isEqualTo("pricing.models.claude-sonnet-4-5.input");
    }

    @Test
    void validatesConfigsAndKeepsTheirVersions() throws Exception {
        call("POST", "/v1/admin/providers", "{\"id\":\"mock-cfg\",\"type\":\"mock\"}");
        Reply unknownProvider = call("POST", "/v1/admin/configs",
                "{\"id\":\"cfg-bad\",\"config\":{\"targets\":[{\"provider\":\"@nope\"}]}}");
        assertThat(unknownProvider.status()).isEqualTo(400);
        assertThat(unknownProvider.body().at("/error/field").asText()).contains("targets[0].provider");

        assertThat(call("POST", "/v1/admin/configs",
                "{\"id\":\"cfg-1\",\"config\":{\"targets\":[{\"provider\":\"@mock-cfg\"}]}}").status()).isEqualTo(201);
        Reply updated = call("PUT", "/v1/admin/configs/cfg-1",
                "{\"config\":{\"strategy\":{\"mode\":\"single\"},\"targets\":[{\"provider\":\"@mock-cfg\"}]}}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("version").asInt()).isEqualTo(2);
        assertThat(call("GET", "/v1/admin/configs/cfg-1", null).body().at("/config/strategy/mode").asText())
                .isEqualTo("single");
        assertThat(call("GET", "/v1/admin/configs/missing", null).status()).isEqualTo(404);
        assertThat(call("POST", "/v1/admin/configs", "{\"id\":\"cfg-2\"}").body().at("/error/field").asText())
                .isEqualTo("config");
    }

    @Test
    void answersConfigWritesWithWarningsAndPreciseErrorPaths() throws Exception {
        call("POST", "/v1/admin/providers", "{\"id\":\"mock-warn\",\"type\":\"mock\"}");
        Reply created = call("POST", "/v1/admin/configs", "{\"id\":\"cfg-warn\",\"config\":{\"targets\":"
                + "[{\"provider\":\"@mock-warn\",\"virtual_key\":\"vk-1\"}]}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("warnings")).hasSize(1);
        assertThat(created.body().at("/warnings/0").asText())
                .isEqualTo("targets[0].virtual_key: unknown key; kept in the document but ignored by Turnpike");
        assertThat(created.body().at("/config/targets/0/virtual_key").asText()).as("stored untouched").isEqualTo("vk-1");

        Reply clean = call("PUT", "/v1/admin/configs/cfg-warn", "{\"config\":{\"targets\":[{\"provider\":\"@mock-warn\"}]}}");
        assertThat(clean.status()).isEqualTo(200);
        assertThat(clean.body().get("warnings").isArray()).isTrue();
        assertThat(clean.body().get("warnings")).isEmpty();

        Reply badWeight = call("PUT", "/v1/admin/configs/cfg-warn", "{\"config\":{\"strategy\":{\"mode\":\"loadbalance\"},"
                + "\"targets\":[{\"provider\":\"@mock-warn\"},{\"targets\":[{\"provider\":\"@mock-warn\",\"weight\":-1}]}]}}");
        assertThat(badWeight.status()).isEqualTo(400);
        assertThat(badWeight.body().at("/error/field").asText())
                .isEqualTo("configs.document.targets[1].targets[0].weight");
    }

    @Test
    void listsConfigHistoryNewestFirstAndRollsBack() throws Exception {
        call("POST", "/v1/admin/providers", "{\"id\":\"mock-hist\",\"type\":\"mock\"}");
        call("POST", "/v1/admin/configs", "{\"id\":\"cfg-hist\",\"config\":{\"targets\":[{\"provider\":\"@mock-hist\","
                + "\"override_params\":{\"max_tokens\":100}}]}}");
        call("PUT", "/v1/admin/configs/cfg-hist", "{\"config\":{\"targets\":[{\"provider\":\"@mock-hist\","
                + "\"override_params\":{\"max_tokens\":200}}]}}");

        Reply rolledBack = call("POST", "/v1/admin/configs/cfg-hist/rollback", "{\"version\":1}");
        assertThat(rolledBack.status()).isEqualTo(200);
        assertThat(rolledBack.body().get("version").asInt()).isEqualTo(3);
        assertThat(rolledBack.body().at("/config/targets/0/override_params/max_tokens").asInt()).isEqualTo(100);
        assertThat(rolledBack.body().get("warnings")).isEmpty();
        assertThat(call("GET", "/v1/admin/configs/cfg-hist", null).body().get("version").asInt()).isEqualTo(3);

        Reply history = call("GET", "/v1/admin/configs/cfg-hist/versions", null);
        assertThat(history.status()).isEqualTo(200);
        JsonNode data = history.body().get("data");
        assertThat(data).hasSize(3);
        assertThat(data.get(0).get("version").asInt()).isEqualTo(3);
        assertThat(data.get(0).get("restored_version").asInt()).isEqualTo(1);
        assertThat(data.get(1).get("version").asInt()).isEqualTo(2);
        assertThat(data.get(1).has("restored_version")).isFalse();
        assertThat(data.get(1).at("/config/targets/0/override_params/max_tokens").asInt()).isEqualTo(200);
        assertThat(data.get(2).get("version").asInt()).isEqualTo(1);
        assertThat(data.get(2).get("actor").asText()).isNotBlank();
        assertThat(data.get(2).get("created_at").asText()).isNotBlank();

        assertThat(call("POST", "/v1/admin/configs/cfg-hist/rollback", "{\"version\":3}").status())
                .as("the current version").isEqualTo(400);
        assertThat(call("POST", "/v1/admin/configs/cfg-hist/rollback", "{\"version\":42}").status()).isEqualTo(404);
        assertThat(call("POST", "/v1/admin/configs/cfg-hist/rollback", "{\"version\":\"1\"}").body()
                .at("/error/field").asText()).isEqualTo("version");
        assertThat(call("POST", "/v1/admin/configs/missing/rollback", "{\"version\":1}").status()).isEqualTo(404);
        assertThat(call("GET", "/v1/admin/configs/missing/versions", null).status()).isEqualTo(404);
    }

    @Test
    void issuesKeysOnceAndRevokesThem() throws Exception {
        call("POST", "/v1/admin/providers", "{\"id\":\"mock-keys\",\"type\":\"mock\"}");
        call("POST", "/v1/admin/configs", "{\"id\":\"cfg-keys\",\"config\":{\"targets\":[{\"provider\":\"@mock-keys\"}]}}");
        Reply issued = call("POST", "/v1/admin/keys",
                "{\"name\":\"claude-desktop-eng-prod\",\"config\":\"cfg-keys\",\"metadata\":{\"tenant\":\"acme\",\"team\":\"eng\"}}");
        assertThat(issued.status()).isEqualTo(201);
        String key = issued.body().get("key").asText();
        String id = issued.body().get("id").asText();
        assertThat(key).startsWith("tp-");
        assertThat(issued.body().get("metadata").get("team").asText()).isEqualTo("eng");
        assertThat(issued.body().get("allow_config_override").asBoolean()).as("off unless asked").isFalse();
        Reply overriding = call("POST", "/v1/admin/keys", "{\"name\":\"ops\",\"config\":\"cfg-keys\","
                + "\"allow_config_override\":true}");
        assertThat(overriding.body().get("allow_config_override").asBoolean()).isTrue();
        assertThat(call("POST", "/v1/admin/keys", "{\"name\":\"ops\",\"config\":\"cfg-keys\","
                + "\"allow_config_override\":\"yes\"}").body().at("/error/field").asText())
                .isEqualTo("allow_config_override");

        String listing = call("GET", "/v1/admin/keys", null).body().toString();
        assertThat(listing).contains(id).doesNotContain(key).doesNotContain("key_hash");

        assertThat(call("DELETE", "/v1/admin/keys/" + id, null).body().get("revoked").asBoolean()).isTrue();
        assertThat(call("DELETE", "/v1/admin/keys/" + id, null).status()).isEqualTo(409);
        assertThat(call("DELETE", "/v1/admin/keys/key_unknown", null).status()).isEqualTo(404);
        Reply badMetadata = call("POST", "/v1/admin/keys", "{\"name\":\"k\",\"config\":\"cfg-keys\",\"metadata\":{\"team\":1}}");
        assertThat(badMetadata.status()).isEqualTo(400);
        assertThat(badMetadata.body().at("/error/field").asText()).isEqualTo("metadata.team");
    }

    @Test
    void servesTheRequestLogNewestFirstWithoutReplayedCopies() throws Exception {
        Instant t0 = Instant.parse("2026-11-25T10:00:00.100Z");
        RequestLogRow first = RequestLogRow.of(event("req_a", "acme", "eng", t0));
        RequestLogRow second = RequestLogRow.of(event("req_b", "acme", "support", t0.plusSeconds(5)));
        RequestLogRow otherTenant = RequestLogRow.of(event("req_c", "globex", "eng", t0.plusSeconds(9)));
        try (ClickHouseClient client = new ClickHouseClient(new ClickHouseConnection(TestServices.clickHouseUrl(),
                database, "default", ""))) {
            client.insertJsonEachRow("request_log", List.of(first, second, otherTenant));
            client.insertJsonEachRow("request_log", List.of(first)); // a replay
        }

        JsonNode data = call("GET", "/v1/logs?tenant=acme", null).body().get("data");
        assertThat(data).extracting(n -> n.get("request_id").asText()).containsExactly("req_b", "req_a");
        assertThat(data.get(1).get("started_at").asText()).isEqualTo("2026-11-25T10:00:00.100Z");
        assertThat(data.get(1).get("cost_usd").asText()).isEqualTo("0.000255");
        assertThat(data.get(1).get("metadata").get("project").asText()).isEqualTo("apollo");

        assertThat(call("GET", "/v1/logs?tenant=acme&team=support", null).body().get("data")).hasSize(1);
        assertThat(call("GET", "/v1/logs?tenant=acme&from=2026-11-25T10:00:03Z", null).body().get("data")).hasSize(1);
        assertThat(call("GET", "/v1/logs?tenant=acme&limit=1", null).body().get("data")).hasSize(1);
        assertThat(call("GET", "/v1/logs?tenant=acme%27%20OR%20%271%27=%271", null).body().get("data"))
                .as("a hostile value is a literal, not SQL").isEmpty();

        Reply badFrom = call("GET", "/v1/logs?from=yesterday", null);
        assertThat(badFrom.status()).isEqualTo(400);
        assertThat(badFrom.body().at("/error/field").asText()).isEqualTo("from");
        assertThat(call("GET", "/v1/logs?limit=0", null).status()).isEqualTo(400);
    }

    private static RequestCompleted event(String id, String tenant, String team, Instant start) {
        return new RequestCompleted(RequestCompleted.SCHEMA_VERSION, id, "trace-" + id, start, start.plusMillis(900),
                "key_1", tenant, team, "a@" + tenant + ".com", "prod",
                Map.of("tenant", tenant, "team", team, "project", "apollo"), "cfg", "anthropic-main", "anthropic",
                "claude-sonnet-4-5", "claude-sonnet-4-5-20250929", "/v1/messages", false, 200, null,
                new TokenUsage(25, 12, 0, 0, 0), 255_000L, "2026-11-01", 900L, null, null, "test");
    }
}
