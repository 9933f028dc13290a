package io.turnpike.proxy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Where the proxy reserves a Messages request's worst-case cost before calling upstream, and settles or releases
 * it afterwards. The launcher adapts the {@code Budget} aggregates to this port (the proxy never depends on
 * {@code aggregates}).
 *
 * <p>{@link #applies} is called on an IO thread for every request and must answer from memory. The other methods
 * must not block their caller: they complete their futures from the implementation's own threads (the proxy hops
 * back to the exchange's IO thread). Amounts are nano-USD (USD × 10⁹) for {@link BudgetReservation#USD} budgets and
 * tokens for {@link BudgetReservation#TOKENS} budgets.
 */
public interface BudgetGate {

    /** No budgets: every request is admitted without a call to the gate. */
    BudgetGate NONE = new BudgetGate() {
        @Override
        public boolean applies(String keyId, Map<String, String> effectiveMetadata) {
            return false;
        }

        @Override
        public CompletableFuture<BudgetHold> reserve(ReserveRequest request) {
            return CompletableFuture.completedFuture(BudgetHold.reserved(request.requestId(), List.of()));
        }

        @Override
        public CompletableFuture<Void> settle(BudgetHold hold, long actualNanoUsd, long actualTokens) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> release(BudgetHold hold) {
            return CompletableFuture.completedFuture(null);
        }
    };

    /** Whether any budget applies to a request of this key with this effective metadata; from memory. */
    boolean applies(String keyId, Map<String, String> effectiveMetadata);

    /**
     * Reserves against every applicable budget: USD budgets the nano-USD amount, token budgets the token amount.
     * If one refuses, the reservations already taken are released and the hold completes {@link BudgetHold#refused}
     * naming that budget; it completes exceptionally only when the budgets could not be asked at all.
     */
    CompletableFuture<BudgetHold> reserve(ReserveRequest request);

    /** Charges each reservation of the hold its unit's actual amount and frees the rest. */
    CompletableFuture<Void> settle(BudgetHold hold, long actualNanoUsd, long actualTokens);

    /** Frees every reservation of the hold without charging. */
    CompletableFuture<Void> release(BudgetHold hold);

    /**
     * @param effectiveMetadata the metadata after the key's enforced fields (what budgets are scoped by)
     * @param worstCaseNanoUsd  empty when the model has no price: USD budgets then reserve nothing for it
     * @param expiresAt         when an unsettled reservation is freed by the aggregate (a crashed proxy)
     */
    record ReserveRequest(String requestId, String keyId, Map<String, String> effectiveMetadata,
                          OptionalLong worstCaseNanoUsd, long worstCaseTokens, Instant expiresAt) {
        public ReserveRequest {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(worstCaseNanoUsd, "worstCaseNanoUsd");
            Objects.requireNonNull(expiresAt, "expiresAt");
            effectiveMetadata = effectiveMetadata == null ? Map.of() : Map.copyOf(effectiveMetadata);
        }

        /** The amount to reserve on a budget of this unit; empty when there is none (an unpriced model). */
        public OptionalLong amountIn(String unit) {
            return BudgetReservation.USD.equals(unit) ? worstCaseNanoUsd : OptionalLong.of(worstCaseTokens);
        }
    }
}
