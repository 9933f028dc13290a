package io.turnpike.query.http;

import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.NotFoundException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.query.logs.ClickHouseUnavailableException;

/** Maps domain failures to HTTP errors; anything unexpected is a 500 without internals in the message. */
public final class ErrorTranslator {
    public ApiError translate(Exception e) {
        if (e instanceof ApiError api) {
            return api;
        }
        if (e instanceof ValidationException v) {
            return ApiError.invalid(v.field(), v.getMessage());
        }
        if (e instanceof NotFoundException) {
            return ApiError.notFound(e.getMessage());
        }
        if (e instanceof ConflictException) {
            return new ApiError(409, "invalid_request_error", e.getMessage(), null);
        }
        if (e instanceof ClickHouseUnavailableException) {
            return new ApiError(503, "overloaded_error", "the analytics store is unavailable: " + e.getMessage(), null);
        }
        return new ApiError(500, "api_error", "internal error", null);
    }
}
