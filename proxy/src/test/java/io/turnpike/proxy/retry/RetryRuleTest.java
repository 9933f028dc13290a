package io.turnpike.proxy.retry;

import io.turnpike.proxy.RetryTiming;
import io.turnpike.proxy.exchange.ProviderReply;
import io.turnpike.proxy.providers.AttemptFailure;
import io.turnpike.proxy.providers.AttemptOutcome;
import io.turnpike.proxy.providers.LocalAnswer;
import io.turnpike.proxy.providers.UpstreamResponse;
import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Time is passed in ({@code firstStart}, {@code now}): a fake clock, no sleeping. */
class RetryRuleTest {
    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final RetryTiming TIMING = new RetryTiming(Duration.ofMillis(200), Duration.ofSeconds(10),
            Duration.ofSeconds(60));
    private static final AttemptPolicy THREE_RETRIES = new AttemptPolicy(3, AttemptPolicy.DEFAULT_RETRY_ON_STATUS,
            false, null);
    private static final AttemptPolicy HONOURS_RETRY_AFTER = new AttemptPolicy(3,
            AttemptPolicy.DEFAULT_RETRY_ON_STATUS, true, null);

    private final RetryRule rule = RetryRule.of(TIMING, new Random(42));

    @Test
    void aRetryableStatusIsRetriedAfterAJitteredBackoff() {
        for (int retriesDone = 0; retriesDone < 3; retriesDone++) {
            assertThat(rule.nextDelay(THREE_RETRIES, answer(503), retriesDone, START, START)).hasValueSatisfying(
                    delay -> assertThat(delay).isBetween(Duration.ZERO, Duration.ofMillis(200L << 3)));
        }
    }

    @Test
    void successAndStatusesOutsideTheListAreCommitted() {
        assertThat(rule.nextDelay(THREE_RETRIES, answer(200), 0, START, START)).isEmpty();
        assertThat(rule.nextDelay(THREE_RETRIES, answer(400), 0, START, START)).isEmpty();
        assertThat(rule.nextDelay(THREE_RETRIES, answer(529), 0, START, START)).as("not in the default list").isEmpty();
        AttemptPolicy only529 = new AttemptPolicy(1, Set.of(529), false, null);
        assertThat(rule.nextDelay(only529, answer(529), 0, START, START)).isPresent();
        assertThat(rule.nextDelay(only529, answer(429), 0, START, START)).isEmpty();
    }

    @Test
    void noRetriesWithoutARetryBlockOrOnceTheyAreUsedUp() {
        assertThat(rule.nextDelay(AttemptPolicy.NONE, answer(429), 0, START, START)).isEmpty();
        assertThat(rule.nextDelay(THREE_RETRIES, answer(429), 3, START, START)).isEmpty();
    }

    @Test
    void noAnswerAtAllIsRetriedWhateverTheStatusList() {
        AttemptPolicy only429 = new AttemptPolicy(1, Set.of(429), false, null);
        AttemptFailure reset = AttemptFailure.noAnswer(ProxyError.api("connection reset"), "IOException");

        assertThat(rule.nextDelay(only429, reset, 0, START, START)).isPresent();
    }

    @Test
    void aRefusalBeforeSendingIsNeverRetried() {
        AttemptFailure refused = AttemptFailure.notSent(ProxyError.api("no API key configured"));

        assertThat(rule.nextDelay(THREE_RETRIES, refused, 0, START, START)).isEmpty();
    }

    @Test
    void retryAfterIsHonouredOnlyWhenTheTargetAsks() {
        AttemptOutcome limited = answer(429, "retry-after", "3");

        assertThat(rule.nextDelay(HONOURS_RETRY_AFTER, limited, 0, START, START)).hasValue(Duration.ofSeconds(3));
        assertThat(rule.nextDelay(THREE_RETRIES, limited, 0, START, START)).hasValueSatisfying(
                delay -> assertThat(delay).isLessThanOrEqualTo(Duration.ofMillis(200)));
    }

    @Test
    void retryAfterMsIsPreferredAndATranslatedErrorKeepsItsHint() {
        assertThat(rule.nextDelay(HONOURS_RETRY_AFTER, answer(429, "retry-after-ms", "250"), 0, START, START))
                .hasValue(Duration.ofMillis(250));
        AttemptFailure throttled = AttemptFailure.upstreamError(ProxyError.rateLimited("slow down", 4), null);
        assertThat(rule.nextDelay(HONOURS_RETRY_AFTER, throttled, 0, START, START)).hasValue(Duration.ofSeconds(4));
    }

    @Test
    void noRetryStartsBeyondTheTotalRetryTime() {
        AttemptOutcome limited = answer(429, "retry-after", "2");

        assertThat(rule.nextDelay(HONOURS_RETRY_AFTER, limited, 1, START, START.plusSeconds(58)))
                .hasValue(Duration.ofSeconds(2));
        assertThat(rule.nextDelay(HONOURS_RETRY_AFTER, limited, 1, START, START.plusMillis(58_001))).isEmpty();
        assertThat(rule.nextDelay(THREE_RETRIES, answer(500), 0, START, START.plusSeconds(61))).isEmpty();
    }

    private static AttemptOutcome answer(int status) {
        return LocalAnswer.of(new ProviderReply(status, "application/json", new byte[0]));
    }

    private static AttemptOutcome answer(int status, String header, String value) {
        return UpstreamResponse.of(status, HttpHeaders.of(Map.of(header, List.of(value)), (n, v) -> true),
                subscriber -> { }, call -> { });
    }
}
