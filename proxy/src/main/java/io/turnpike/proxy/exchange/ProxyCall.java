package io.turnpike.proxy.exchange;

import io.turnpike.events.config.Target;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.proxy.BudgetHold;
import io.turnpike.proxy.KeyGrant;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.cache.store.ResponseCacheCapture;
import io.turnpike.proxy.cache.store.ResponseCacheStatus;
import io.turnpike.proxy.limits.counters.RateLimitCounterKey;
import io.turnpike.proxy.usage.SseUsageTap;
import io.turnpike.proxy.usage.UsageTap;
import io.turnpike.proxy.wire.ErrorEnvelope;
import io.turnpike.proxy.wire.ErrorTypes;
import io.turnpike.proxy.wire.ProxyError;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import org.xnio.IoUtils;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request on its way through the proxy: what is known about it so far (for the event) and the one way to
 * answer the client. Confined to the exchange's IO thread: code on other threads hops there first
 * ({@link #onIoThread}), so no field needs synchronisation.
 */
public final class ProxyCall {
    public static final HttpString REQUEST_ID = new HttpString("request-id");
    static final HttpString RETRY_AFTER = new HttpString("retry-after");

    public final HttpServerExchange exchange;
    public final String requestId;
    final Instant startedAt;
    final long startNanos;

    public KeyGrant key;
    public Map<String, String> metadata = Map.of();
    public String traceId;
    public String configId;
    public ProviderAccount provider;
    public String requestedModel;
    public String forwardedModel;
    public boolean stream;
    /** The API path this call answers, recorded on its event. */
    public String endpoint = RequestEventFactory.ENDPOINT;
    /** The version of the routing config that chose the target; null before routing. */
    public Integer configVersion;
    /** JSON path of the target whose attempt was committed (or is being tried), e.g. {@code config.targets[0]}. */
    public String targetPath;
    /** Upstream attempts made so far, retries included. */
    public int attempts;
    /** Retries of the target that answered. */
    public int retryCount;
    /** What the response cache did; null where it does not apply (count_tokens, refusals before routing). */
    public ResponseCacheStatus cacheStatus;
    /** The rate-limit counters this call was counted in; its tokens are added to them when it completes. */
    public List<RateLimitCounterKey> rateLimitCounters = List.of();
    /** What the budgets hold for this call until it completes; null when no budget applies (or once settled). */
    public BudgetHold budgetHold;
    /** The config target whose attempt is committed (or being tried); null before routing. */
    public Target target;
    /** The status a served 200 goes out with after a warn guardrail: 200, or 246 where the tenant opted in. */
    public int warnStatus = 200;

    private String errorType;
    /** The gateway's own reason when it refused or failed the call; upstream error bodies never land here. */
    private String errorMessage;
    private UsageTap tap;
    private boolean sse;
    private boolean responseStarted;
    private boolean tapFinished;
    /** Set once the end of the response has been decided; nothing is written after it. */
    private boolean finished;
    private Long firstByteNanos;
    private final List<Runnable> abortHooks = new ArrayList<>(1);
    /** The response cache's copy of what is sent, on a miss; null otherwise. */
    private ResponseCacheCapture cacheCapture;
    /** Chooses the output filter when the response starts; null when no output guardrails can apply. */
    private ResponseFilter.Factory outputFilters;
    /** Between the upstream body and the client; null when the body passes untouched. */
    private ResponseFilter filter;
    /** Output tokens estimated for a response an output guardrail cut short (the upstream never said). */
    private long cutOutputTokens;

    public ProxyCall(HttpServerExchange exchange, String requestId, Instant startedAt, long startNanos) {
        this.exchange = exchange;
        this.requestId = requestId;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        exchange.getResponseHeaders().put(REQUEST_ID, requestId);
    }

    public void onIoThread(Runnable task) {
        exchange.getIoThread().execute(task);
    }

    /** Runs if the call ends early (client gone): used to cancel the upstream. */
    public void onAbort(Runnable hook) {
        abortHooks.add(hook);
    }

    /** Tees the response into the cache: stored if it ends complete ({@link #end()}) with a 200. */
    public void captureResponse(ResponseCacheCapture capture) {
        this.cacheCapture = capture;
    }

    public boolean isFinished() {
        return finished;
    }

    public boolean isResponseStarted() {
        return responseStarted;
    }

    /** Output guardrails: {@code filters} picks the filter of the response once it starts. */
    public void filterOutput(ResponseFilter.Factory filters) {
        this.outputFilters = filters;
    }

    /**
     * Commits status and headers (sent with the first bytes); the content type decides how the usage tap parses
     * the body, and output guardrails may put a {@link ResponseFilter} between the body and the client.
     */
    public void startResponse(int status, String contentType) {
        responseStarted = true;
        GatewayHeaders.write(this);
        exchange.setStatusCode(status == 200 && warnStatus == 246 ? 246 : status);
        if (contentType != null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        }
        tap = UsageTap.forContentType(contentType);
        sse = tap instanceof SseUsageTap;
        if (outputFilters != null) {
            try {
                filter = outputFilters.open(this, status, contentType);
            } catch (ProxyError refused) {
                failBeforeFirstByte(refused);
            }
        }
    }

    /**
     * Sends bytes (already owned by us) — through the output filter, if any — and runs {@code onWritten} on the
     * IO thread once they are written. The usage tap reads what the upstream sent, filtered or not: that is what
     * was paid for.
     */
    public void write(ByteBuffer[] buffers, Runnable onWritten) {
        if (finished) {
            return;
        }
        if (!tapFinished) {
            for (ByteBuffer buffer : buffers) {
                tap.accept(buffer);
            }
        }
        if (filter != null) {
            filter.accept(buffers, out -> send(out, onWritten));
        } else {
            send(buffers, onWritten);
        }
    }

    /** Whether any byte of the response went to the client (until then status and headers may still change). */
    public boolean anythingSent() {
        return firstByteNanos != null;
    }

    private void send(ByteBuffer[] buffers, Runnable onWritten) {
        if (finished) {
            return;
        }
        boolean empty = true;
        for (ByteBuffer buffer : buffers) {
            empty &= !buffer.hasRemaining();
        }
        if (empty) {
            onWritten.run();
            return;
        }
        if (firstByteNanos == null) {
            firstByteNanos = System.nanoTime();
        }
        if (cacheCapture != null) {
            cacheCapture.accept(buffers);
        }
        exchange.getResponseSender().send(buffers, new IoCallback() {
            @Override
            public void onComplete(HttpServerExchange ex, Sender sender) {
                onWritten.run();
            }

            @Override
            public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                clientGone();
            }
        });
    }

    /** The response is complete (an output filter may still add to it, or refuse it). */
    public void end() {
        if (finished) {
            return;
        }
        if (filter != null) {
            ResponseFilter last = filter;
            filter = null;
            last.finish(out -> send(out, this::endNow));
            return;
        }
        endNow();
    }

    private void endNow() {
        if (finished) {
            return;
        }
        finished = true;
        finishTap();
        storeInCache();
        exchange.endExchange();
    }

    /** Only a whole 200 the upstream did not mark as an error (an SSE error frame) is worth replaying. */
    private void storeInCache() {
        ResponseCacheCapture capture = cacheCapture;
        cacheCapture = null;
        if (capture != null && exchange.getStatusCode() == 200 && errorType() == null) {
            capture.complete(exchange.getResponseHeaders().getFirst(Headers.CONTENT_TYPE));
        }
    }

    /** Answers a locally produced response in one write. */
    public void reply(ProviderReply reply) {
        startResponse(reply.status(), reply.contentType());
        write(new ByteBuffer[]{ByteBuffer.wrap(reply.body())}, this::end);
    }

    /**
     * Something went wrong. Before the response started: the Anthropic error envelope. In a started stream: an
     * SSE {@code error} frame, then the end — never a silently truncated stream. In a started JSON body: the
     * connection is cut, so the client sees a broken response rather than a short one.
     */
    public void fail(ProxyError error) {
        if (finished) {
            return;
        }
        filter = null; // nothing more of the upstream's goes out
        errorType = error.type();
        errorMessage = error.getMessage();
        if (!responseStarted) {
            responseStarted = true;
            GatewayHeaders.write(this);
            exchange.setStatusCode(error.status());
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            if (error.retryAfterSeconds() != null) {
                exchange.getResponseHeaders().put(RETRY_AFTER, error.retryAfterSeconds());
            }
            if (error.status() == 413) {
                // The rest of the body was never read; the connection cannot be reused.
                exchange.setPersistent(false);
                exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
            }
            finished = true;
            exchange.getResponseSender().send(ErrorEnvelope.body(error.type(), error.getMessage(), requestId,
                            error.guardrailResults()),
                    StandardCharsets.UTF_8);
        } else if (sse) {
            byte[] frame = ErrorEnvelope.sseFrame(error.type(), error.getMessage(), error.guardrailResults())
                    .getBytes(StandardCharsets.UTF_8);
            write(new ByteBuffer[]{ByteBuffer.wrap(frame)}, this::end);
        } else {
            finished = true;
            finishTap();
            runAbortHooks();
            IoUtils.safeClose(exchange.getConnection());
            exchange.endExchange();
        }
    }

    /**
     * Fails with the error envelope and status although the response started, as long as nothing was sent (a
     * held response refused by output guardrails); otherwise as {@link #fail}.
     */
    public void failBeforeFirstByte(ProxyError error) {
        if (!anythingSent()) {
            responseStarted = false;
            exchange.getResponseHeaders().remove(Headers.CONTENT_TYPE);
        }
        fail(error);
    }

    /** The output an output guardrail cut short, estimated in tokens: counted if the upstream reported fewer. */
    public void recordCutOutput(long estimatedTokens) {
        cutOutputTokens = Math.max(cutOutputTokens, estimatedTokens);
    }

    /** The client went away: stop the upstream and end without writing. */
    void clientGone() {
        if (finished) {
            return;
        }
        errorType = ErrorTypes.CLIENT_DISCONNECTED;
        finished = true;
        finishTap();
        runAbortHooks();
        try {
            exchange.endExchange();
        } finally {
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    /** Called by the completion listener: from here on, nothing more is written. */
    public void markFinished() {
        if (!finished && errorType == null) {
            // The exchange ended without us deciding so: Undertow saw the connection close under it.
            errorType = ErrorTypes.CLIENT_DISCONNECTED;
        }
        finishTap();
        finished = true;
        runAbortHooks();
    }

    private void finishTap() {
        if (tap != null && !tapFinished) {
            tapFinished = true;
            tap.finish();
        }
    }

    private void runAbortHooks() {
        List<Runnable> hooks = List.copyOf(abortHooks);
        abortHooks.clear();
        hooks.forEach(Runnable::run);
    }

    TokenUsage usage() {
        TokenUsage seen = tap == null ? TokenUsage.NONE : tap.usage();
        if (seen.outputTokens() >= cutOutputTokens) {
            return seen;
        }
        return new TokenUsage(seen.inputTokens(), cutOutputTokens, seen.cacheReadInputTokens(),
                seen.cacheCreationInputTokens(), seen.cacheCreation1hTokens(), seen.webSearchRequests());
    }

    String servedModel() {
        return tap == null ? null : tap.servedModel();
    }

    /** The proxy's own verdict first (timeout, disconnect, refusal), else what the upstream reported. */
    String errorMessage() {
        return errorMessage;
    }

    String errorType() {
        if (errorType != null) {
            return errorType;
        }
        return tap == null ? null : tap.errorType();
    }

    Long timeToFirstByteMillis() {
        return firstByteNanos == null ? null : (firstByteNanos - startNanos) / 1_000_000;
    }
}
