package io.turnpike.query.logs;

import java.time.Instant;
import java.util.Optional;

/** What a caller asked of the request log. Absent dimensions are not filtered on. */
public record RequestLogFilter(
        Optional<String> tenant,
        Optional<String> team,
        Optional<String> user,
        Optional<String> env,
        Optional<Instant> from,
        Optional<Instant> to,
        int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public RequestLogFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new IllegalArgumentException("from must not be after to");
        }
    }
}
