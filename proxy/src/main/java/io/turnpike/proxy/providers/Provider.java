package io.turnpike.proxy.providers;

import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.wire.ErrorTypes;
import io.turnpike.proxy.wire.MessagesRequest;
import io.turnpike.proxy.wire.ProxyError;

import java.util.concurrent.CompletableFuture;

/**
 * One provider type ({@code mock}, {@code anthropic}, …). Makes <em>attempts</em>: starts one non-blocking upstream
 * exchange (or answers locally) and completes the returned future — on any thread — with the
 * {@link AttemptOutcome}, before anything reaches the client. The {@link io.turnpike.proxy.attempts.AttemptLoop}
 * decides whether to commit it or try again, so a provider never writes to the client itself outside
 * {@link AttemptOutcome#commit}.
 *
 * <p>Refusals known before anything was sent (missing credentials, an invalid model id) may be thrown as
 * {@link ProxyError} from the calling IO thread. Methods run on the call's IO thread and must not block; they may
 * read the client's request headers from {@code call.exchange()} but must not touch the response.
 */
public interface Provider {
    /** The {@code type} of provider accounts this implementation serves. */
    String type();

    /** One attempt at {@code POST /v1/messages}. */
    CompletableFuture<AttemptOutcome> attempt(ProxyCall call, MessagesRequest request, ProviderAccount account);

    /**
     * One attempt at {@code POST /v1/messages/count_tokens}, answering {@code {"input_tokens": n}}. Providers with a
     * native counting API override this; the default refuses with 501, and the route decides what to do instead.
     */
    default CompletableFuture<AttemptOutcome> countTokens(ProxyCall call, MessagesRequest request,
                                                          ProviderAccount account) {
        throw new ProxyError(501, ErrorTypes.API, "provider type \"" + type() + "\" cannot count tokens");
    }
}
