package io.turnpike.proxy.cache;

import io.turnpike.events.config.CachePolicy;
import io.turnpike.proxy.cache.store.CacheKey;
import io.turnpike.proxy.cache.store.ResponseCacheCapture;
import io.turnpike.proxy.cache.store.ResponseCacheEntry;
import io.turnpike.proxy.cache.store.ResponseCacheStatus;
import io.turnpike.proxy.cache.store.ResponseCacheStore;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.wire.MessagesRequest;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code simple} response cache in front of the upstream attempts (Portkey's {@code cache:
 * {"mode":"simple","max_age":s}}): an exact repeat of a request, in the same config and tenant, is answered with
 * the bytes the first one received, without calling the provider. See {@link CacheKey} for what "exact" covers.
 * One per server, shared by all IO threads.
 */
public final class ResponseCache {
    static final String FORCE_REFRESH = "x-turnpike-cache-force-refresh";
    static final String FORCE_REFRESH_ALIAS = "x-portkey-cache-force-refresh";

    private final ResponseCacheStore store;

    public ResponseCache(ResponseCacheStore store) {
        this.store = store;
    }

    /**
     * Decides the call's {@link ResponseCacheStatus}. On a hit the stored answer is sent and true returned: the
     * caller makes no attempt. Otherwise the call tees its response into the cache if it ends as a complete 200.
     *
     * @param policy the chosen target's effective cache policy; null when caching is off
     */
    public boolean answerOrCapture(ProxyCall call, MessagesRequest forwarded, CachePolicy policy) {
        if (policy == null || !CachePolicy.SIMPLE.equals(policy.mode())) {
            call.cacheDisabled();
            return false;
        }
        HeaderMap headers = call.exchange().getRequestHeaders();
        CacheKey key = CacheKey.of(call.configId(), call.metadata().get("tenant"), forwarded.body(), forwarded.stream(),
                values(headers.get("anthropic-beta")), headers.getFirst("anthropic-version"),
                call.exchange().getQueryString());
        boolean refresh = isTrue(headers.getFirst(FORCE_REFRESH)) || isTrue(headers.getFirst(FORCE_REFRESH_ALIAS));
        if (!refresh) {
            Optional<ResponseCacheEntry> hit = store.get(key);
            if (hit.isPresent()) {
                call.answeredFromCache();
                replay(call, hit.get());
                return true;
            }
        }
        Duration maxAge = policy.maxAgeSeconds() == null ? null : Duration.ofSeconds(policy.maxAgeSeconds());
        call.cacheMissed(refresh, new ResponseCacheCapture(store, key, maxAge));
        return false;
    }

    /** The stored bytes, exactly; they pass the usage tap like any response, so the event gets their usage. */
    private static void replay(ProxyCall call, ResponseCacheEntry entry) {
        call.startResponse(200, entry.contentType());
        call.write(new ByteBuffer[]{ByteBuffer.wrap(entry.body())}, call::end);
    }

    private static List<String> values(HeaderValues values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    private static boolean isTrue(String value) {
        return value != null && value.strip().equalsIgnoreCase("true");
    }
}
