package io.turnpike.proxy.providers;

import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.wire.ErrorTypes;

/**
 * What one upstream attempt produced, before anything of it reached the client: a response whose status and
 * headers are known but whose body has not been relayed yet ({@link UpstreamResponse}, {@link LocalAnswer}), or a
 * failure already translated into the Anthropic error it would become ({@link AttemptFailure}). The
 * {@link io.turnpike.proxy.attempts.AttemptLoop} looks at it and either {@link #commit commits} it to the client or
 * {@link #discard discards} it to try again. Exactly one of the two is called, on the call's IO thread.
 */
public interface AttemptOutcome {

    /** Whether a retry may replace this outcome (a fallback also moves on from any failure with no answer). */
    enum Retryability {
        /** Refused before anything was sent (missing credentials, bad model id): trying again cannot help. */
        NEVER,
        /** An answer: retried only if its status is in the target's {@code on_status_codes}. */
        BY_STATUS,
        /** No answer at all (connection refused or reset, timeout): always worth another try. */
        ALWAYS
    }

    /** The HTTP status the client gets if this outcome is committed. */
    int status();

    Retryability retryability();

    /** The Anthropic error type of this outcome, null for a success. */
    default String errorType() {
        return status() / 100 == 2 ? null : ErrorTypes.forStatus(status());
    }

    /** What failed below HTTP ({@code ConnectException}, {@code request_timeout} …), null for an answer. */
    default String errorClass() {
        return null;
    }

    /** A header of the upstream answer ({@code retry-after}, {@code retry-after-ms}), null when absent. */
    String upstreamHeader(String name);

    /** Sends this outcome to the client: status and headers now, the body as it arrives. */
    void commit(ProxyCall call);

    /** Releases what the upstream still holds (an unread body); the client never sees this outcome. */
    void discard();
}
