package io.turnpike.proxy.providers;

import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.wire.ProxyError;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An attempt that produced no relayable answer, already in the Anthropic error it becomes when committed: a
 * connection failure or timeout (always retryable), an upstream error answer the provider translated (retryable by
 * status; {@code upstreamHeaders} keeps its {@code retry-after}), or a refusal before anything was sent (never).
 */
public record AttemptFailure(ProxyError error, Retryability retryability, String errorClass,
        HttpHeaders upstreamHeaders)
        implements AttemptOutcome {

    /** The {@code errorClass} of an attempt the proxy gave up on after the target's {@code request_timeout}. */
    public static final String REQUEST_TIMEOUT = "request_timeout";

    /** Gateway-side refusal (credentials, configuration): no upstream was involved. */
    public static AttemptFailure notSent(ProxyError error) {
        return new AttemptFailure(error, Retryability.NEVER, null, null);
    }

    /** The upstream answered with an error the provider translated into {@code error}. */
    public static AttemptFailure upstreamError(ProxyError error, HttpHeaders upstreamHeaders) {
        return new AttemptFailure(error, Retryability.BY_STATUS, null, upstreamHeaders);
    }

    /** No answer: connection refused or reset, or no response in time. */
    public static AttemptFailure noAnswer(ProxyError error, String errorClass) {
        return new AttemptFailure(error, Retryability.ALWAYS, errorClass, null);
    }

    /**
     * Classifies an exception from sending: an I/O failure or timeout (the upstream may answer next time) versus
     * anything else, which happened on our side. {@code translated} is the provider's wording of it.
     */
    public static AttemptFailure of(Throwable failure, ProxyError translated) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HttpTimeoutException || cause instanceof IOException) {
            return noAnswer(translated, cause.getClass().getSimpleName());
        }
        return notSent(translated);
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public int status() {
        return error.status();
    }

    @Override
    public String errorType() {
        return error.type();
    }

    @Override
    public String upstreamHeader(String name) {
        String value = upstreamHeaders == null ? null : upstreamHeaders.firstValue(name).orElse(null);
        if (value == null && "retry-after".equals(name) && error.retryAfterSeconds() != null) {
            return Long.toString(error.retryAfterSeconds());
        }
        return value;
    }

    @Override
    public void commit(ProxyCall call) {
        call.fail(error);
    }

    @Override
    public void discard() {
    }
}
