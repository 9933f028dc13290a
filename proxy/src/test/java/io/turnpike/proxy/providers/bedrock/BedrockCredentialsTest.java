package io.turnpike.proxy.providers.bedrock;

import io.turnpike.proxy.ProviderAccount;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BedrockCredentialsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    /** Runs tasks only when told, so a test can see that nothing ran on the caller's thread. */
    private static final class ManualExecutor implements Executor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        void runAll() {
            List<Runnable> tasks = List.copyOf(queued);
            queued.clear();
            tasks.forEach(Runnable::run);
        }
    }

    /** A provider whose answers are scripted; counts its calls. */
    private static final class ScriptedProvider implements AwsCredentialsProvider {
        final List<AwsCredentials> answers = new ArrayList<>();
        int calls;
        boolean fail;

        @Override
        public AwsCredentials resolveCredentials() {
            calls++;
            if (fail) {
                throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
            }
            return answers.get(Math.min(calls, answers.size()) - 1);
        }
    }

    private static final class MutableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void staticKeysAreAnsweredAtOnceWithTheSessionToken() {
        BedrockCredentials credentials = BedrockCredentials.fixed(BedrockAccount.of(new ProviderAccount("b",
                "bedrock", Map.of("region", "us-east-1", "aws_access_key_id", "AKIA1"),
                "{\"aws_secret_access_key\":\"s\",\"aws_session_token\":\"t\"}")));

        CompletableFuture<AwsCredentialsIdentity> identity = credentials.get();

        assertThat(identity).isDone();
        assertThat(identity.join()).isInstanceOfSatisfying(AwsSessionCredentialsIdentity.class, session -> {
            assertThat(session.accessKeyId()).isEqualTo("AKIA1");
            assertThat(session.sessionToken()).isEqualTo("t");
        });
    }

    @Test
    void theChainIsResolvedOnTheExecutorNeverOnTheCallersThread() {
        ManualExecutor executor = new ManualExecutor();
        ScriptedProvider provider = new ScriptedProvider();
        provider.answers.add(AwsBasicCredentials.create("AKIA2", "s2"));
        BedrockCredentials credentials = BedrockCredentials.resolving(provider, executor, new MutableClock());

        CompletableFuture<AwsCredentialsIdentity> identity = credentials.get();

        assertThat(provider.calls).isZero();
        assertThat(identity).isNotDone();
        executor.runAll();
        assertThat(identity.join().accessKeyId()).isEqualTo("AKIA2");
    }

    @Test
    void concurrentCallersShareOneResolutionAndLaterCallersTheCachedResult() {
        ManualExecutor executor = new ManualExecutor();
        ScriptedProvider provider = new ScriptedProvider();
        provider.answers.add(AwsBasicCredentials.create("AKIA3", "s3"));
        BedrockCredentials credentials = BedrockCredentials.resolving(provider, executor, new MutableClock());

        CompletableFuture<AwsCredentialsIdentity> first = credentials.get();
        CompletableFuture<AwsCredentialsIdentity> second = credentials.get();
        executor.runAll();
        CompletableFuture<AwsCredentialsIdentity> third = credentials.get();

        assertThat(provider.calls).isEqualTo(1);
        assertThat(executor.queued).isEmpty();
        assertThat(first.join()).isSameAs(second.join()).isSameAs(third.join());
    }

    @Test
    void expiringCredentialsAreResolvedAgainBeforeTheyExpire() {
        ManualExecutor executor = new ManualExecutor();
        MutableClock clock = new MutableClock();
        ScriptedProvider provider = new ScriptedProvider();
        provider.answers.add(AwsSessionCredentials.builder().accessKeyId("OLD").secretAccessKey("s")
                .sessionToken("t1").expirationTime(NOW.plus(Duration.ofMinutes(30))).build());
        provider.answers.add(AwsSessionCredentials.builder().accessKeyId("NEW").secretAccessKey("s")
                .sessionToken("t2").expirationTime(NOW.plus(Duration.ofMinutes(90))).build());
        BedrockCredentials credentials = BedrockCredentials.resolving(provider, executor, clock);
        credentials.get();
        executor.runAll();

        clock.now = NOW.plus(Duration.ofMinutes(24));
        assertThat(credentials.get().join().accessKeyId()).isEqualTo("OLD");

        clock.now = NOW.plus(Duration.ofMinutes(26));
        CompletableFuture<AwsCredentialsIdentity> refreshed = credentials.get();
        executor.runAll();
        assertThat(refreshed.join().accessKeyId()).isEqualTo("NEW");
        assertThat(provider.calls).isEqualTo(2);
    }

    @Test
    void aFailedResolutionIsNotCached() {
        ManualExecutor executor = new ManualExecutor();
        ScriptedProvider provider = new ScriptedProvider();
        provider.answers.add(AwsBasicCredentials.create("AKIA4", "s4"));
        provider.fail = true;
        BedrockCredentials credentials = BedrockCredentials.resolving(provider, executor, new MutableClock());

        CompletableFuture<AwsCredentialsIdentity> failed = credentials.get();
        executor.runAll();
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(SdkClientException.class);

        provider.fail = false;
        CompletableFuture<AwsCredentialsIdentity> retried = credentials.get();
        executor.runAll();
        assertThat(retried.join().accessKeyId()).isEqualTo("AKIA4");
    }
}
