package io.turnpike.proxy.auth;

import io.turnpike.events.policy.PolicyDecision;
import io.turnpike.proxy.ApiKeyHash;
import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.KeyGrant;
import io.turnpike.proxy.RequestEventSink;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.exchange.RequestIds;
import io.turnpike.proxy.wire.ProxyError;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The front door every client-facing endpoint shares: the Turnpike key (Bearer or {@code x-api-key}), the trace
 * id and the metadata header, merged with what the key binds. Fills the {@link ProxyCall}; refusals are thrown
 * as {@link ProxyError}s (401 for keys — unknown, revoked, expired, or rotated past its grace period — 400 or 403
 * for metadata under the tenant's standard, 403 for a blocked user). Everything is answered from the directory's
 * memory, so revoking or blocking takes effect on the very next request.
 */
public final class KeyAuthenticator {
    private final GatewayDirectory directory;
    private final Clock clock;
    private final AccessDecisions decisions;
    private final MetadataEnforcement metadataStandard;

    /** Publishes no decisions and reads the system clock. */
    KeyAuthenticator(GatewayDirectory directory) {
        this(directory, AccessDecisions.discarding(Clock.systemUTC()), Clock.systemUTC());
    }

    public KeyAuthenticator(GatewayDirectory directory, RequestEventSink sink, Clock clock) {
        this(directory, new AccessDecisions(sink, clock), clock);
    }

    public KeyAuthenticator(GatewayDirectory directory, AccessDecisions decisions, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        this.decisions = decisions;
        this.metadataStandard = new MetadataEnforcement(directory, decisions);
    }

    /** Authenticates the key, reads the metadata header under the tenant's standard and refuses blocked users. */
    public void admit(ProxyCall call) {
        authenticate(call);
        readMetadata(call);
        refuseBlockedUser(call);
        // Admissions are decisions too: the audit trail shows which key let each request in, with its attribution.
        decisions.publish(call, call.key(), call.metadata(), PolicyDecision.AUTHENTICATION, call.key().keyId(), "allow",
                "key \"" + call.key().name() + "\" is valid", Map.of());
    }

    private void authenticate(ProxyCall call) {
        String apiKey = presentedKey(call.exchange());
        if (apiKey == null) {
            throw ProxyError.authentication(
                    "missing API key: send it as \"x-api-key: tp-…\" or \"Authorization: Bearer tp-…\"");
        }
        KeyGrant key = directory.keyByHash(ApiKeyHash.of(apiKey)).orElseThrow(() ->
                ProxyError.authentication("invalid API key"));
        String traceId = firstHeader(call.exchange(), "x-turnpike-trace-id", "x-portkey-trace-id");
        call.tracedAs(traceId != null ? traceId : RequestIds.random(32));
        Instant now = clock.instant();
        if (key.revoked()) {
            throw refusedKey(call, key, "revoked", "this API key has been revoked");
        }
        if (key.retiringAt() != null && !now.isBefore(key.retiringAt())) {
            throw refusedKey(call, key, "rotated", "this API key was rotated and its grace period ended at "
                    + key.retiringAt() + "; use the new key");
        }
        if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
            throw refusedKey(call, key, "expired", "this API key expired at " + key.expiresAt());
        }
        call.authenticated(key);
    }

    /** A known key refused: recorded (an unknown key has no owner to attribute it to, so it is not). */
    private ProxyError refusedKey(ProxyCall call, KeyGrant key, String why, String message) {
        decisions.publish(call, key, key.metadata(), PolicyDecision.AUTHENTICATION, key.keyId(), "refuse", message,
                Map.of("problem", why));
        return ProxyError.authentication(message);
    }

    private void refuseBlockedUser(ProxyCall call) {
        String tenant = call.metadata().get("tenant");
        String user = call.metadata().get("user");
        if (tenant == null || user == null) {
            return;
        }
        String normalised = user.trim().toLowerCase(Locale.ROOT);
        if (directory.isUserBlocked(tenant, normalised)) {
            decisions.publish(call, call.key(), call.metadata(), PolicyDecision.USER_BLOCK, tenant + "/" + normalised,
                    "refuse", "the user is blocked in this tenant", Map.of());
            throw ProxyError.permission("user \"" + user + "\" is blocked in tenant \"" + tenant + "\"");
        }
    }

    private static String presentedKey(HttpServerExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (!token.isEmpty()) {
                return token;
            }
        }
        String apiKey = exchange.getRequestHeaders().getFirst("x-api-key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }

    private void readMetadata(ProxyCall call) {
        String header = MetadataHeader.NAME;
        String value = call.exchange().getRequestHeaders().getFirst(header);
        if (value == null) {
            header = MetadataHeader.ALIAS;
            value = call.exchange().getRequestHeaders().getFirst(header);
        }
        Map<String, String> fromHeader = MetadataHeader.parse(header, value);
        call.attributedTo(metadataStandard.effective(call, call.key(), fromHeader));
    }

    private static String firstHeader(HttpServerExchange exchange, String name, String alias) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value == null || value.isBlank()) {
            value = exchange.getRequestHeaders().getFirst(alias);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
