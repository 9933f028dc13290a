package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttemptPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void withoutRetryOrTimeoutNothingIsRetriedAndNothingTimesOut() throws Exception {
        AttemptPolicy policy = AttemptPolicy.inherited(List.of(json("{\"targets\":[]}"), json("{\"provider\":\"@a\"}")));

        assertThat(policy).isEqualTo(AttemptPolicy.NONE);
        assertThat(policy.retryOnStatus()).containsExactlyInAnyOrder(429, 500, 502, 503, 504);
        assertThat(policy.requestTimeout()).isNull();
    }

    @Test
    void fieldsAreInheritedDownTheTreeAndTheChildWins() throws Exception {
        JsonNode root = json("{\"retry\":{\"attempts\":2,\"use_retry_after_header\":true},\"request_timeout\":9000}");
        JsonNode parent = json("{\"retry\":{\"on_status_codes\":[429,529]}}");
        JsonNode target = json("{\"provider\":\"@a\",\"retry\":{\"attempts\":4},\"request_timeout\":1500}");

        AttemptPolicy policy = AttemptPolicy.inherited(List.of(root, parent, target));

        assertThat(policy.retries()).isEqualTo(4);
        assertThat(policy.retryOnStatus()).isEqualTo(Set.of(429, 529));
        assertThat(policy.useRetryAfterHeader()).isTrue();
        assertThat(policy.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aRetryableStatusIsNeverASuccess() {
        AttemptPolicy odd = new AttemptPolicy(1, Set.of(200, 503), false, null);

        assertThat(odd.retriesOn(503)).isTrue();
        assertThat(odd.retriesOn(200)).isFalse();
    }

    @Test
    void invalidValuesNameTheField() {
        assertThatThrownBy(() -> inherit("{\"retry\":{\"attempts\":-1}}")).hasMessageContaining("retry.attempts");
        assertThatThrownBy(() -> inherit("{\"retry\":{\"attempts\":\"3\"}}")).hasMessageContaining("retry.attempts");
        assertThatThrownBy(() -> inherit("{\"retry\":{\"on_status_codes\":[42]}}"))
                .hasMessageContaining("retry.on_status_codes");
        assertThatThrownBy(() -> inherit("{\"retry\":{\"use_retry_after_header\":\"yes\"}}"))
                .hasMessageContaining("retry.use_retry_after_header");
        assertThatThrownBy(() -> inherit("{\"request_timeout\":0}")).hasMessageContaining("request_timeout");
        assertThatThrownBy(() -> inherit("{\"retry\":3}")).hasMessageContaining("\"retry\" must be an object");
    }

    private static AttemptPolicy inherit(String target) throws Exception {
        return AttemptPolicy.inherited(List.of(json("{}"), json(target)));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
