package io.turnpike.proxy.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An upstream's own hint of when to try again: {@code retry-after-ms} (milliseconds, as Anthropic's and OpenAI's
 * APIs send) wins over {@code retry-after}, which is either seconds or an HTTP date (RFC 9110). Unparseable or
 * negative values are ignored (the caller falls back to its backoff); a date in the past means "now".
 */
final class RetryAfter {
    private RetryAfter() {
    }

    static Optional<Duration> parse(String retryAfterMs, String retryAfter, Instant now) {
        Optional<Duration> millis = number(retryAfterMs, 1);
        if (millis.isPresent()) {
            return millis;
        }
        Optional<Duration> seconds = number(retryAfter, 1000);
        if (seconds.isPresent() || retryAfter == null) {
            return seconds;
        }
        try {
            Instant at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> number(String value, long millisPerUnit) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            double amount = Double.parseDouble(value.trim());
            if (!(amount >= 0) || Double.isInfinite(amount)) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil(amount * millisPerUnit)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
