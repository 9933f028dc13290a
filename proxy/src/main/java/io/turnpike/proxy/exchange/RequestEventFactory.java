package io.turnpike.proxy.exchange;

import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.proxy.pricing.Cost;
import io.turnpike.proxy.pricing.PriceSource;
import io.turnpike.proxy.wire.ErrorTypes;

import java.time.Instant;

/** Turns a finished {@link ProxyCall} into the {@link RequestCompleted} event, priced. */
public final class RequestEventFactory {
    public static final String ENDPOINT = "/v1/messages";
    public static final String COUNT_TOKENS_ENDPOINT = "/v1/messages/count_tokens";

    private final PriceSource prices;

    public RequestEventFactory(PriceSource prices) {
        this.prices = prices;
    }

    public PriceSource prices() {
        return prices;
    }

    public RequestCompleted completed(ProxyCall call, Instant completedAt, long completedNanos) {
        // Counting tokens consumes none and is free: its answer ({"input_tokens": n}) is not usage.
        boolean counting = COUNT_TOKENS_ENDPOINT.equals(call.endpoint());
        TokenUsage usage = counting ? TokenUsage.NONE : call.usage();
        String servedModel = call.servedModel();
        String pricedModel = servedModel != null ? servedModel : call.model();
        Cost cost = counting ? new Cost(0, prices.current().version()) : prices.current().cost(pricedModel, usage);
        // A cache hit called nobody: it is free, and records what the same usage would have cost as saved.
        boolean cacheHit = call.cacheHit();
        Long savedCost = cacheHit ? cost.nanoUsd() : null;
        int status = call.exchange().getStatusCode();
        String errorType = call.errorType();
        if (errorType == null && status >= 400) {
            errorType = ErrorTypes.API;
        }
        return new RequestCompleted(
                RequestCompleted.SCHEMA_VERSION,
                call.requestId(),
                call.traceId(),
                call.startedAt(),
                completedAt,
                call.key().keyId(),
                call.metadata().get("tenant"),
                call.metadata().get("team"),
                call.metadata().get("user"),
                call.metadata().get("env"),
                call.metadata(),
                call.configId(),
                call.provider() == null ? null : call.provider().id(),
                call.provider() == null ? null : call.provider().type(),
                call.requestedModel(),
                servedModel,
                call.endpoint(),
                call.stream(),
                status,
                errorType,
                usage,
                cacheHit ? 0L : cost.nanoUsd(),
                cost.priceVersion(),
                (completedNanos - call.startNanos()) / 1_000_000,
                call.stream() ? call.timeToFirstByteMillis() : null,
                call.exchange().getRequestHeaders().getFirst("x-claude-code-session-id"),
                call.exchange().getRequestHeaders().getFirst("user-agent"),
                call.configVersion(),
                call.targetPath() == null ? null : call.attempts(),
                call.targetPath(),
                call.cacheStatus() == null ? null : call.cacheStatus().name(),
                savedCost,
                call.errorMessage());
    }
}
