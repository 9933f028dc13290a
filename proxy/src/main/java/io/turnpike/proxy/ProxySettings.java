package io.turnpike.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * @param port                  0 picks a free port ({@link ProxyServer#port()} tells which)
 * @param maxRequestBodyBytes   larger bodies get 413 {@code request_too_large}
 * @param upstreamConnectTimeout connecting to a provider
 * @param upstreamReadTimeout   waiting for response headers, and the longest silence between body chunks
 * @param ioThreads             Undertow IO threads; 0 = one per core
 * @param retryTiming           backoff between retries and the total retry time ({@link RetryTiming#defaults()})
 * @param responseCacheLimits   memory of the response cache ({@link ResponseCacheLimits#defaults()}: 256 MiB)
 * @param circuitBreaker        when a provider target counts as unhealthy ({@link CircuitBreakerSettings#defaults()}:
 *                              5 consecutive failures, 30 s cool-down)
 * @param budgetRefusalStatus   the status of a request refused by a budget: {@value #DEFAULT_BUDGET_REFUSAL_STATUS}
 *                              (the convention Portkey users know) or 402 (Anthropic's own {@code billing_error})
 */
public record ProxySettings(String host, int port, long maxRequestBodyBytes, Duration upstreamConnectTimeout,
                            Duration upstreamReadTimeout, int ioThreads, RetryTiming retryTiming,
                            ResponseCacheLimits responseCacheLimits, CircuitBreakerSettings circuitBreaker,
                            int budgetRefusalStatus) {

    public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_BUDGET_REFUSAL_STATUS = 412;

    public ProxySettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(upstreamConnectTimeout, "upstreamConnectTimeout");
        Objects.requireNonNull(upstreamReadTimeout, "upstreamReadTimeout");
        Objects.requireNonNull(retryTiming, "retryTiming");
        Objects.requireNonNull(responseCacheLimits, "responseCacheLimits");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxRequestBodyBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBodyBytes must be positive");
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must not be negative");
        }
        if (budgetRefusalStatus != 412 && budgetRefusalStatus != 402) {
            throw new IllegalArgumentException("budgetRefusalStatus must be 412 or 402: " + budgetRefusalStatus);
        }
    }

    /** Budget refusals answered with {@value #DEFAULT_BUDGET_REFUSAL_STATUS}. */
    public ProxySettings(String host, int port, long maxRequestBodyBytes, Duration upstreamConnectTimeout,
                         Duration upstreamReadTimeout, int ioThreads, RetryTiming retryTiming,
                         ResponseCacheLimits responseCacheLimits, CircuitBreakerSettings circuitBreaker) {
        this(host, port, maxRequestBodyBytes, upstreamConnectTimeout, upstreamReadTimeout, ioThreads, retryTiming,
                responseCacheLimits, circuitBreaker, DEFAULT_BUDGET_REFUSAL_STATUS);
    }

    /** With the default {@link CircuitBreakerSettings}. */
    public ProxySettings(String host, int port, long maxRequestBodyBytes, Duration upstreamConnectTimeout,
                         Duration upstreamReadTimeout, int ioThreads, RetryTiming retryTiming,
                         ResponseCacheLimits responseCacheLimits) {
        this(host, port, maxRequestBodyBytes, upstreamConnectTimeout, upstreamReadTimeout, ioThreads, retryTiming,
                responseCacheLimits, CircuitBreakerSettings.defaults());
    }

    /** With the default {@link ResponseCacheLimits}. */
    public ProxySettings(String host, int port, long maxRequestBodyBytes, Duration upstreamConnectTimeout,
                         Duration upstreamReadTimeout, int ioThreads, RetryTiming retryTiming) {
        this(host, port, maxRequestBodyBytes, upstreamConnectTimeout, upstreamReadTimeout, ioThreads, retryTiming,
                ResponseCacheLimits.defaults());
    }

    /** With the default {@link RetryTiming}. */
    public ProxySettings(String host, int port, long maxRequestBodyBytes, Duration upstreamConnectTimeout,
                         Duration upstreamReadTimeout, int ioThreads) {
        this(host, port, maxRequestBodyBytes, upstreamConnectTimeout, upstreamReadTimeout, ioThreads,
                RetryTiming.defaults());
    }

    /** 127.0.0.1:8080, 32 MiB bodies, 10 s connect, 10 min read (long non-streaming completions are normal). */
    public static ProxySettings defaults() {
        return new ProxySettings("127.0.0.1", 8080, DEFAULT_MAX_REQUEST_BODY_BYTES, Duration.ofSeconds(10),
                Duration.ofMinutes(10), 0);
    }

    public ProxySettings withHost(String newHost) {
        return new ProxySettings(newHost, port, maxRequestBodyBytes, upstreamConnectTimeout, upstreamReadTimeout,
                ioThreads, retryTiming, responseCacheLimits, circuitBreaker,
                budgetRefusalStatus);
    }

    public ProxySettings withPort(int newPort) {
        return new ProxySettings(host, newPort, maxRequestBodyBytes, upstreamConnectTimeout, upstreamReadTimeout,
                ioThreads, retryTiming, responseCacheLimits, circuitBreaker,
                budgetRefusalStatus);
    }

    public ProxySettings withMaxRequestBodyBytes(long bytes) {
        return new ProxySettings(host, port, bytes, upstreamConnectTimeout, upstreamReadTimeout, ioThreads,
                retryTiming, responseCacheLimits, circuitBreaker,
                budgetRefusalStatus);
    }

    public ProxySettings withUpstreamTimeouts(Duration connect, Duration read) {
        return new ProxySettings(host, port, maxRequestBodyBytes, connect, read, ioThreads, retryTiming,
                responseCacheLimits, circuitBreaker,
                budgetRefusalStatus);
    }

    public ProxySettings withRetryTiming(RetryTiming timing) {
        return new ProxySettings(host, port, maxRequestBodyBytes, upstreamConnectTimeout, upstreamReadTimeout,
                ioThreads, timing, responseCacheLimits, circuitBreaker,
                budgetRefusalStatus);
    }

    public ProxySettings withResponseCacheLimits(ResponseCacheLimits limits) {
        return new ProxySettings(host, port, maxRequestBodyBytes, upstreamConnectTimeout, upstreamReadTimeout,
                ioThreads, retryTiming, limits, circuitBreaker,
                budgetRefusalStatus);
    }

    public ProxySettings withCircuitBreaker(CircuitBreakerSettings breaker) {
        return new ProxySettings(host, port, maxRequestBodyBytes, upstreamConnectTimeout, upstreamReadTimeout,
                ioThreads, retryTiming, responseCacheLimits, breaker,
                budgetRefusalStatus);
    }

    /** 412 (default) or 402 for requests a budget refuses. */
    public ProxySettings withBudgetRefusalStatus(int status) {
        return new ProxySettings(host, port, maxRequestBodyBytes, upstreamConnectTimeout, upstreamReadTimeout,
                ioThreads, retryTiming, responseCacheLimits, circuitBreaker, status);
    }
}
