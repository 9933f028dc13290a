package io.turnpike.proxy.providers.vertex;

import com.google.auth.oauth2.AccessToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The Google access token of one set of credentials, cached. Fetching a token blocks (an HTTPS call to Google's
 * token endpoint, or the metadata server), so it never runs on the caller's thread: fetches run on
 * {@code fetchExecutor}, at most one at a time, and callers get a future. A token with less than
 * {@link #REFRESH_AHEAD} left is still handed out while a fresh one is fetched in the background; one with less
 * than {@link #MIN_REMAINING} left is not used at all (it could expire mid-request), so callers wait for the fetch.
 */
final class VertexAccessTokens {
    static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    static final Duration MIN_REMAINING = Duration.ofSeconds(60);
    /** Tokens that come without an expiry (not Google's habit) are trusted this long. */
    static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(VertexAccessTokens.class);

    /** The blocking part: one round trip to the token endpoint. */
    @FunctionalInterface
    interface Fetcher {
        AccessToken fetch() throws IOException;
    }

    private final String accountId;
    private final Fetcher fetcher;
    private final Clock clock;
    private final Executor fetchExecutor;

    private String token;
    private Instant expiresAt = Instant.MIN;
    private CompletableFuture<String> inFlight;

    VertexAccessTokens(String accountId, Fetcher fetcher, Clock clock, Executor fetchExecutor) {
        this.accountId = accountId;
        this.fetcher = fetcher;
        this.clock = clock;
        this.fetchExecutor = fetchExecutor;
    }

    /** A usable token: at once when one is cached, else when the fetch under way completes. Never blocks. */
    synchronized CompletableFuture<String> current() {
        Instant now = clock.instant();
        if (token != null && now.plus(MIN_REMAINING).isBefore(expiresAt)) {
            if (!now.plus(REFRESH_AHEAD).isBefore(expiresAt)) {
                refresh(); // early, in the background: the cached token still serves this request
            }
            return CompletableFuture.completedFuture(token);
        }
        return refresh();
    }

    /**
     * Vertex refused {@code rejected} (revoked, or expired early): forget it, so the next request fetches a fresh
     * one instead of failing until the cached expiry.
     */
    synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
            expiresAt = Instant.MIN;
        }
    }

    private CompletableFuture<String> refresh() {
        if (inFlight == null) {
            // Callers wait on `settled`, completed only after the bookkeeping: a caller that sees a fetch fail and
            // asks again at once must start a new fetch, not get the failed one back.
            CompletableFuture<String> settled = new CompletableFuture<>();
            inFlight = settled;
            CompletableFuture.supplyAsync(this::fetchNow, fetchExecutor).whenComplete((value, failure) -> {
                finished(settled, failure);
                if (failure != null) {
                    settled.completeExceptionally(failure);
                } else {
                    settled.complete(value);
                }
            });
        }
        return inFlight;
    }

    private String fetchNow() {
        AccessToken fetched;
        try {
            fetched = fetcher.fetch();
        } catch (IOException | RuntimeException e) {
            throw new CompletionException(e);
        }
        if (fetched == null || fetched.getTokenValue() == null || fetched.getTokenValue().isBlank()) {
            throw new CompletionException(new IOException("the token endpoint returned no access token"));
        }
        Instant expiry = fetched.getExpirationTime() == null
                ? clock.instant().plus(ASSUMED_LIFETIME)
                : fetched.getExpirationTime().toInstant();
        synchronized (this) {
            token = fetched.getTokenValue();
            expiresAt = expiry;
        }
        return fetched.getTokenValue();
    }

    private synchronized void finished(CompletableFuture<String> fetch, Throwable failure) {
        if (inFlight == fetch) {
            inFlight = null;
        }
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            // The library's messages name the endpoint and Google's answer, never the key or the token.
            LOG.warn("could not obtain a Google access token for provider {}: {}: {}", accountId,
                    cause.getClass().getSimpleName(), cause.getMessage());
        }
    }
}
