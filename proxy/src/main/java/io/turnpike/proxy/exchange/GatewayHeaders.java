package io.turnpike.proxy.exchange;

import io.turnpike.proxy.cache.store.ResponseCacheStatus;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

import java.util.Locale;

/**
 * The routing headers on every response, written when the response commits: {@code x-turnpike-trace-id},
 * {@code x-turnpike-provider} (the provider id), {@code x-turnpike-retry-attempt-count} and
 * {@code x-turnpike-last-used-option-index} (the JSON path of the target that answered),
 * {@code x-turnpike-cache-status} ({@link ResponseCacheStatus}), each once known. A
 * client that sent any {@code x-portkey-*} header speaks Portkey: it gets the {@code x-portkey-*} names as well.
 */
final class GatewayHeaders {
    static final String TRACE_ID = "trace-id";
    static final String PROVIDER = "provider";
    static final String RETRY_ATTEMPT_COUNT = "retry-attempt-count";
    static final String LAST_USED_OPTION_INDEX = "last-used-option-index";
    static final String CACHE_STATUS = "cache-status";

    private static final String TURNPIKE = "x-turnpike-";
    private static final String PORTKEY = "x-portkey-";

    private GatewayHeaders() {
    }

    static void write(ProxyCall call) {
        boolean portkey = speaksPortkey(call.exchange().getRequestHeaders());
        HeaderMap response = call.exchange().getResponseHeaders();
        put(response, portkey, TRACE_ID, call.traceId());
        put(response, portkey, PROVIDER, call.provider() == null ? null : call.provider().id());
        if (call.targetPath() != null) {
            put(response, portkey, RETRY_ATTEMPT_COUNT, Integer.toString(call.retryCount()));
            put(response, portkey, LAST_USED_OPTION_INDEX, call.targetPath());
        }
        put(response, portkey, CACHE_STATUS, call.cacheStatus() == null ? null : call.cacheStatus().name());
    }

    private static boolean speaksPortkey(HeaderMap request) {
        for (HttpString name : request.getHeaderNames()) {
            if (name.toString().toLowerCase(Locale.ROOT).startsWith(PORTKEY)) {
                return true;
            }
        }
        return false;
    }

    private static void put(HeaderMap response, boolean portkey, String name, String value) {
        if (value == null) {
            return;
        }
        response.put(new HttpString(TURNPIKE + name), value);
        if (portkey) {
            response.put(new HttpString(PORTKEY + name), value);
        }
    }
}
