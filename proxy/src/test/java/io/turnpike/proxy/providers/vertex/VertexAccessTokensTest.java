package io.turnpike.proxy.providers.vertex;

import com.google.auth.oauth2.AccessToken;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/** The token cache with a hand-set clock, a scripted token endpoint and an executor that runs when told. */
class VertexAccessTokensTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
    private final ScriptedFetcher fetcher = new ScriptedFetcher();
    private final StepExecutor executor = new StepExecutor();
    private final VertexAccessTokens tokens = new VertexAccessTokens("vertex-1", fetcher, clock, executor);

    @Test
    void theFirstRequestWaitsForAFetchThatRunsOffTheCallersThread() {
        fetcher.next("token-1", Duration.ofHours(1));

        CompletableFuture<String> token = tokens.current();

        assertThat(token).isNotDone();
        assertThat(fetcher.calls).isZero();
        executor.runAll();
        assertThat(token).isCompletedWithValue("token-1");
    }

    @Test
    void concurrentRequestsShareOneFetch() {
        fetcher.next("token-1", Duration.ofHours(1));

        CompletableFuture<String> first = tokens.current();
        CompletableFuture<String> second = tokens.current();
        executor.runAll();

        assertThat(first).isCompletedWithValue("token-1");
        assertThat(second).isCompletedWithValue("token-1");
        assertThat(fetcher.calls).isEqualTo(1);
    }

    @Test
    void aCachedTokenIsHandedOutAtOnceWithoutFetching() {
        fetcher.next("token-1", Duration.ofHours(1));
        tokens.current();
        executor.runAll();

        clock.advance(Duration.ofMinutes(30));

        assertThat(tokens.current()).isCompletedWithValue("token-1");
        assertThat(executor.pending()).isZero();
        assertThat(fetcher.calls).isEqualTo(1);
    }

    @Test
    void nearExpiryTheCachedTokenStillServesWhileAFreshOneIsFetchedInTheBackground() {
        fetcher.next("token-1", Duration.ofHours(1));
        fetcher.next("token-2", Duration.ofHours(1));
        tokens.current();
        executor.runAll();

        clock.advance(Duration.ofMinutes(57)); // 3 minutes left: inside the refresh-ahead window

        assertThat(tokens.current()).isCompletedWithValue("token-1");
        assertThat(tokens.current()).isCompletedWithValue("token-1");
        assertThat(executor.pending()).isEqualTo(1);
        executor.runAll();
        assertThat(tokens.current()).isCompletedWithValue("token-2");
        assertThat(fetcher.calls).isEqualTo(2);
    }

    @Test
    void aTokenAboutToExpireIsNotUsedAndTheRequestWaitsForTheFreshOne() {
        fetcher.next("token-1", Duration.ofHours(1));
        fetcher.next("token-2", Duration.ofHours(1));
        tokens.current();
        executor.runAll();

        clock.advance(Duration.ofMinutes(59).plusSeconds(30));
        CompletableFuture<String> token = tokens.current();

        assertThat(token).isNotDone();
        executor.runAll();
        assertThat(token).isCompletedWithValue("token-2");
    }

    @Test
    void aFailedFetchFailsTheWaitingRequestsAndTheNextRequestTriesAgain() {
        fetcher.failNext(new IOException("400 invalid_grant"));
        fetcher.next("token-2", Duration.ofHours(1));

        CompletableFuture<String> failed = tokens.current();
        executor.runAll();
        assertThat(failed).isCompletedExceptionally();

        CompletableFuture<String> retried = tokens.current();
        executor.runAll();
        assertThat(retried).isCompletedWithValue("token-2");
        assertThat(fetcher.calls).isEqualTo(2);
    }

    @Test
    void aFailedBackgroundRefreshKeepsTheStillValidToken() {
        fetcher.next("token-1", Duration.ofHours(1));
        fetcher.failNext(new IOException("503"));
        tokens.current();
        executor.runAll();
        clock.advance(Duration.ofMinutes(57));

        assertThat(tokens.current()).isCompletedWithValue("token-1");
        executor.runAll();

        assertThat(tokens.current()).isCompletedWithValue("token-1");
    }

    @Test
    void aTokenVertexRejectedIsForgottenAndTheNextRequestFetchesAFreshOne() {
        fetcher.next("token-1", Duration.ofHours(1));
        fetcher.next("token-2", Duration.ofHours(1));
        tokens.current();
        executor.runAll();

        tokens.invalidate("token-1");
        CompletableFuture<String> token = tokens.current();
        executor.runAll();

        assertThat(token).isCompletedWithValue("token-2");
    }

    @Test
    void rejectingAnOlderTokenKeepsTheCurrentOne() {
        fetcher.next("token-1", Duration.ofHours(1));
        tokens.current();
        executor.runAll();

        tokens.invalidate("token-0");

        assertThat(tokens.current()).isCompletedWithValue("token-1");
    }

    @Test
    void aTokenWithoutExpiryIsTrustedForTheAssumedLifetime() {
        fetcher.nextWithoutExpiry("token-1");
        fetcher.next("token-2", Duration.ofHours(1));
        tokens.current();
        executor.runAll();

        clock.advance(VertexAccessTokens.ASSUMED_LIFETIME.minus(VertexAccessTokens.REFRESH_AHEAD).minusSeconds(1));
        assertThat(tokens.current()).isCompletedWithValue("token-1");
        assertThat(executor.pending()).isZero();

        clock.advance(VertexAccessTokens.REFRESH_AHEAD);
        CompletableFuture<String> token = tokens.current();
        executor.runAll();
        assertThat(token).isCompletedWithValue("token-2");
    }

    /** Token answers in order; each fetch expires relative to the clock at fetch time. */
    private final class ScriptedFetcher implements VertexAccessTokens.Fetcher {
        private final Queue<Object> answers = new ArrayDeque<>();
        int calls;

        void next(String token, Duration lifetime) {
            answers.add(new Object[]{token, lifetime});
        }

        void nextWithoutExpiry(String token) {
            answers.add(new Object[]{token, null});
        }

        void failNext(IOException failure) {
            answers.add(failure);
        }

        @Override
        public AccessToken fetch() throws IOException {
            calls++;
            Object answer = answers.remove();
            if (answer instanceof IOException failure) {
                throw failure;
            }
            Object[] token = (Object[]) answer;
            Duration lifetime = (Duration) token[1];
            return new AccessToken((String) token[0],
                    lifetime == null ? null : Date.from(clock.instant().plus(lifetime)));
        }
    }

    private static final class StepExecutor implements Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        int pending() {
            return tasks.size();
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.remove().run();
            }
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
