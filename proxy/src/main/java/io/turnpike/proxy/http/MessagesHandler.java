package io.turnpike.proxy.http;

import io.turnpike.events.request.RequestCompleted;
import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.RequestEventSink;
import io.turnpike.proxy.auth.KeyAuthenticator;
import io.turnpike.proxy.auth.ModelAllowLists;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.exchange.RequestBodyReader;
import io.turnpike.proxy.exchange.RequestEventFactory;
import io.turnpike.proxy.exchange.RequestIds;
import io.turnpike.proxy.guarding.Guardrails;
import io.turnpike.proxy.health.TargetHealth;
import io.turnpike.proxy.limits.BudgetEnforcer;
import io.turnpike.proxy.limits.RateLimiter;
import io.turnpike.proxy.providers.Providers;
import io.turnpike.proxy.routing.RouteResolver;
import io.turnpike.proxy.routing.RoutingPlan;
import io.turnpike.proxy.wire.MessagesRequest;
import io.turnpike.proxy.wire.ProxyError;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Random;

/**
 * The Messages pipeline shared by {@code POST /v1/messages} and {@code POST /v1/messages/count_tokens}:
 * authenticate, read metadata, read the body without blocking, check the model against the config's
 * allow-list, route, reserve budgets ({@link BudgetEnforcer}, asynchronously) and hand to the endpoint's
 * {@link MessagesDispatch}; when the exchange completes (sent,
 * failed or abandoned), publish one {@link RequestCompleted}. Everything runs on the IO thread; nothing here
 * blocks.
 */
public final class MessagesHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MessagesHandler.class);

    private final KeyAuthenticator authenticator;
    private final RequestBodyReader bodies;
    private final RouteResolver routes;
    private final ModelAllowLists allowLists;
    private final Providers providers;
    private final MessagesDispatch dispatch;
    private final RequestEventFactory events;
    private final RequestEventSink sink;
    private final Clock clock;
    private final RateLimiter rateLimits;
    private final BudgetEnforcer budgets;
    /** Null for endpoints that send nothing to a model (count_tokens). */
    private final Guardrails guardrails;

    /** Routes with an unseeded random and no circuit breakers. */
    MessagesHandler(GatewayDirectory directory, ModelAllowLists allowLists, Providers providers,
                    MessagesDispatch dispatch, RequestEventFactory events, RequestEventSink sink, Clock clock,
                    long maxRequestBodyBytes) {
        this(directory, allowLists, new RouteResolver(allowLists.configs(), new Random(), TargetHealth.ALWAYS_AVAILABLE),
                providers, dispatch, events, sink, clock, maxRequestBodyBytes);
    }

    /** Without rate limits. */
    public MessagesHandler(GatewayDirectory directory, ModelAllowLists allowLists, RouteResolver routes,
                           Providers providers, MessagesDispatch dispatch, RequestEventFactory events,
                           RequestEventSink sink, Clock clock, long maxRequestBodyBytes) {
        this(directory, allowLists, routes, providers, dispatch, events, sink, clock, maxRequestBodyBytes,
                RateLimiter.disabled());
    }

    MessagesHandler(GatewayDirectory directory, ModelAllowLists allowLists, RouteResolver routes, Providers providers,
                    MessagesDispatch dispatch, RequestEventFactory events, RequestEventSink sink, Clock clock,
                    long maxRequestBodyBytes, RateLimiter rateLimits) {
        this(directory, allowLists, routes, providers, dispatch, events, sink, clock, maxRequestBodyBytes, rateLimits,
                BudgetEnforcer.disabled(events.prices(), clock));
    }

    MessagesHandler(GatewayDirectory directory, ModelAllowLists allowLists, RouteResolver routes, Providers providers,
                    MessagesDispatch dispatch, RequestEventFactory events, RequestEventSink sink, Clock clock,
                    long maxRequestBodyBytes, RateLimiter rateLimits, BudgetEnforcer budgets) {
        this(directory, allowLists, routes, providers, dispatch, events, sink, clock, maxRequestBodyBytes, rateLimits,
                budgets, null);
    }

    public MessagesHandler(GatewayDirectory directory, ModelAllowLists allowLists, RouteResolver routes,
                           Providers providers, MessagesDispatch dispatch, RequestEventFactory events,
                           RequestEventSink sink, Clock clock, long maxRequestBodyBytes, RateLimiter rateLimits,
                           BudgetEnforcer budgets, Guardrails guardrails) {
        this.guardrails = guardrails;
        this.rateLimits = rateLimits;
        this.budgets = budgets;
        this.authenticator = new KeyAuthenticator(directory, sink, clock);
        this.bodies = new RequestBodyReader(maxRequestBodyBytes);
        this.routes = routes;
        this.allowLists = allowLists;
        this.providers = providers;
        this.dispatch = dispatch;
        this.events = events;
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        ProxyCall call = new ProxyCall(exchange, RequestIds.next(), clock.instant(), System.nanoTime(),
                dispatch.endpoint());
        exchange.addExchangeCompleteListener((ex, next) -> {
            try {
                call.markFinished();
                publish(call);
            } finally {
                next.proceed();
            }
        });
        try {
            authenticator.admit(call);
            rateLimits.admit(call); // before the body is read: a refused request costs no more work
            bodies.read(call, SameThreadExecutor.INSTANCE, body -> route(call, body));
        } catch (ProxyError error) {
            call.fail(error);
        }
    }

    private void route(ProxyCall call, byte[] body) {
        try {
            MessagesRequest request = MessagesRequest.parse(body);
            call.requested(request.model(), request.stream());
            RoutingPlan plan = routes.plan(call, request, providers);
            call.headingFor(plan.first().provider());
            // The key's own config decides which models it may use, whatever config routes the request.
            allowLists.forConfig(call.key().configId()).check(request.model());
            allowLists.forKey(call.key()).check(request.model());
            if (guardrails == null) {
                budgets.admit(call, request, plan.first(), () -> dispatch(call, request, plan));
            } else {
                guardrails.admit(call, request, plan.first().target(),
                        checked -> budgets.admit(call, checked, plan.first(), () -> dispatch(call, checked, plan)));
            }
        } catch (ProxyError error) {
            call.fail(error);
        } catch (RuntimeException unexpected) {
            LOG.error("request {} failed unexpectedly", call.requestId(), unexpected);
            call.fail(ProxyError.api("internal error in the gateway"));
        }
    }

    private void dispatch(ProxyCall call, MessagesRequest request, RoutingPlan plan) {
        try {
            dispatch.dispatch(call, request, plan);
        } catch (ProxyError error) {
            call.fail(error);
        } catch (RuntimeException unexpected) {
            LOG.error("request {} failed unexpectedly", call.requestId(), unexpected);
            call.fail(ProxyError.api("internal error in the gateway"));
        }
    }

    private void publish(ProxyCall call) {
        if (call.key() == null) {
            return; // unauthenticated traffic is nobody's spend
        }
        try {
            RequestCompleted completed = events.completed(call, clock.instant(), System.nanoTime());
            rateLimits.settle(call, completed.usage());
            budgets.complete(call, completed);
            sink.publish(completed);
        } catch (RuntimeException e) {
            LOG.error("could not publish the event for request {}", call.requestId(), e);
        }
    }
}
