package io.turnpike.proxy;

import io.turnpike.proxy.attempts.UpstreamAttempts;
import io.turnpike.proxy.auth.ModelAllowLists;
import io.turnpike.proxy.cache.ResponseCache;
import io.turnpike.proxy.cache.store.ResponseCacheStore;
import io.turnpike.proxy.exchange.RequestEventFactory;
import io.turnpike.proxy.guarding.Guardrails;
import io.turnpike.proxy.health.CircuitBreakers;
import io.turnpike.proxy.health.TargetHealth;
import io.turnpike.proxy.http.CountTokensDispatch;
import io.turnpike.proxy.http.MessagesDispatch;
import io.turnpike.proxy.http.MessagesHandler;
import io.turnpike.proxy.http.ModelsHandler;
import io.turnpike.proxy.http.ProxyRoutes;
import io.turnpike.proxy.limits.BudgetEnforcer;
import io.turnpike.proxy.limits.RateLimiter;
import io.turnpike.proxy.limits.counters.RateLimitCounters;
import io.turnpike.proxy.models.ModelCatalogue;
import io.turnpike.proxy.pricing.PriceSource;
import io.turnpike.proxy.pricing.PriceTable;
import io.turnpike.proxy.providers.Providers;
import io.turnpike.proxy.providers.anthropic.AnthropicProvider;
import io.turnpike.proxy.providers.bedrock.BedrockProvider;
import io.turnpike.proxy.providers.mock.MockProvider;
import io.turnpike.proxy.providers.vertex.VertexCredentials;
import io.turnpike.proxy.providers.vertex.VertexProvider;
import io.turnpike.proxy.retry.RetryRule;
import io.turnpike.proxy.routing.RouteResolver;
import io.turnpike.proxy.telemetry.OtlpHandler;
import io.undertow.Undertow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The data path: an Undertow server answering {@code POST /v1/messages} and {@code GET /health}. Closing it
 * stops accepting requests; the event sink belongs to the caller and is not closed here.
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final Undertow undertow;
    private final ExecutorService upstreamExecutor;
    private final int port;

    private ProxyServer(Undertow undertow, ExecutorService upstreamExecutor) {
        this.undertow = undertow;
        this.upstreamExecutor = upstreamExecutor;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Starts with the price table shipped on the classpath and the system clock. */
    public static ProxyServer start(ProxySettings settings, GatewayDirectory directory, RequestEventSink sink) {
        return start(settings, directory, sink, PriceTable.loadDefault(), Clock.systemUTC());
    }

    public static ProxyServer start(ProxySettings settings, GatewayDirectory directory, RequestEventSink sink,
                                    PriceTable prices, Clock clock) {
        Objects.requireNonNull(prices, "prices");
        return start(settings, directory, sink, PriceSource.fixed(prices), clock);
    }

    /** Starts with a price source that may change at run time (published price tables). */
    public static ProxyServer start(ProxySettings settings, GatewayDirectory directory, RequestEventSink sink,
                                    PriceSource prices, Clock clock) {
        return start(settings, directory, sink, prices, clock, new Random());
    }

    /**
     * @param routingRandom what {@code loadbalance} strategies draw from; a seeded one makes the choices
     *                      reproducible (tests). Shared by all IO threads: {@link Random} is thread-safe.
     */
    public static ProxyServer start(ProxySettings settings, GatewayDirectory directory, RequestEventSink sink,
                                    PriceSource prices, Clock clock, RandomGenerator routingRandom) {
        return start(settings, directory, sink, prices, clock, routingRandom, BudgetGate.NONE);
    }

    /**
     * @param budgets where {@code POST /v1/messages} reserves its worst-case cost before calling upstream and
     *                settles it afterwards ({@link BudgetGate#NONE}: no budgets)
     */
    public static ProxyServer start(ProxySettings settings, GatewayDirectory directory, RequestEventSink sink,
                                    PriceSource prices, Clock clock, RandomGenerator routingRandom,
                                    BudgetGate budgets) {
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(routingRandom, "routingRandom");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(clock, "clock");
        ExecutorService upstreamExecutor = Executors.newCachedThreadPool(daemonThreads("turnpike-upstream-"));
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.upstreamConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // Callbacks run on the client's selector thread instead of hopping to a pool first: every callback we
                // attach either hops to the exchange's IO thread at once or does a little non-blocking work (frame
                // decoding), and one hop fewer per callback took ~30 % off the proxy's own latency in the bench.
                // Blocking work (credential chains, token fetches, signing) runs on upstreamExecutor explicitly.
                .executor(Runnable::run)
                .build();
        Providers providers = new Providers(new MockProvider(),
                new AnthropicProvider(client, settings.upstreamReadTimeout()),
                new BedrockProvider(client, settings.upstreamReadTimeout(), upstreamExecutor),
                new VertexProvider(client, settings.upstreamReadTimeout(),
                        VertexCredentials.google(clock, upstreamExecutor)));
        RequestEventFactory events = new RequestEventFactory(prices);
        ModelAllowLists allowLists = new ModelAllowLists(directory, ModelCatalogue.loadDefault());
        long maxBody = settings.maxRequestBodyBytes();
        TargetHealth health = CircuitBreakers.publishingTo(settings.circuitBreaker(), sink, clock);
        RouteResolver router = new RouteResolver(allowLists.configs(), routingRandom, health);
        UpstreamAttempts attempts = new UpstreamAttempts(sink, RetryRule.of(settings.retryTiming(), new Random()),
                clock, health);
        // count_tokens is free and called often by Claude Code: only Messages calls are rate limited.
        RateLimiter rateLimits = new RateLimiter(directory::rateLimitPolicies,
                new RateLimitCounters(clock, RateLimitCounters.DEFAULT_MAX_COUNTERS), clock, sink);
        ProxyRoutes routes = new ProxyRoutes(
                new MessagesHandler(directory, allowLists, router, providers, MessagesDispatch.forward(attempts,
                        new ResponseCache(new ResponseCacheStore(settings.responseCacheLimits(), clock))), events, sink,
                        clock, maxBody, rateLimits, new BudgetEnforcer(budgets, prices, sink, clock, settings),
                        new Guardrails(directory, sink, clock, upstreamExecutor)),
                new MessagesHandler(directory, allowLists, router, providers, new CountTokensDispatch(attempts), events,
                        sink, clock, maxBody),
                new ModelsHandler(directory, allowLists, clock),
                signal -> new OtlpHandler(signal, directory, sink, clock, maxBody));
        Undertow.Builder builder = Undertow.builder()
                .addHttpListener(settings.port(), settings.host())
                .setHandler(routes);
        if (settings.ioThreads() > 0) {
            builder.setIoThreads(settings.ioThreads());
        }
        Undertow undertow = builder.build();
        undertow.start();
        ProxyServer server = new ProxyServer(undertow, upstreamExecutor);
        LOG.info("proxy listening on {}:{} (price table {})", settings.host(), server.port(), prices.current().version());
        return server;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        undertow.stop();
        upstreamExecutor.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
