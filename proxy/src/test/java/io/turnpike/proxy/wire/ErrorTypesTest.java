package io.turnpike.proxy.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The error mapping table, entry by entry: factory → status ↔ type → envelope. */
class ErrorTypesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> table() {
        return Stream.of(
                entry(400, "invalid_request_error", () -> ProxyError.invalidRequest("m"), null),
                entry(401, "authentication_error", () -> ProxyError.authentication("m"), null),
                entry(402, "billing_error", () -> ProxyError.billing("m"), null),
                entry(412, "billing_error", () -> ProxyError.billing(412, "m"), null),
                entry(403, "permission_error", () -> ProxyError.permission("m"), null),
                entry(404, "not_found_error", () -> ProxyError.notFound("m"), null),
                entry(413, "request_too_large", () -> ProxyError.requestTooLarge("m"), null),
                entry(429, "rate_limit_error", () -> ProxyError.rateLimited("m", 30), 30L),
                entry(500, "api_error", () -> ProxyError.api("m"), null),
                entry(504, "timeout_error", () -> ProxyError.timeout("m"), null),
                entry(529, "overloaded_error", () -> ProxyError.overloaded("m", 5L), 5L));
    }

    private static Arguments entry(int status, String type, Supplier<ProxyError> factory, Long retryAfter) {
        return Arguments.of(status, type, factory, retryAfter);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("table")
    void eachFactoryProducesItsStatusAndType(int status, String type, Supplier<ProxyError> factory,
                                             Long retryAfter) {
        ProxyError error = factory.get();
        assertThat(error.status()).isEqualTo(status);
        assertThat(error.type()).isEqualTo(type);
        assertThat(error.retryAfterSeconds()).isEqualTo(retryAfter);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("table")
    void eachStatusMapsBackToItsType(int status, String type, Supplier<ProxyError> factory, Long retryAfter) {
        assertThat(ErrorTypes.forStatus(status)).isEqualTo(type);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("table")
    void eachErrorRendersAnthropicsEnvelope(int status, String type, Supplier<ProxyError> factory,
                                            Long retryAfter) throws Exception {
        ProxyError error = factory.get();
        JsonNode body = JSON.readTree(ErrorEnvelope.body(error.type(), error.getMessage(), "req_abc"));
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo(type);
        assertThat(body.at("/error/message").asText()).isEqualTo("m");
        assertThat(body.get("request_id").asText()).isEqualTo("req_abc");
    }

    @Test
    void statusesWithoutTheirOwnTypeFallBackByClass() {
        assertThat(ErrorTypes.forStatus(405)).isEqualTo("invalid_request_error");
        assertThat(ErrorTypes.forStatus(415)).isEqualTo("invalid_request_error");
        assertThat(ErrorTypes.forStatus(502)).isEqualTo("api_error");
        assertThat(ErrorTypes.forStatus(503)).isEqualTo("api_error");
    }

    @Test
    void retryAfterIsNeverNegativeAndOptionalForOverload() {
        assertThat(ProxyError.rateLimited("m", -3).retryAfterSeconds()).isZero();
        assertThat(ProxyError.overloaded("m", null).retryAfterSeconds()).isNull();
    }

    @Test
    void sseErrorFrameCarriesTheSameErrorObject() throws Exception {
        String frame = ErrorEnvelope.sseFrame("overloaded_error", "busy");
        assertThat(frame).startsWith("event: error\ndata: ").endsWith("\n\n");
        JsonNode data = JSON.readTree(frame.substring("event: error\ndata: ".length()).trim());
        assertThat(data.at("/error/type").asText()).isEqualTo("overloaded_error");
        assertThat(data.at("/error/message").asText()).isEqualTo("busy");
    }
}
