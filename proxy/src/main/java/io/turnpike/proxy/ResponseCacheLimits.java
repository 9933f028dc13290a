package io.turnpike.proxy;

/**
 * How much memory the response cache may hold: {@code maxBytes} over all entries (least recently used entries are
 * evicted beyond it), {@code maxEntryBytes} for one response body (a larger response is relayed but not stored).
 */
public record ResponseCacheLimits(long maxBytes, long maxEntryBytes) {
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    public static final long DEFAULT_MAX_ENTRY_BYTES = 4L * 1024 * 1024;

    public ResponseCacheLimits {
        if (maxBytes < 0 || maxEntryBytes < 0) {
            throw new IllegalArgumentException("response cache limits must not be negative");
        }
        if (maxEntryBytes > maxBytes) {
            throw new IllegalArgumentException("maxEntryBytes must not exceed maxBytes");
        }
    }

    /** 256 MiB in all, 4 MiB per response. */
    public static ResponseCacheLimits defaults() {
        return new ResponseCacheLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_ENTRY_BYTES);
    }
}
