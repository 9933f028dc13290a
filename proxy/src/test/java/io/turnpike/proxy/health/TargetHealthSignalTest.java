package io.turnpike.proxy.health;

import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.providers.AttemptFailure;
import io.turnpike.proxy.providers.AttemptOutcome;
import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.turnpike.proxy.health.TargetHealthSignal.FAILURE;
import static io.turnpike.proxy.health.TargetHealthSignal.IGNORED;
import static io.turnpike.proxy.health.TargetHealthSignal.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

class TargetHealthSignalTest {

    /** An answered attempt with just a status, as an upstream response would be. */
    private record Answered(int status) implements AttemptOutcome {
        @Override
        public Retryability retryability() {
            return Retryability.BY_STATUS;
        }

        @Override
        public String upstreamHeader(String name) {
            return null;
        }

        @Override
        public void commit(ProxyCall call) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void discard() {
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "200, SUCCESS", "201, SUCCESS", "204, SUCCESS", "304, SUCCESS",
            "400, IGNORED", "401, IGNORED", "403, IGNORED", "404, IGNORED", "408, IGNORED", "413, IGNORED",
            "422, IGNORED",
            "429, FAILURE", "500, FAILURE", "502, FAILURE", "503, FAILURE", "504, FAILURE", "529, FAILURE"})
    void classifiesStatuses(int status, TargetHealthSignal expected) {
        assertThat(TargetHealthSignal.ofStatus(status)).isEqualTo(expected);
        assertThat(TargetHealthSignal.of(new Answered(status))).isEqualTo(expected);
    }

    @Test
    void noAnswerAtAllIsAFailureWhateverTheStatusItBecomes() {
        AttemptFailure reset = AttemptFailure.noAnswer(ProxyError.api("connection reset"), "IOException");
        AttemptFailure timedOut = AttemptFailure.noAnswer(ProxyError.timeout("no answer"),
                AttemptFailure.REQUEST_TIMEOUT);

        assertThat(TargetHealthSignal.of(reset)).isEqualTo(FAILURE);
        assertThat(TargetHealthSignal.of(timedOut)).isEqualTo(FAILURE);
        assertThat(TargetHealthSignal.cause(timedOut)).isEqualTo("request_timeout");
    }

    @Test
    void upstreamErrorsAreJudgedByStatus() {
        AttemptFailure rateLimited = AttemptFailure.upstreamError(ProxyError.rateLimited("slow down", 3), null);
        AttemptFailure badRequest = AttemptFailure.upstreamError(ProxyError.invalidRequest("bad"), null);

        assertThat(TargetHealthSignal.of(rateLimited)).isEqualTo(FAILURE);
        assertThat(TargetHealthSignal.cause(rateLimited)).isEqualTo("status 429");
        assertThat(TargetHealthSignal.of(badRequest)).isEqualTo(IGNORED);
    }

    @Test
    void aRefusalBeforeSendingSaysNothingAboutTheUpstream() {
        AttemptFailure noCredentials = AttemptFailure.notSent(ProxyError.api("no credentials for the provider"));

        assertThat(noCredentials.status()).isEqualTo(500);
        assertThat(TargetHealthSignal.of(noCredentials)).isEqualTo(IGNORED);
    }

    @Test
    void aSuccessHasNoFailureCauseButAStatus() {
        assertThat(TargetHealthSignal.of(new Answered(200))).isEqualTo(SUCCESS);
        assertThat(TargetHealthSignal.cause(new Answered(200))).isEqualTo("status 200");
    }
}
