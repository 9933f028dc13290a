package io.turnpike.proxy.providers.bedrock;

import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BedrockErrorsTest {
    private static final String CORAL = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

    @ParameterizedTest(name = "{0} {1} → {2} {3}")
    @CsvSource({
            "400, ValidationException,                 400, invalid_request_error",
            "403, AccessDeniedException,               403, permission_error",
            "403, UnrecognizedClientException,         403, permission_error",
            "403, InvalidSignatureException,           403, permission_error",
            "403, ExpiredTokenException,               403, permission_error",
            "404, ResourceNotFoundException,           404, not_found_error",
            "429, ThrottlingException,                 429, rate_limit_error",
            "400, ServiceQuotaExceededException,       429, rate_limit_error",
            "408, ModelTimeoutException,               504, timeout_error",
            "503, ServiceUnavailableException,         529, overloaded_error",
            "429, ModelNotReadyException,              529, overloaded_error",
            "424, ModelErrorException,                 500, api_error",
            "500, InternalServerException,             500, api_error",
    })
    void httpErrorsMapByTheirAmazonErrorType(int bedrockStatus, String errorType, int status, String type) {
        ProxyError error = BedrockErrors.fromHttp("bedrock-1", bedrockStatus, errorType + CORAL,
                "{\"message\":\"Bedrock says no\"}".getBytes(StandardCharsets.UTF_8), null);

        assertThat(error.status()).isEqualTo(status);
        assertThat(error.type()).isEqualTo(type);
        assertThat(error.getMessage()).isEqualTo("Bedrock says no");
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({
            "400, 400, invalid_request_error",
            "401, 403, permission_error",
            "403, 403, permission_error",
            "404, 404, not_found_error",
            "408, 504, timeout_error",
            "413, 413, request_too_large",
            "424, 400, invalid_request_error",
            "429, 429, rate_limit_error",
            "500, 500, api_error",
            "502, 500, api_error",
            "503, 529, overloaded_error",
    })
    void withoutAnErrorTypeTheStatusDecides(int bedrockStatus, int status, String type) {
        ProxyError error = BedrockErrors.fromHttp("bedrock-1", bedrockStatus, null, new byte[0], null);

        assertThat(error.status()).isEqualTo(status);
        assertThat(error.type()).isEqualTo(type);
        assertThat(error.getMessage()).contains("HTTP " + bedrockStatus).contains("bedrock-1");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "throttlingException,          rate_limit_error",
            "modelStreamErrorException,    api_error",
            "validationException,          invalid_request_error",
            "internalServerException,      api_error",
            "serviceUnavailableException,  overloaded_error",
            "modelTimeoutException,        timeout_error",
            "somethingNewException,        api_error",
    })
    void streamExceptionNamesMapToAnthropicTypes(String exceptionType, String type) {
        assertThat(BedrockErrors.map(exceptionType, 500).type()).isEqualTo(type);
    }

    @Test
    void theTypeMayComeFromTheBodyWhenTheHeaderIsMissing() {
        ProxyError error = BedrockErrors.fromHttp("b", 400,
                null, "{\"__type\":\"com.amazon.coral.service#ThrottlingException\",\"Message\":\"slow down\"}"
                        .getBytes(StandardCharsets.UTF_8), null);

        assertThat(error.type()).isEqualTo("rate_limit_error");
        assertThat(error.getMessage()).isEqualTo("slow down");
    }

    @Test
    void retryAfterIsKeptForRateLimitsAndOverloadOnly() {
        byte[] body = "{\"message\":\"m\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(BedrockErrors.fromHttp("b", 429, "ThrottlingException", body, "7").retryAfterSeconds())
                .isEqualTo(7L);
        assertThat(BedrockErrors.fromHttp("b", 503, "ServiceUnavailableException", body, "1.5").retryAfterSeconds())
                .isEqualTo(2L);
        assertThat(BedrockErrors.fromHttp("b", 429, "ThrottlingException", body, null).retryAfterSeconds()).isNull();
        assertThat(BedrockErrors.fromHttp("b", 400, "ValidationException", body, "7").retryAfterSeconds()).isNull();
    }
}
