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
 *
 * <p>Its state is its own: every step reads through accessors, and each fact is written by the one step that learns
 * it, through a method that says what happened ({@link #authenticated}, {@link #routedBy}, {@link #targeting},
 * {@link #countedIn}, {@link #holding}, {@link #cacheMissed}, {@link #warnedWith} …), never by assignment.
 */
public final class ProxyCall {
    public static final HttpString REQUEST_ID = new HttpString("request-id");
    static final HttpString RETRY_AFTER = new HttpString("retry-after");

    private final HttpServerExchange exchange;
    private final String requestId;
    private final Instant startedAt;
    private final long startNanos;
    /** The API path this call answers, recorded on its event. */
    private final String endpoint;

    private String traceId;
    /** The admitted key; null until then (an unauthenticated call emits no event). */
    private KeyGrant key;
    /** The effective metadata: the header's fields under what the key binds and the tenant's standard. */
    private Map<String, String> metadata = Map.of();
    /** The routing config this call goes by: the key's, or the one it chose per request. */
    private String configId;
    private String requestedModel;
    private boolean stream;
    /** The model the current target is asked for, after its {@code override_params}; null before dispatch. */
    private String forwardedModel;
    /** The version of the routing config that chose the target; null before a target is taken. */
    private Integer configVersion;
    /** The config target whose attempt is committed (or being tried); null before a target is taken. */
    private Target target;
    /** The provider of the current target; the plan's first one from routing on. */
    private ProviderAccount provider;
    /** Upstream attempts made so far, retries included. */
    private int attempts;
    /** Retries of the target that answered. */
    private int retryCount;
    /** What the response cache did; null where it does not apply (count_tokens, refusals before routing). */
    private ResponseCacheStatus cacheStatus;
    /** The rate-limit counters this call was counted in; its tokens are added to them when it completes. */
    private List<RateLimitCounterKey> rateLimitCounters = List.of();
    /** What the budgets hold for this call until it completes; null when no budget applies (or once taken). */
    private BudgetHold budgetHold;
    /** The status a served 200 goes out with after a warn guardrail: 200, or 246 where the tenant opted in. */
    private int warnStatus = 200;

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

    /** A call that answers {@code POST /v1/messages}, or emits no event at all. */
    public ProxyCall(HttpServerExchange exchange, String requestId, Instant startedAt, long startNanos) {
        this(exchange, requestId, startedAt, startNanos, RequestEventFactory.ENDPOINT);
    }

    /** @param endpoint the API path this call answers, recorded on its event */
    public ProxyCall(HttpServerExchange exchange, String requestId, Instant startedAt, long startNanos,
                     String endpoint) {
        this.exchange = exchange;
        this.requestId = requestId;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.endpoint = endpoint;
        exchange.getResponseHeaders().put(REQUEST_ID, requestId);
    }

    // What happened to the call, each said by the one step that knows it.

    /** The trace id the client sent, or one made up for it: set by authentication before the key is judged. */
    public void tracedAs(String traceId) {
        this.traceId = traceId;
    }

    /** The key let the call in; its config routes the call unless the call chooses another. */
    public void authenticated(KeyGrant key) {
        this.key = key;
        this.configId = key.configId();
    }

    /** The effective metadata, once it met the tenant's standard. */
    public void attributedTo(Map<String, String> metadata) {
        this.metadata = metadata;
    }

    /** What the client asked for, as its body says. */
    public void requested(String model, boolean stream) {
        this.requestedModel = model;
        this.stream = stream;
    }

    /** The routing config that routes this call: the key's, or the one it named or sent inline. */
    public void routedBy(String configId) {
        this.configId = configId;
    }

    /** The provider of the plan's first target: known once routed, before any attempt. */
    public void headingFor(ProviderAccount provider) {
        this.provider = provider;
    }

    /**
     * The call now goes to {@code target} of version {@code configVersion} of its config, at {@code provider} —
     * tried, or answered for from the cache. The routing headers and the event name it until another takes over.
     */
    public void targeting(int configVersion, Target target, ProviderAccount provider) {
        this.configVersion = configVersion;
        this.target = target;
        this.provider = provider;
    }

    /** The current target is asked for {@code model} (the client's, or its {@code override_params}' one). */
    public void forwarding(String model) {
        this.forwardedModel = model;
    }

    /** One more upstream attempt went out. */
    public void attemptMade() {
        attempts++;
    }

    /** The outcome committed to the client came from the current target after {@code retries} retries of it. */
    public void answeredAfterRetries(int retries) {
        this.retryCount = retries;
    }

    /** The rate limits let the call in, counting it in {@code counters}. */
    public void countedIn(List<RateLimitCounterKey> counters) {
        this.rateLimitCounters = List.copyOf(counters);
    }

    /** The budgets hold the call's worst case until it completes. */
    public void holding(BudgetHold hold) {
        this.budgetHold = hold;
    }

    /** The budget hold, handed over once to be settled or released: null after, or when nothing was held. */
    public BudgetHold takeBudgetHold() {
        BudgetHold hold = budgetHold;
        budgetHold = null;
        return hold;
    }

    /** The chosen target has no response cache. */
    public void cacheDisabled() {
        this.cacheStatus = ResponseCacheStatus.DISABLED;
    }

    /** The response cache answers the call: no attempt is made. */
    public void answeredFromCache() {
        this.cacheStatus = ResponseCacheStatus.HIT;
    }

    /**
     * The response cache did not answer (or was told to refresh): the response is teed into {@code capture} and
     * stored if it ends complete ({@link #end()}) with a 200.
     */
    public void cacheMissed(boolean forcedRefresh, ResponseCacheCapture capture) {
        this.cacheStatus = forcedRefresh ? ResponseCacheStatus.REFRESH : ResponseCacheStatus.MISS;
        this.cacheCapture = capture;
    }

    /** A warn guardrail fired: a served 200 goes out with {@code status} (200, or 246 where the tenant opted in). */
    public void warnedWith(int status) {
        this.warnStatus = status;
    }

    // What is known about the call.

    public HttpServerExchange exchange() {
        return exchange;
    }

    public String requestId() {
        return requestId;
    }

    Instant startedAt() {
        return startedAt;
    }

    long startNanos() {
        return startNanos;
    }

    String endpoint() {
        return endpoint;
    }

    /** Null before authentication found the key. */
    public String traceId() {
        return traceId;
    }

    /** Null until the call was admitted. */
    public KeyGrant key() {
        return key;
    }

    /** Empty until admitted. */
    public Map<String, String> metadata() {
        return metadata;
    }

    public String configId() {
        return configId;
    }

    String requestedModel() {
        return requestedModel;
    }

    boolean stream() {
        return stream;
    }

    /** The model the upstream is asked for: the forwarded one once known, else the one the client requested. */
    public String model() {
        return forwardedModel != null ? forwardedModel : requestedModel;
    }

    /** Null before a target is taken. */
    public Integer configVersion() {
        return configVersion;
    }

    /** Null before a target is taken. */
    public Target target() {
        return target;
    }

    /** JSON path of the current target, e.g. {@code config.targets[0]}; null before a target is taken. */
    public String targetPath() {
        return target == null ? null : target.path();
    }

    /** Null before routing. */
    public ProviderAccount provider() {
        return provider;
    }

    public int attempts() {
        return attempts;
    }

    int retryCount() {
        return retryCount;
    }

    ResponseCacheStatus cacheStatus() {
        return cacheStatus;
    }

    /** Whether the response cache answered: no model processed anything. */
    public boolean cacheHit() {
        return cacheStatus == ResponseCacheStatus.HIT;
    }

    public List<RateLimitCounterKey> rateLimitCounters() {
        return rateLimitCounters;
    }

    public int warnStatus() {
        return warnStatus;
    }

    public void onIoThread(Runnable task) {
        exchange.getIoThread().execute(task);
    }

    /** Runs if the call ends early (client gone): used to cancel the upstream. */
    public void onAbort(Runnable hook) {
        abortHooks.add(hook);
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
        if (filter != null && !anythingSent()) {
            // An output filter held everything back: status and headers can still say what happened.
            responseStarted = false;
            exchange.getResponseHeaders().remove(Headers.CONTENT_TYPE);
        }
        abandonFilter(); // nothing more of the upstream's goes out
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
        abandonFilter();
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
        abandonFilter();
        finishTap();
        finished = true;
        runAbortHooks();
    }

    private void abandonFilter() {
        ResponseFilter abandoned = filter;
        filter = null;
        if (abandoned != null) {
            abandoned.abandon();
        }
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
