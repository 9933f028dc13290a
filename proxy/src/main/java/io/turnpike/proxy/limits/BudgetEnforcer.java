package io.turnpike.proxy.limits;

import io.turnpike.events.policy.PolicyDecision;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.proxy.BudgetGate;
import io.turnpike.proxy.BudgetHold;
import io.turnpike.proxy.BudgetRefusal;
import io.turnpike.proxy.BudgetReservation;
import io.turnpike.proxy.ProxySettings;
import io.turnpike.proxy.RequestEventSink;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.pricing.PriceSource;
import io.turnpike.proxy.routing.Route;
import io.turnpike.proxy.usage.TokenEstimator;
import io.turnpike.proxy.wire.MessagesRequest;
import io.turnpike.proxy.wire.ProxyError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Budgets on the data path of {@code POST /v1/messages}. {@link #admit} runs after routing: when any budget applies,
 * the request's {@link WorstCaseCost} is reserved through the {@link BudgetGate} (asynchronously; the IO thread
 * never waits) and the request is dispatched only once every budget holds it; a refusal is answered with
 * {@code billing_error} (412, or 402 by setting). {@link #complete} runs where the request's event is built: it
 * settles the actual cost and tokens, or releases the hold when nothing was spent. Each step is a
 * {@link PolicyDecision} of type {@code budget}, one per budget.
 */
public final class BudgetEnforcer {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetEnforcer.class);
    /** Added to the longest a request can run (read timeout + retries), so no live request loses its hold. */
    static final Duration DEADLINE_MARGIN = Duration.ofMinutes(1);

    private final BudgetGate gate;
    private final PriceSource prices;
    private final RequestEventSink sink;
    private final Clock clock;
    private final Duration holdFor;
    private final int refusalStatus;

    public BudgetEnforcer(BudgetGate gate, PriceSource prices, RequestEventSink sink, Clock clock,
                          ProxySettings settings) {
        this.gate = gate;
        this.prices = prices;
        this.sink = sink;
        this.clock = clock;
        this.holdFor = settings.upstreamReadTimeout().plus(settings.retryTiming().maxTotal()).plus(DEADLINE_MARGIN);
        this.refusalStatus = settings.budgetRefusalStatus();
    }

    /** Enforces nothing (count_tokens is free). */
    public static BudgetEnforcer disabled(PriceSource prices, Clock clock) {
        return new BudgetEnforcer(BudgetGate.NONE, prices, event -> { }, clock, ProxySettings.defaults());
    }

    /**
     * Runs {@code dispatch} on the call's IO thread once the budgets hold the request's worst case; right away when
     * no budget applies. The worst case prices what the first target is sent (its overrides may change the model
     * and {@code max_tokens}); a fallback to a dearer model is not foreseen, but its settle charges it in full.
     */
    public void admit(ProxyCall call, MessagesRequest request, Route first, Runnable dispatch) {
        if (!gate.applies(call.key().keyId(), call.metadata())) {
            dispatch.run();
            return;
        }
        MessagesRequest forwarded = request.withOverrides(first.overrideParams());
        long maxTokens = forwarded.maxTokens() == null ? 0 : forwarded.maxTokens();
        WorstCaseCost worst = WorstCaseCost.of(TokenEstimator.estimate(forwarded.body()), maxTokens,
                forwarded.model(), prices.current());
        BudgetGate.ReserveRequest reservation = new BudgetGate.ReserveRequest(call.requestId(), call.key().keyId(),
                call.metadata(), worst.nanoUsd().map(OptionalLong::of).orElse(OptionalLong.empty()),
                worst.tokens(), clock.instant().plus(holdFor));
        CompletableFuture<BudgetHold> pending;
        try {
            pending = gate.reserve(reservation);
        } catch (RuntimeException e) {
            pending = CompletableFuture.failedFuture(e);
        }
        pending.whenComplete((hold, failure) -> call.onIoThread(() -> {
            try {
                reserved(call, hold, failure, dispatch);
            } catch (RuntimeException unexpected) {
                LOG.error("request {}: budget decision failed unexpectedly", call.requestId(), unexpected);
                call.fail(ProxyError.api("internal error in the gateway"));
            }
        }));
    }

    private void reserved(ProxyCall call, BudgetHold hold, Throwable failure, Runnable dispatch) {
        if (failure != null) {
            LOG.error("request {}: budgets could not be reserved: {}", call.requestId(), failure.toString());
            call.fail(ProxyError.api("the gateway could not check the budgets for this request; try again"));
            return;
        }
        for (BudgetReservation reservation : hold.reservations()) {
            publish(call, reservation.budgetId(), "reserve", "worst-case cost held", reserveDetails(reservation));
        }
        if (hold.isRefused()) {
            for (BudgetReservation rolledBack : hold.reservations()) {
                publish(call, rolledBack.budgetId(), "release", "another budget refused the request",
                        amountDetails(rolledBack));
            }
            BudgetRefusal refusal = hold.refusal();
            String message = describe(refusal);
            publish(call, refusal.budgetId(), "refuse", message, refusalDetails(refusal));
            call.fail(ProxyError.billing(refusalStatus, message));
            return;
        }
        if (call.isFinished()) {
            release(call, hold, "the client left before the request was sent");
            return;
        }
        call.holding(hold);
        dispatch.run();
    }

    /**
     * The call is over and {@code completed} says what it cost: settle that (a cache hit settles 0), or release the
     * hold when nothing was spent (refused or failed before any upstream answer, client gone first).
     */
    public void complete(ProxyCall call, RequestCompleted completed) {
        BudgetHold hold = call.takeBudgetHold();
        if (hold == null || hold.reservations().isEmpty()) {
            return;
        }
        boolean cacheHit = call.cacheHit();
        long tokens = cacheHit ? 0 : RateLimiter.tokens(completed.usage());
        long nanoUsd = completed.costNanoUsd();
        if (!cacheHit && tokens == 0 && nanoUsd == 0) {
            release(call, hold, "nothing was spent");
            return;
        }
        CompletableFuture<Void> settled;
        try {
            settled = gate.settle(hold, nanoUsd, tokens);
        } catch (RuntimeException e) {
            settled = CompletableFuture.failedFuture(e);
        }
        settled.whenComplete((done, failure) -> {
            if (failure != null) {
                // The reservations stay open until their deadline; the request's event still records the spend.
                LOG.error("request {}: budgets could not be settled: {}", call.requestId(), failure.toString());
                return;
            }
            for (BudgetReservation reservation : hold.reservations()) {
                Map<String, String> details = amountDetails(reservation);
                details.put("actual", Long.toString(reservation.actualIn(nanoUsd, tokens)));
                publish(call, reservation.budgetId(), "settle", cacheHit ? "answered from the cache" : "actual cost",
                        details);
            }
        });
    }

    private void release(ProxyCall call, BudgetHold hold, String reason) {
        CompletableFuture<Void> released;
        try {
            released = gate.release(hold);
        } catch (RuntimeException e) {
            released = CompletableFuture.failedFuture(e);
        }
        released.whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.error("request {}: budget reservations could not be released: {}", call.requestId(),
                        failure.toString());
                return;
            }
            for (BudgetReservation reservation : hold.reservations()) {
                publish(call, reservation.budgetId(), "release", reason, amountDetails(reservation));
            }
        });
    }

    /** E.g. {@code budget "eng" is exhausted: this request may cost up to $0.0132 and $0.004 of $10 is left}. */
    static String describe(BudgetRefusal refusal) {
        String name = refusal.budgetName() == null || refusal.budgetName().equals(refusal.budgetId())
                ? "\"" + refusal.budgetId() + "\""
                : "\"" + refusal.budgetName() + "\" (" + refusal.budgetId() + ")";
        if (BudgetReservation.USD.equals(refusal.unit())) {
            return "budget " + name + " is exhausted: this request may cost up to " + usd(refusal.requested())
                    + " and " + usd(refusal.available()) + " of " + usd(refusal.limit()) + " is left";
        }
        return "budget " + name + " is exhausted: this request may use up to " + refusal.requested()
                + " tokens and " + refusal.available() + " of " + refusal.limit() + " tokens are left";
    }

    private static String usd(long nanoUsd) {
        BigDecimal dollars = BigDecimal.valueOf(nanoUsd, 9).stripTrailingZeros();
        return "$" + (dollars.scale() < 2 ? dollars.setScale(2, RoundingMode.UNNECESSARY) : dollars).toPlainString();
    }

    private static Map<String, String> reserveDetails(BudgetReservation reservation) {
        Map<String, String> details = amountDetails(reservation);
        details.put("remaining", Long.toString(reservation.remainingAfter()));
        details.put("reservation_id", reservation.reservationId());
        return details;
    }

    private static Map<String, String> amountDetails(BudgetReservation reservation) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("unit", reservation.unit());
        details.put("amount", Long.toString(reservation.amount()));
        return details;
    }

    private static Map<String, String> refusalDetails(BudgetRefusal refusal) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("unit", refusal.unit());
        details.put("requested", Long.toString(refusal.requested()));
        details.put("available", Long.toString(refusal.available()));
        details.put("limit", Long.toString(refusal.limit()));
        return details;
    }

    private void publish(ProxyCall call, String budgetId, String decision, String reason, Map<String, String> details) {
        Map<String, String> metadata = call.metadata();
        sink.publish(new PolicyDecision(PolicyDecision.SCHEMA_VERSION, clock.instant(), call.requestId(),
                call.traceId(), call.key().keyId(), metadata.get("tenant"), metadata.get("team"), metadata.get("user"),
                metadata.get("env"), PolicyDecision.BUDGET, budgetId, decision, reason, details));
    }
}
