package io.turnpike.proxy.providers.vertex;

import io.turnpike.proxy.fakes.FakeVertex;
import io.turnpike.proxy.wire.ErrorTypes;
import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class VertexErrorsTest {

    @ParameterizedTest(name = "{0} {1} → {2} {3}")
    @CsvSource({
            "400, INVALID_ARGUMENT,    400, invalid_request_error",
            "400, FAILED_PRECONDITION, 400, invalid_request_error",
            "401, UNAUTHENTICATED,     401, authentication_error",
            "403, PERMISSION_DENIED,   403, permission_error",
            "404, NOT_FOUND,           404, not_found_error",
            "429, RESOURCE_EXHAUSTED,  429, rate_limit_error",
            "500, INTERNAL,            500, api_error",
            "500, UNKNOWN,             500, api_error",
            "503, UNAVAILABLE,         529, overloaded_error",
            "504, DEADLINE_EXCEEDED,   504, timeout_error",
            "499, CANCELLED,           500, api_error"})
    void mapsGoogleCanonicalStatuses(int httpStatus, String googleStatus, int status, String type) {
        ProxyError error = VertexErrors.toAnthropic(httpStatus,
                bytes(FakeVertex.googleError(httpStatus, googleStatus, "upstream said no")), null);

        assertThat(error.status()).isEqualTo(status);
        assertThat(error.type()).isEqualTo(type);
        assertThat(error.getMessage()).isEqualTo("upstream said no");
    }

    @ParameterizedTest(name = "HTTP {0} → {1} {2}")
    @CsvSource({
            "400, 400, invalid_request_error",
            "401, 401, authentication_error",
            "403, 403, permission_error",
            "404, 404, not_found_error",
            "409, 400, invalid_request_error",
            "413, 413, request_too_large",
            "429, 429, rate_limit_error",
            "500, 500, api_error",
            "502, 500, api_error",
            "503, 529, overloaded_error",
            "504, 504, timeout_error"})
    void bodiesWithoutAGoogleStatusAreMappedByHttpStatus(int httpStatus, int status, String type) {
        ProxyError error = VertexErrors.toAnthropic(httpStatus, bytes("<html>Bad Gateway</html>"), null);

        assertThat(error.status()).isEqualTo(status);
        assertThat(error.type()).isEqualTo(type);
        assertThat(error.getMessage()).isEqualTo("Vertex AI answered HTTP " + httpStatus);
    }

    @Test
    void readsAGoogleErrorWrappedInAnArray() {
        ProxyError error = VertexErrors.toAnthropic(429,
                bytes("[" + FakeVertex.googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded") + "]"), null);

        assertThat(error.type()).isEqualTo(ErrorTypes.RATE_LIMIT);
        assertThat(error.getMessage()).isEqualTo("Quota exceeded");
    }

    @Test
    void aRateLimitTakesTheUpstreamRetryAfter() {
        ProxyError error = VertexErrors.toAnthropic(429,
                bytes(FakeVertex.googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded")), "17");

        assertThat(error.retryAfterSeconds()).isEqualTo(17L);
    }

    @Test
    void aRateLimitFallsBackToGoogleRetryInfoRoundedUp() {
        String body = """
                {"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","details":[
                  {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED"},
                  {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"2.5s"}]}}""";

        assertThat(VertexErrors.toAnthropic(429, bytes(body), null).retryAfterSeconds()).isEqualTo(3L);
    }

    @Test
    void aRateLimitWithoutAnyHintHasNoRetryAfter() {
        ProxyError error = VertexErrors.toAnthropic(429,
                bytes(FakeVertex.googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded")), "not-a-number");

        assertThat(error.retryAfterSeconds()).isNull();
    }

    @Test
    void otherErrorsNeverCarryRetryAfter() {
        assertThat(VertexErrors.toAnthropic(400,
                bytes(FakeVertex.googleError(400, "INVALID_ARGUMENT", "bad")), "5").retryAfterSeconds()).isNull();
    }

    @Test
    void recognisesAnAnthropicEnvelopeForPassThrough() {
        assertThat(VertexErrors.isAnthropicError(bytes(
                FakeVertex.anthropicError("invalid_request_error", "prompt is too long")))).isTrue();
        assertThat(VertexErrors.isAnthropicError(bytes(
                FakeVertex.googleError(400, "INVALID_ARGUMENT", "bad")))).isFalse();
        assertThat(VertexErrors.isAnthropicError(bytes("not json"))).isFalse();
        assertThat(VertexErrors.isAnthropicError(new byte[0])).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
