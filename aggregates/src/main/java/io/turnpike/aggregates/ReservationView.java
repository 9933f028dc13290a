package io.turnpike.aggregates;

import java.time.Instant;

/** An accepted reservation: settle or release it by {@code budgetId} and {@code reservationId} before {@code expiresAt}. */
public record ReservationView(String budgetId, String reservationId, String requestId, long amount,
                              Instant expiresAt, long remainingAfter) {
}
