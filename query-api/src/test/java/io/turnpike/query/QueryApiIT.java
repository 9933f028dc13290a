package io.turnpike.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.GovernanceOptions;
import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.infra.local.TestServices;
import io.turnpike.streamjobs.clickhouse.ClickHouseClient;
import io.turnpike.streamjobs.clickhouse.ClickHouseConnection;
import io.turnpike.streamjobs.clickhouse.ClickHouseMigrator;
import io.turnpike.streamjobs.guardrails.GuardrailEvaluationRow;
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
    void definesListsAndRemovesRateLimitsWithFieldNamedErrors() throws Exception {
        Reply created = call("POST", "/v1/admin/rate-limits", "{\"id\":\"qa-eng\",\"scope\":\"team\","
                + "\"match\":{\"team\":\"eng\"},\"requests_per_minute\":60,\"tokens_per_minute\":50000}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("requests_per_minute").asLong()).isEqualTo(60);
        assertThat(created.body().get("requests_per_hour").isNull()).isTrue();
        assertThat(created.body().at("/match/team").asText()).isEqualTo("eng");
        assertThat(created.body().get("defined_by").asText()).isNotBlank();

        Reply replaced = call("POST", "/v1/admin/rate-limits",
                "{\"id\":\"qa-eng\",\"scope\":\"team\",\"requests_per_hour\":1000}");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().get("requests_per_minute").isNull()).isTrue();
        assertThat(call("GET", "/v1/admin/rate-limits/qa-eng", null).body().get("requests_per_hour").asLong())
                .isEqualTo(1000);
        assertThat(call("GET", "/v1/admin/rate-limits", null).body().get("data"))
                .anySatisfy(p -> assertThat(p.get("id").asText()).isEqualTo("qa-eng"));

        assertThat(rateLimitErrorField("{\"scope\":\"team\",\"requests_per_minute\":1}")).isEqualTo("id");
        assertThat(rateLimitErrorField("{\"id\":\"x\",\"scope\":\"org\",\"requests_per_minute\":1}"))
                .isEqualTo("scope");
        assertThat(rateLimitErrorField("{\"id\":\"x\",\"scope\":\"team\",\"requests_per_minute\":1.5}"))
                .isEqualTo("requests_per_minute");
        assertThat(rateLimitErrorField("{\"id\":\"x\",\"scope\":\"team\",\"tokens_per_minute\":0}"))
                .isEqualTo("tokens_per_minute");
        assertThat(rateLimitErrorField("{\"id\":\"x\",\"scope\":\"team\",\"match\":{\"team\":1},"
                + "\"requests_per_minute\":1}")).isEqualTo("match.team");
        assertThat(rateLimitErrorField("{\"id\":\"x\",\"scope\":\"team\"}")).isEqualTo("requests_per_minute");

        Reply removed = call("DELETE", "/v1/admin/rate-limits/qa-eng", null);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().get("removed").asBoolean()).isTrue();
        assertThat(call("GET", "/v1/admin/rate-limits/qa-eng", null).status()).isEqualTo(404);
        assertThat(call("DELETE", "/v1/admin/rate-limits/qa-eng", null).status()).isEqualTo(404);
    }

    private static String rateLimitErrorField(String body) throws Exception {
        Reply refused = call("POST", "/v1/admin/rate-limits", body);
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
        return refused.body().at("/error/field").asText();
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
    void rotatesKeysAndChangesTheirLimits() throws Exception {
        call("POST", "/v1/admin/providers", "{\"id\":\"mock-life\",\"type\":\"mock\"}");
        call("POST", "/v1/admin/configs", "{\"id\":\"cfg-life\",\"config\":{\"targets\":[{\"provider\":\"@mock-life\"}]}}");
        Reply issued = call("POST", "/v1/admin/keys", "{\"name\":\"life\",\"config\":\"cfg-life\","
                + "\"allowed_models\":[\"claude-haiku-4-5\"],\"expires_at\":\"2099-01-01T00:00:00Z\"}");
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.body().at("/allowed_models/0").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(issued.body().get("expires_at").asText()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(issued.body().get("owner").asText()).isEqualTo("admin");
        String id = issued.body().get("id").asText();
        String oldKey = issued.body().get("key").asText();

        Reply rotated = call("POST", "/v1/admin/keys/" + id + "/rotate", "{\"grace_period_seconds\":3600}");
        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.body().get("key").asText();
        assertThat(newKey).startsWith("tp-").isNotEqualTo(oldKey);
        assertThat(rotated.body().get("id").asText()).isEqualTo(id);
        assertThat(rotated.body().get("key_prefix").asText()).isEqualTo(newKey.substring(0, 10));
        assertThat(Instant.parse(rotated.body().get("previous_key_valid_until").asText()))
                .isEqualTo(Instant.parse(rotated.body().get("rotated_at").asText()).plusSeconds(3600));
        assertThat(governance.keyByHash(io.turnpike.aggregates.ApiKeys.hash(oldKey))).isPresent();
        assertThat(governance.keyByHash(io.turnpike.aggregates.ApiKeys.hash(newKey))).isPresent();
        assertThat(call("GET", "/v1/admin/keys/" + id, null).body().has("key")).isFalse();

        Reply patched = call("PATCH", "/v1/admin/keys/" + id, "{\"allowed_models\":null}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().has("allowed_models")).isFalse();
        assertThat(patched.body().get("expires_at").asText()).isEqualTo("2099-01-01T00:00:00Z");

        Reply past = call("PATCH", "/v1/admin/keys/" + id, "{\"expires_at\":\"2001-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body().at("/error/field").asText()).isEqualTo("keys.expires_at");
        Reply notADate = call("PATCH", "/v1/admin/keys/" + id, "{\"expires_at\":\"tomorrow\"}");
        assertThat(notADate.body().at("/error/field").asText()).isEqualTo("expires_at");
        Reply unknownField = call("PATCH", "/v1/admin/keys/" + id, "{\"config\":\"other\"}");
        assertThat(unknownField.body().at("/error/field").asText()).isEqualTo("config");
        assertThat(call("POST", "/v1/admin/keys/key_nope/rotate", null).status()).isEqualTo(404);

        call("DELETE", "/v1/admin/keys/" + id, null);
        assertThat(call("POST", "/v1/admin/keys/" + id + "/rotate", null).status()).isEqualTo(409);
    }

    @Test
    void blocksAndUnblocksUsersPerTenant() throws Exception {
        Reply blocked = call("POST", "/v1/admin/users/Mallory@acme.com/block",
                "{\"tenant\":\"acme-blocks\",\"reason\":\"left the company\"}");
        assertThat(blocked.status()).isEqualTo(200);
        assertThat(blocked.body().get("user").asText()).isEqualTo("mallory@acme.com");
        assertThat(blocked.body().get("reason").asText()).isEqualTo("left the company");
        assertThat(governance.isUserBlocked("acme-blocks", "mallory@acme.com")).isTrue();
        assertThat(call("POST", "/v1/admin/users/mallory@acme.com/block", "{\"tenant\":\"acme-blocks\"}").status())
                .isEqualTo(409);
        assertThat(call("GET", "/v1/admin/user-blocks?tenant=acme-blocks", null).body().get("data")).hasSize(1);
        Reply noTenant = call("POST", "/v1/admin/users/x@acme.com/block", "{}");
        assertThat(noTenant.status()).isEqualTo(400);
        assertThat(noTenant.body().at("/error/field").asText()).isEqualTo("tenant");

        Reply unblocked = call("POST", "/v1/admin/users/mallory@acme.com/unblock", "{\"tenant\":\"acme-blocks\"}");
        assertThat(unblocked.status()).isEqualTo(200);
        assertThat(unblocked.body().get("blocked").asBoolean()).isFalse();
        assertThat(governance.isUserBlocked("acme-blocks", "mallory@acme.com")).isFalse();
        assertThat(call("GET", "/v1/admin/user-blocks?tenant=acme-blocks", null).body().get("data")).isEmpty();
        assertThat(call("POST", "/v1/admin/users/nobody@acme.com/unblock", "{\"tenant\":\"acme-blocks\"}").status())
                .isEqualTo(404);
    }

    @Test
    void definesVersionsAndRetiresGuardrailsWithFieldNamedErrors() throws Exception {
        String noEmails = "{\"id\":\"it-no-emails\",\"name\":\"No e-mail addresses\",\"checks\":[{\"type\":\"pii\","
                + "\"params\":{\"categories\":[\"email\"]}}],\"applies_to\":\"both\"}";
        Reply created = call("POST", "/v1/admin/guardrails", noEmails);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("version").asInt()).isEqualTo(1);
        assertThat(created.body().at("/document/on_error").asText()).isEqualTo("fail_closed");
        assertThat(created.body().at("/document/stream_mode").asText()).isEqualTo("incremental");

        Reply redefined = call("POST", "/v1/admin/guardrails", noEmails.replace("\"both\"", "\"input\""));
        assertThat(redefined.status()).isEqualTo(200);
        assertThat(redefined.body().get("version").asInt()).isEqualTo(2);
        assertThat(call("GET", "/v1/admin/guardrails/it-no-emails", null).body().at("/document/applies_to").asText())
                .isEqualTo("input");
        assertThat(call("GET", "/v1/admin/guardrails", null).body().get("data").findValuesAsText("id"))
                .contains("it-no-emails");

        Reply unknownType = call("POST", "/v1/admin/guardrails", noEmails.replace("\"pii\"", "\"foo\""));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.body().at("/error/field").asText()).isEqualTo("checks[0].type");
        assertThat(unknownType.body().at("/error/message").asText()).contains("unknown check type \"foo\"");
        Reply badRegex = call("POST", "/v1/admin/guardrails",
                "{\"id\":\"it-re\",\"checks\":[{\"type\":\"regexMatch\",\"params\":{\"pattern\":\"([\"}}]}");
        assertThat(badRegex.body().at("/error/field").asText()).isEqualTo("checks[0].params.pattern");

        Reply tenant = call("PUT", "/v1/admin/tenants/it-acme/guardrails", "{\"guardrails\":[\"it-no-emails\"]}");
        assertThat(tenant.status()).isEqualTo(200);
        assertThat(call("GET", "/v1/admin/tenants/it-acme/guardrails", null).body().get("guardrails").toString())
                .isEqualTo("[\"it-no-emails\"]");
        Reply unknownId = call("PUT", "/v1/admin/tenants/it-acme/guardrails", "{\"guardrails\":[\"it-missing\"]}");
        assertThat(unknownId.status()).isEqualTo(400);
        assertThat(unknownId.body().at("/error/field").asText()).isEqualTo("guardrails[0]");
        assertThat(call("PUT", "/v1/admin/tenants/it-acme/guardrails", "{}").body().at("/error/field").asText())
                .isEqualTo("guardrails");

        assertThat(call("DELETE", "/v1/admin/guardrails/it-no-emails", null).status()).isEqualTo(409);
        call("PUT", "/v1/admin/tenants/it-acme/guardrails", "{\"guardrails\":[]}");
        Reply retired = call("DELETE", "/v1/admin/guardrails/it-no-emails", null);
        assertThat(retired.status()).isEqualTo(200);
        assertThat(retired.body().get("retired").asBoolean()).isTrue();
        assertThat(call("GET", "/v1/admin/guardrails/it-no-emails", null).status()).isEqualTo(404);
        assertThat(call("DELETE", "/v1/admin/guardrails/it-no-emails", null).status()).isEqualTo(404);
        assertThat(call("POST", "/v1/admin/guardrails", noEmails).status()).isEqualTo(409);
    }

    @Test
    void keysCarryTheirOwnGuardrailsWhichAPatchReplaces() throws Exception {
        call("POST", "/v1/admin/providers", "{\"id\":\"mock-kg\",\"type\":\"mock\"}");
        call("POST", "/v1/admin/configs", "{\"id\":\"cfg-kg\",\"config\":{\"targets\":[{\"provider\":\"@mock-kg\"}]}}");
        for (String id : List.of("kg-no-emails", "kg-short")) {
            assertThat(call("POST", "/v1/admin/guardrails", "{\"id\":\"" + id + "\",\"checks\":[{\"type\":\"pii\","
                    + "\"params\":{\"categories\":[\"email\"]}}]}").status()).isEqualTo(201);
        }
        Reply plain = call("POST", "/v1/admin/keys", "{\"name\":\"plain\",\"config\":\"cfg-kg\"}");
        assertThat(plain.body().get("guardrails").toString()).as("always shown, empty when none").isEqualTo("[]");

        Reply issued = call("POST", "/v1/admin/keys", "{\"name\":\"guarded\",\"config\":\"cfg-kg\","
                + "\"guardrails\":[\"kg-short\",\"kg-no-emails\"]}");
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.body().get("guardrails").toString()).isEqualTo("[\"kg-short\",\"kg-no-emails\"]");
        String id = issued.body().get("id").asText();

        Reply rotated = call("POST", "/v1/admin/keys/" + id + "/rotate", "{\"grace_period_seconds\":0}");
        assertThat(rotated.body().get("guardrails").toString()).isEqualTo("[\"kg-short\",\"kg-no-emails\"]");
        Reply modelsOnly = call("PATCH", "/v1/admin/keys/" + id, "{\"allowed_models\":[\"claude-haiku-4-5\"]}");
        assertThat(modelsOnly.body().get("guardrails").toString()).as("absent keeps")
                .isEqualTo("[\"kg-short\",\"kg-no-emails\"]");
        Reply replaced = call("PATCH", "/v1/admin/keys/" + id, "{\"guardrails\":[\"kg-no-emails\"]}");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().get("guardrails").toString()).isEqualTo("[\"kg-no-emails\"]");
        assertThat(replaced.body().at("/allowed_models/0").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(call("GET", "/v1/admin/keys/" + id, null).body().get("guardrails").toString())
                .isEqualTo("[\"kg-no-emails\"]");

        Reply unknown = call("PATCH", "/v1/admin/keys/" + id, "{\"guardrails\":[\"kg-no-emails\",\"kg-ghost\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().at("/error/field").asText()).isEqualTo("keys.guardrails[1]");
        Reply twice = call("POST", "/v1/admin/keys", "{\"name\":\"k\",\"config\":\"cfg-kg\","
                + "\"guardrails\":[\"kg-short\",\"kg-short\"]}");
        assertThat(twice.body().at("/error/field").asText()).isEqualTo("keys.guardrails[1]");
        assertThat(call("POST", "/v1/admin/keys", "{\"name\":\"k\",\"config\":\"cfg-kg\",\"guardrails\":\"kg-short\"}")
                .body().at("/error/field").asText()).isEqualTo("guardrails");
        assertThat(call("PATCH", "/v1/admin/keys/" + id, "{\"guardrails\":[7]}").body().at("/error/field").asText())
                .isEqualTo("guardrails[0]");

        // The key still requires kg-no-emails: retiring it would make the proxy refuse every request of the key.
        Reply inUse = call("DELETE", "/v1/admin/guardrails/kg-no-emails", null);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.body().at("/error/message").asText()).contains(id);
        assertThat(call("PATCH", "/v1/admin/keys/" + id, "{\"guardrails\":[]}").body().get("guardrails").toString())
                .isEqualTo("[]");
        assertThat(call("DELETE", "/v1/admin/guardrails/kg-no-emails", null).status()).isEqualTo(200);
        assertThat(call("DELETE", "/v1/admin/guardrails/kg-short", null).status()).isEqualTo(200);
    }

    @Test
    void tenantsOptInToStatus246ForWarnings() throws Exception {
        call("POST", "/v1/admin/guardrails", "{\"id\":\"ws-short\",\"checks\":[{\"type\":\"wordCount\","
                + "\"params\":{\"max\":5}}],\"action\":\"warn\"}");
        Reply defaults = call("GET", "/v1/admin/tenants/ws-acme/guardrails", null);
        assertThat(defaults.body().get("warn_status").asInt()).isEqualTo(200);

        Reply optedIn = call("PUT", "/v1/admin/tenants/ws-acme/guardrails",
                "{\"guardrails\":[\"ws-short\"],\"warn_status\":246}");
        assertThat(optedIn.status()).isEqualTo(200);
        assertThat(optedIn.body().get("warn_status").asInt()).isEqualTo(246);
        assertThat(call("GET", "/v1/admin/tenants/ws-acme/guardrails", null).body().get("warn_status").asInt())
                .isEqualTo(246);
        assertThat(governance.guardrailWarnStatus("ws-acme")).isEqualTo(246);

        for (String bad : List.of("299", "\"246\"", "246.5", "true")) {
            Reply refused = call("PUT", "/v1/admin/tenants/ws-acme/guardrails", "{\"guardrails\":[],\"warn_status\":" + bad + "}");
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body().at("/error/field").asText()).as(bad).isEqualTo("warn_status");
        }
        assertThat(governance.guardrailWarnStatus("ws-acme")).as("refused changes change nothing").isEqualTo(246);

        // PUT replaces the settings as a whole: today's body (no warn_status) means the default again.
        Reply replaced = call("PUT", "/v1/admin/tenants/ws-acme/guardrails", "{\"guardrails\":[\"ws-short\"]}");
        assertThat(replaced.body().get("warn_status").asInt()).isEqualTo(200);
        assertThat(replaced.body().get("guardrails").toString()).isEqualTo("[\"ws-short\"]");
        call("PUT", "/v1/admin/tenants/ws-acme/guardrails", "{\"guardrails\":[]}");
        call("DELETE", "/v1/admin/guardrails/ws-short", null);
    }

    @Test
    void definesMetadataSchemasPerTenantWithVersions() throws Exception {
        assertThat(call("GET", "/v1/admin/metadata-schemas/acme-meta", null).status()).isEqualTo(404);

        Reply defined = call("PUT", "/v1/admin/metadata-schemas/acme-meta",
                "{\"fields\":{\"env\":{\"allowed_values\":[\"prod\",\"dev\"]}},\"on_override\":\"refuse\"}");
        assertThat(defined.status()).isEqualTo(200);
        assertThat(defined.body().get("version").asInt()).isEqualTo(1);
        assertThat(defined.body().at("/schema/required").toString()).isEqualTo("[\"tenant\",\"team\",\"user\",\"env\"]");
        assertThat(defined.body().at("/schema/on_missing").asText()).isEqualTo("reject");

        Reply badPattern = call("PUT", "/v1/admin/metadata-schemas/acme-meta",
                "{\"fields\":{\"user\":{\"pattern\":\"([\"}}}");
        assertThat(badPattern.status()).isEqualTo(400);
        assertThat(badPattern.body().at("/error/field").asText()).isEqualTo("fields.user.pattern");

        Reply replaced = call("PUT", "/v1/admin/metadata-schemas/acme-meta", "{\"required\":[\"team\"]}");
        assertThat(replaced.body().get("version").asInt()).isEqualTo(2);
        Reply read = call("GET", "/v1/admin/metadata-schemas/acme-meta", null);
        assertThat(read.body().at("/schema/required").toString()).isEqualTo("[\"team\"]");
        assertThat(read.body().at("/schema/on_override").asText()).isEqualTo("enforce");
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
    void createsBudgetsAndShowsLimitReservedSpentAndRemaining() throws Exception {
        Reply created = call("POST", "/v1/admin/budgets", "{\"id\":\"support-prod\",\"name\":\"Support prod\","
                + "\"scope\":{\"tenant\":\"acme\",\"team\":\"support\",\"env\":\"prod\"},"
                + "\"unit\":\"usd\",\"limit\":\"250.50\",\"period\":\"monthly\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("limit").asText()).isEqualTo("250.5");
        assertThat(created.body().get("limit_nano_usd").asLong()).isEqualTo(250_500_000_000L);
        assertThat(created.body().get("thresholds").toString()).isEqualTo("[50,80,100]");
        assertThat(created.body().get("period_start").asText()).endsWith("-01T00:00:00Z");

        var reservation = governance.reserve("support-prod", "req-budget-1", 100_000_000_000L,
                Instant.now().plusSeconds(60));
        governance.settle("support-prod", reservation.reservationId(), 12_345_678_901L);
        governance.reserve("support-prod", "req-budget-2", 1_000_000_000L, Instant.now().plusSeconds(60));
        JsonNode shown = call("GET", "/v1/admin/budgets/support-prod", null).body();
        assertThat(shown.get("spent").asText()).isEqualTo("12.345678901");
        assertThat(shown.get("reserved").asText()).isEqualTo("1");
        assertThat(shown.get("remaining").asText()).isEqualTo("237.154321099");
        assertThat(shown.get("remaining_nano_usd").asLong()).isEqualTo(237_154_321_099L);
        assertThat(shown.get("scope").get("team").asText()).isEqualTo("support");

        Reply tokens = call("POST", "/v1/admin/budgets", "{\"scope\":{\"key_id\":\"key_x\"},\"unit\":\"tokens\","
                + "\"limit\":50000,\"period\":\"custom:14\",\"thresholds\":[90]}");
        assertThat(tokens.status()).isEqualTo(201);
        assertThat(tokens.body().get("id").asText()).startsWith("bud_");
        assertThat(tokens.body().get("limit").asLong()).isEqualTo(50_000);
        assertThat(tokens.body().has("limit_nano_usd")).isFalse();
        assertThat(call("GET", "/v1/admin/budgets", null).body().get("data").findValuesAsText("id"))
                .contains("support-prod", tokens.body().get("id").asText());

        assertThat(call("GET", "/v1/admin/budgets/missing", null).status()).isEqualTo(404);

        Reply raised = call("PATCH", "/v1/admin/budgets/support-prod", "{\"limit\":\"300\",\"thresholds\":[75]}");
        assertThat(raised.status()).isEqualTo(200);
        assertThat(raised.body().get("limit").asText()).isEqualTo("300");
        assertThat(raised.body().get("thresholds").get(0).asInt()).isEqualTo(75);
        assertThat(call("PATCH", "/v1/admin/budgets/support-prod", "{\"unit\":\"tokens\"}").body()
                .at("/error/field").asText()).isEqualTo("unit");
        assertThat(call("DELETE", "/v1/admin/budgets/support-prod", null).body().get("retired").asBoolean()).isTrue();
        assertThat(call("GET", "/v1/admin/budgets/support-prod", null).status()).as("retired").isEqualTo(404);
        assertThat(call("POST", "/v1/admin/budgets", created.body().toString().replace("\"250.5\"", "\"1\""))
                .status()).as("same id").isEqualTo(409);
        String valid = "{\"scope\":{\"team\":\"x\"},\"unit\":\"usd\",\"limit\":\"1\",\"period\":\"daily\"}";
        assertThat(errorField(valid.replace("\"1\"", "\"1.0000000001\""))).isEqualTo("limit");
        assertThat(errorField(valid.replace("\"1\"", "\"-3\""))).isEqualTo("limit");
        assertThat(errorField(valid.replace("usd", "eur"))).isEqualTo("unit");
        assertThat(errorField(valid.replace("daily", "hourly"))).isEqualTo("budgets.period");
        assertThat(errorField(valid.replace("team", "department"))).isEqualTo("budgets.scope.department");
        assertThat(errorField(valid.replace("\"period\"", "\"thresholds\":[150],\"period\""))).isEqualTo("budgets.thresholds");
        assertThat(errorField(valid.replace("\"team\":\"x\"", "\"team\":7"))).isEqualTo("scope.team");
    }

    private static String errorField(String budgetJson) throws Exception {
        Reply reply = call("POST", "/v1/admin/budgets", budgetJson);
        assertThat(reply.status()).as(budgetJson).isEqualTo(400);
        return reply.body().at("/error/field").asText();
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

    @Test
    void showsEachRequestsGuardrailVerdictsAndFiltersByTheActionTaken() throws Exception {
        Instant t0 = Instant.parse("2026-11-26T09:00:00.100Z");
        List<RequestLogRow> requests = List.of(
                RequestLogRow.of(event("req_g1", "initech", "eng", t0)),
                RequestLogRow.of(event("req_g2", "initech", "eng", t0.plusSeconds(5))),
                RequestLogRow.of(event("req_g3", "initech", "ops", t0.plusSeconds(9))),
                // The same request id under another tenant: its verdicts must never show under initech's request.
                RequestLogRow.of(event("req_g1", "umbrella", "eng", t0.plusSeconds(2))));
        List<GuardrailEvaluationRow> verdicts = List.of(
                verdict("req_g1", "initech", "eng", t0.plusMillis(3), "no-pii", 0, "pii", "FAIL", "deny", "email", 2, 140),
                verdict("req_g1", "initech", "eng", t0.plusMillis(3), "no-pii", 1, "pii", "PASS", "none", null, 0, 60),
                verdict("req_g2", "initech", "eng", t0.plusSeconds(5), "no-pii", 0, "pii", "FAIL", "redact", "email", 1, 90),
                verdict("req_g2", "initech", "eng", t0.plusSeconds(6), "short", 0, "wordCount", "FAIL", "warn", null, 0, 20),
                verdict("req_g3", "initech", "ops", t0.plusSeconds(9), "no-pii", 0, "pii", "ERROR", "deny", null, 0, 5000),
                verdict("req_g1", "umbrella", "eng", t0.plusSeconds(2), "umbrella-rule", 0, "regexMatch", "FAIL", "deny",
                        null, 1, 10));
        try (ClickHouseClient client = new ClickHouseClient(new ClickHouseConnection(TestServices.clickHouseUrl(),
                database, "default", ""))) {
            client.insertJsonEachRow("request_log", requests);
            client.insertJsonEachRow("guardrail_evaluations", verdicts);
            client.insertJsonEachRow("guardrail_evaluations", List.of(verdicts.get(0))); // a replay
        }

        JsonNode data = call("GET", "/v1/logs?tenant=initech", null).body().get("data");
        assertThat(data).extracting(n -> n.get("request_id").asText()).containsExactly("req_g3", "req_g2", "req_g1");
        JsonNode first = data.get(2).get("guardrails");
        assertThat(first).hasSize(2);
        assertThat(first.get(0).toString()).isEqualTo("{\"guardrail_id\":\"no-pii\",\"check_type\":\"pii\","
                + "\"applies_to\":\"input\",\"verdict\":\"FAIL\",\"action_taken\":\"deny\",\"category\":\"email\","
                + "\"match_count\":2,\"latency_micros\":140}");
        assertThat(first.get(1).get("category").isNull()).isTrue();
        assertThat(data.get(1).get("guardrails")).extracting(v -> v.get("action_taken").asText())
                .containsExactly("redact", "warn");
        assertThat(call("GET", "/v1/logs?tenant=acme", null).body().get("data"))
                .allSatisfy(entry -> assertThat(entry.get("guardrails")).as("no verdicts: an empty array").isEmpty());
        assertThat(call("GET", "/v1/logs?tenant=umbrella", null).body().at("/data/0/guardrails"))
                .extracting(v -> v.get("guardrail_id").asText()).containsExactly("umbrella-rule");

        assertThat(call("GET", "/v1/logs?tenant=initech&guardrail_action=deny", null).body().get("data"))
                .extracting(n -> n.get("request_id").asText()).containsExactly("req_g3", "req_g1");
        assertThat(call("GET", "/v1/logs?tenant=initech&guardrail_action=warn", null).body().get("data"))
                .extracting(n -> n.get("request_id").asText()).containsExactly("req_g2");
        Reply badAction = call("GET", "/v1/logs?guardrail_action=block", null);
        assertThat(badAction.status()).isEqualTo(400);
        assertThat(badAction.body().at("/error/field").asText()).isEqualTo("guardrail_action");
    }

    @Test
    void countsGuardrailVerdictsByGuardrailAndTeamPerTenantWithoutReplays() throws Exception {
        Instant t0 = Instant.parse("2026-11-27T09:00:00.100Z");
        List<GuardrailEvaluationRow> verdicts = List.of(
                verdict("req_a1", "hooli", "eng", t0, "no-pii", 0, "pii", "FAIL", "deny", "email", 1, 100),
                verdict("req_a1", "hooli", "eng", t0, "no-pii", 1, "pii", "FAIL", "deny", "iban", 1, 300),
                verdict("req_a2", "hooli", "eng", t0.plusSeconds(1), "no-pii", 0, "pii", "PASS", "none", null, 0, 50),
                verdict("req_a3", "hooli", "ops", t0.plusSeconds(2), "no-pii", 0, "pii", "FAIL", "redact", "email", 3, 70),
                verdict("req_a3", "hooli", "ops", t0.plusSeconds(2), "short", 0, "wordCount", "ERROR", "warn", null, 0, 9),
                verdict("req_a4", "hooli", "ops", t0.plusSeconds(3600), "no-pii", 0, "pii", "FAIL", "deny", "email", 1, 80),
                verdict("req_b1", "massive", "eng", t0, "no-pii", 0, "pii", "FAIL", "deny", "email", 1, 100));
        try (ClickHouseClient client = new ClickHouseClient(new ClickHouseConnection(TestServices.clickHouseUrl(),
                database, "default", ""))) {
            client.insertJsonEachRow("guardrail_evaluations", verdicts);
            client.insertJsonEachRow("guardrail_evaluations", List.of(verdicts.get(0), verdicts.get(3)));
        }

        Reply reply = call("GET", "/v1/analytics/guardrails?tenant=hooli&from=2026-11-27T09:00:00Z"
                + "&to=2026-11-27T09:30:00Z&group_by=guardrail_id,team", null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("group_by").toString()).isEqualTo("[\"tenant\",\"guardrail_id\",\"team\"]");
        JsonNode rows = reply.body().get("data");
        assertThat(rows).extracting(r -> r.get("guardrail_id").asText() + "/" + r.get("team").asText() + " e"
                        + r.get("evaluations").asLong() + " f" + r.get("fails").asLong() + " x" + r.get("errors").asLong()
                        + " d" + r.get("denials").asLong() + " dr" + r.get("denied_requests").asLong()
                        + " w" + r.get("warns").asLong() + " r" + r.get("redactions").asLong())
                .containsExactly("no-pii/eng e3 f2 x0 d2 dr1 w0 r0", "no-pii/ops e1 f1 x0 d0 dr0 w0 r1",
                        "short/ops e1 f0 x1 d0 dr0 w1 r0");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("tenant").asText()).isEqualTo("hooli"));
        assertThat(rows.get(0).get("p95_latency_micros").asLong()).isBetween(100L, 300L);

        JsonNode everyTenant = call("GET", "/v1/analytics/guardrails?group_by=tenant&from=2026-11-27T00:00:00Z", null)
                .body().get("data");
        assertThat(everyTenant).extracting(r -> r.get("tenant").asText() + ":" + r.get("denials").asLong())
                .containsExactly("hooli:3", "massive:1");
        assertThat(call("GET", "/v1/analytics/guardrails?tenant=hooli&from=2026-11-27T00:00:00Z"
                + "&group_by=action_taken,applies_to,env,user", null).body().get("data"))
                .extracting(r -> r.get("action_taken").asText()).containsExactly("deny", "none", "redact", "warn");

        for (String[] bad : new String[][] {{"group_by=team,prompt", "group_by"}, {"from=yesterday", "from"},
                {"to=soon", "to"}, {"from=2026-11-28T00:00:00Z&to=2026-11-27T00:00:00Z", "from"},
                {"limit=0", "limit"}}) {
            Reply refused = call("GET", "/v1/analytics/guardrails?" + bad[0], null);
            assertThat(refused.status()).as(bad[0]).isEqualTo(400);
            assertThat(refused.body().at("/error/field").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(call("GET", "/v1/analytics/guardrails", null, "tpa-not-the-right-token-at-all").status())
                .isEqualTo(401);
    }

    private static GuardrailEvaluationRow verdict(String requestId, String tenant, String team, Instant at,
                                                  String guardrailId, int checkIndex, String checkType,
                                                  String verdict, String action, String category, int matches,
                                                  long latencyMicros) {
        return GuardrailEvaluationRow.of(new GuardrailEvaluated(GuardrailEvaluated.SCHEMA_VERSION, at, requestId,
                "trace-" + requestId, "key_1", tenant, team, "a@" + tenant + ".com", "prod", guardrailId, 1,
                checkType, verdict, action, category, matches, latencyMicros, GuardrailEvaluated.INPUT, checkIndex));
    }

    private static RequestCompleted event(String id, String tenant, String team, Instant start) {
        return new RequestCompleted(RequestCompleted.SCHEMA_VERSION, id, "trace-" + id, start, start.plusMillis(900),
                "key_1", tenant, team, "a@" + tenant + ".com", "prod",
                Map.of("tenant", tenant, "team", team, "project", "apollo"), "cfg", "anthropic-main", "anthropic",
                "claude-sonnet-4-5", "claude-sonnet-4-5-20250929", "/v1/messages", false, 200, null,
                new TokenUsage(25, 12, 0, 0, 0), 255_000L, "2026-11-01", 900L, null, null, "test");
    }
}
