package io.turnpike.query;

import io.turnpike.aggregates.Governance;
import io.turnpike.query.admin.BudgetAdmin;
import io.turnpike.query.admin.ConfigAdmin;
import io.turnpike.query.admin.KeyAdmin;
import io.turnpike.query.admin.MetadataSchemaAdmin;
import io.turnpike.query.admin.UserBlockAdmin;
import io.turnpike.query.admin.PricingAdmin;
import io.turnpike.query.admin.GuardrailAdmin;
import io.turnpike.query.admin.GuardrailVerifier;
import io.turnpike.query.admin.RateLimitAdmin;
import io.turnpike.query.admin.ProviderAdmin;
import io.turnpike.query.http.AdminTokenAuthentication;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.BlockingJsonHandler;
import io.turnpike.query.http.ErrorTranslator;
import io.turnpike.query.http.JsonExchange;
import io.turnpike.query.analytics.GuardrailAnalyticsEndpoint;
import io.turnpike.query.analytics.GuardrailAnalyticsRepository;
import io.turnpike.query.logs.ClickHouseReader;
import io.turnpike.query.logs.LogsEndpoint;
import io.turnpike.query.logs.RequestLogRepository;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;

import java.net.InetSocketAddress;

/** The admin and query HTTP API (default 127.0.0.1:8081). */
public final class QueryApiServer implements AutoCloseable {
    private final Undertow undertow;
    private final ClickHouseReader reader;
    private final int port;

    private QueryApiServer(Undertow undertow, ClickHouseReader reader) {
        this.undertow = undertow;
        this.reader = reader;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Validates guardrails by shape only; see {@link #start(QueryApiSettings, Governance, GuardrailVerifier)}. */
    public static QueryApiServer start(QueryApiSettings settings, Governance governance) {
        return start(settings, governance, GuardrailVerifier.SHAPE_ONLY);
    }

    /** @param guardrails asked whether the data path can run a guardrail before one is saved */
    public static QueryApiServer start(QueryApiSettings settings, Governance governance, GuardrailVerifier guardrails) {
        ClickHouseReader reader = new ClickHouseReader(settings.clickHouseUrl(), settings.clickHouseUser(),
                settings.clickHousePassword());
        ErrorTranslator errors = new ErrorTranslator();
        ProviderAdmin providers = new ProviderAdmin(governance);
        ConfigAdmin configs = new ConfigAdmin(governance, guardrails);
        KeyAdmin keys = new KeyAdmin(governance);
        UserBlockAdmin userBlocks = new UserBlockAdmin(governance);
        MetadataSchemaAdmin metadataSchemas = new MetadataSchemaAdmin(governance);
        PricingAdmin pricing = new PricingAdmin(governance);
        RateLimitAdmin rateLimits = new RateLimitAdmin(governance);
        BudgetAdmin budgets = new BudgetAdmin(governance);
        GuardrailAdmin guardrailAdmin = new GuardrailAdmin(governance, guardrails);
        LogsEndpoint logs = new LogsEndpoint(new RequestLogRepository(reader, settings.clickHouseDatabase()));
        GuardrailAnalyticsEndpoint guardrailAnalytics = new GuardrailAnalyticsEndpoint(
                new GuardrailAnalyticsRepository(reader, settings.clickHouseDatabase()));

        RoutingHandler api = Handlers.routing()
                .post("/v1/admin/providers", blocking(providers::create, errors))
                .get("/v1/admin/providers", blocking(providers::list, errors))
                .post("/v1/admin/configs", blocking(configs::create, errors))
                .get("/v1/admin/configs", blocking(configs::list, errors))
                .get("/v1/admin/configs/{id}", blocking(configs::get, errors))
                .put("/v1/admin/configs/{id}", blocking(configs::update, errors))
                .get("/v1/admin/configs/{id}/versions", blocking(configs::versions, errors))
                .post("/v1/admin/configs/{id}/rollback", blocking(configs::rollback, errors))
                .post("/v1/admin/keys", blocking(keys::issue, errors))
                .get("/v1/admin/keys", blocking(keys::list, errors))
                .delete("/v1/admin/keys/{id}", blocking(keys::revoke, errors))
                .get("/v1/admin/keys/{id}", blocking(keys::get, errors))
                .add("PATCH", "/v1/admin/keys/{id}", blocking(keys::update, errors))
                .post("/v1/admin/keys/{id}/rotate", blocking(keys::rotate, errors))
                .post("/v1/admin/users/{user}/block", blocking(userBlocks::block, errors))
                .post("/v1/admin/users/{user}/unblock", blocking(userBlocks::unblock, errors))
                .get("/v1/admin/user-blocks", blocking(userBlocks::list, errors))
                .put("/v1/admin/metadata-schemas/{tenant}", blocking(metadataSchemas::put, errors))
                .get("/v1/admin/metadata-schemas/{tenant}", blocking(metadataSchemas::get, errors))
                .put("/v1/admin/pricing", blocking(pricing::publish, errors))
                .get("/v1/admin/pricing", blocking(pricing::get, errors))
                .post("/v1/admin/rate-limits", blocking(rateLimits::define, errors))
                .get("/v1/admin/rate-limits", blocking(rateLimits::list, errors))
                .get("/v1/admin/rate-limits/{id}", blocking(rateLimits::get, errors))
                .delete("/v1/admin/rate-limits/{id}", blocking(rateLimits::remove, errors))
                .post("/v1/admin/budgets", blocking(budgets::create, errors))
                .get("/v1/admin/budgets", blocking(budgets::list, errors))
                .get("/v1/admin/budgets/{id}", blocking(budgets::get, errors))
                .add("PATCH", "/v1/admin/budgets/{id}", blocking(budgets::change, errors))
                .delete("/v1/admin/budgets/{id}", blocking(budgets::retire, errors))
                .post("/v1/admin/guardrails", blocking(guardrailAdmin::define, errors))
                .get("/v1/admin/guardrails", blocking(guardrailAdmin::list, errors))
                .get("/v1/admin/guardrails/{id}", blocking(guardrailAdmin::get, errors))
                .delete("/v1/admin/guardrails/{id}", blocking(guardrailAdmin::retire, errors))
                .put("/v1/admin/tenants/{tenant}/guardrails", blocking(guardrailAdmin::setTenantGuardrails, errors))
                .get("/v1/admin/tenants/{tenant}/guardrails", blocking(guardrailAdmin::tenantGuardrails, errors))
                .get("/v1/logs", blocking(logs::list, errors))
                .get("/v1/analytics/guardrails", blocking(guardrailAnalytics::get, errors))
                .setFallbackHandler(ex -> JsonExchange.sendError(ex,
                        ApiError.notFound("no route for " + ex.getRequestMethod() + " " + ex.getRequestPath())))
                .setInvalidMethodHandler(ex -> JsonExchange.sendError(ex, new ApiError(405, "invalid_request_error",
                        "method " + ex.getRequestMethod() + " is not allowed on " + ex.getRequestPath(), null)));
        HttpHandler secured = new AdminTokenAuthentication(settings.adminToken(), api);
        HttpHandler root = Handlers.path(secured)
                .addExactPath("/health", ex -> JsonExchange.send(ex, 200,
                        JsonExchange.JSON.createObjectNode().put("status", "ok")));

        Undertow undertow = Undertow.builder()
                .addHttpListener(settings.port(), settings.host())
                .setHandler(root)
                .build();
        undertow.start();
        return new QueryApiServer(undertow, reader);
    }

    private static HttpHandler blocking(BlockingJsonHandler.Action action, ErrorTranslator errors) {
        return new BlockingJsonHandler(action, errors);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        undertow.stop();
        reader.close();
    }
}
