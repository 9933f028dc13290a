package io.turnpike.proxy.http;

import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.auth.AccessDecisions;
import io.turnpike.proxy.auth.KeyAuthenticator;
import io.turnpike.proxy.auth.ModelAllowList;
import io.turnpike.proxy.auth.ModelAllowLists;
import io.turnpike.proxy.exchange.ProviderReply;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.exchange.RequestIds;
import io.turnpike.proxy.models.ModelsPage;
import io.turnpike.proxy.wire.ProxyError;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Deque;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: the models the caller's config allows (its
 * {@code allowed_models}, else the whole catalogue), in Anthropic's shape. Needs a valid key like every other
 * endpoint; listing models is not a request to a provider, so it emits no event.
 */
public final class ModelsHandler implements HttpHandler {
    static final String PATH = "/v1/models";

    private final KeyAuthenticator authenticator;
    private final ModelAllowLists allowLists;
    private final Clock clock;

    public ModelsHandler(GatewayDirectory directory, ModelAllowLists allowLists, Clock clock) {
        this.authenticator = new KeyAuthenticator(directory, AccessDecisions.discarding(clock), clock);
        this.allowLists = allowLists;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        ProxyCall call = new ProxyCall(exchange, RequestIds.next(), clock.instant(), System.nanoTime());
        try {
            authenticator.admit(call);
            ModelAllowList allowList = allowLists.forConfig(call.configId());
            String path = exchange.getRequestPath();
            String body;
            if (path.equals(PATH) || path.equals(PATH + "/")) {
                body = ModelsPage.of(allowList.models(), query(exchange, "limit"), query(exchange, "after_id"),
                        query(exchange, "before_id")).toJson().toString();
            } else {
                String id = path.substring(PATH.length() + 1);
                body = allowList.find(id).orElseThrow(() -> ProxyError.notFound("model: " + id))
                        .toJson().toString();
            }
            call.reply(new ProviderReply(200, "application/json", body.getBytes(StandardCharsets.UTF_8)));
        } catch (ProxyError error) {
            call.fail(error);
        }
    }

    private static String query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() || values.peekFirst().isEmpty() ? null : values.peekFirst();
    }
}
