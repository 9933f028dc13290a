package io.turnpike.query.http;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The time parameters every read endpoint accepts ({@code from}, {@code to}), parsed and checked alike. */
public final class TimeInput {
    private TimeInput() {
    }

    /** ISO-8601 instants ({@code 2026-11-25T10:00:00Z}) or epoch milliseconds; a 400 naming {@code field} otherwise. */
    public static Instant instant(String field, String value) {
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw ApiError.invalid(field, field + " is out of range: " + value);
            }
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be an ISO-8601 instant like 2026-11-25T10:00:00Z"
                    + " or epoch milliseconds, got \"" + value + "\"");
        }
    }

    /** Refuses a range that ends before it starts, naming {@code from}. */
    public static void requireOrdered(Optional<Instant> from, Optional<Instant> to) {
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw ApiError.invalid("from", "from must not be after to");
        }
    }
}
