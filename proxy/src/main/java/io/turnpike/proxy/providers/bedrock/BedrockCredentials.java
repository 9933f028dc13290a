package io.turnpike.proxy.providers.bedrock;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The AWS credentials one Bedrock account signs with. Static keys are answered at once. The default chain
 * (environment, profile files, web identity, container and instance metadata) may do blocking I/O, so it is
 * resolved on the upstream executor — never on an IO thread — and the result is cached: until shortly before it
 * expires, or for {@link #REUSE_UNEXPIRING} when it has no expiry (so rotated environment or profile keys are
 * picked up). Concurrent callers share one resolution.
 */
final class BedrockCredentials {
    /** Refresh this long before an expiry, so a request never signs with credentials about to lapse. */
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    static final Duration REUSE_UNEXPIRING = Duration.ofMinutes(5);

    private final Supplier<AwsCredentialsIdentity> resolver;
    private final Executor executor;
    private final Clock clock;

    private CompletableFuture<Resolved> current;

    /** Resolved credentials and the instant after which they are resolved again. */
    private record Resolved(AwsCredentialsIdentity identity, Instant refreshAfter) {
    }

    private BedrockCredentials(Supplier<AwsCredentialsIdentity> resolver, Executor executor, Clock clock) {
        this.resolver = resolver;
        this.executor = executor;
        this.clock = clock;
    }

    static BedrockCredentials fixed(BedrockAccount account) {
        AwsCredentialsIdentity identity = account.sessionToken() == null
                ? AwsCredentialsIdentity.create(account.accessKeyId(), account.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(account.accessKeyId(), account.secretAccessKey(),
                account.sessionToken());
        BedrockCredentials credentials = new BedrockCredentials(() -> identity, Runnable::run, Clock.systemUTC());
        credentials.current = CompletableFuture.completedFuture(new Resolved(identity, Instant.MAX));
        return credentials;
    }

    static BedrockCredentials defaultChain(Executor executor) {
        return resolving(DefaultChain.PROVIDER, executor, Clock.systemUTC());
    }

    /** Resolves through {@code provider} off the caller's thread; visible for tests. */
    static BedrockCredentials resolving(AwsCredentialsProvider provider, Executor executor, Clock clock) {
        return new BedrockCredentials(provider::resolveCredentials, executor, clock);
    }

    /** Credentials to sign with now; completes on the executor when a resolution was needed. */
    synchronized CompletableFuture<AwsCredentialsIdentity> get() {
        CompletableFuture<Resolved> cached = current;
        boolean usable = cached != null && !cached.isCompletedExceptionally()
                && (!cached.isDone() || clock.instant().isBefore(cached.join().refreshAfter()));
        if (!usable) {
            cached = CompletableFuture.supplyAsync(() -> {
                AwsCredentialsIdentity identity = resolver.get();
                Instant refreshAfter = identity.expirationTime()
                        .map(expiry -> expiry.minus(REFRESH_BEFORE_EXPIRY))
                        .orElse(clock.instant().plus(REUSE_UNEXPIRING));
                return new Resolved(identity, refreshAfter);
            }, executor);
            current = cached;
        }
        return cached.thenApply(Resolved::identity);
    }

    /** One default chain per process: it caches and refreshes what it finds, and owns background resources. */
    private static final class DefaultChain {
        static final AwsCredentialsProvider PROVIDER = DefaultCredentialsProvider.builder().build();
    }
}
