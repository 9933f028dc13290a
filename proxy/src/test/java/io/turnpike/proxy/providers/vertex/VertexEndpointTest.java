package io.turnpike.proxy.providers.vertex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VertexEndpointTest {

    @ParameterizedTest
    @CsvSource({
            "global, https://aiplatform.googleapis.com",
            "us, https://aiplatform.us.rep.googleapis.com",
            "eu, https://aiplatform.eu.rep.googleapis.com",
            "us-east5, https://us-east5-aiplatform.googleapis.com",
            "europe-west1, https://europe-west1-aiplatform.googleapis.com"})
    void picksTheHostByRegionKind(String region, String host) {
        assertThat(VertexEndpoint.hostFor(region)).isEqualTo(host);
        assertThat(VertexEndpoint.of("my-project", region, null).baseUrl()).isEqualTo(host);
    }

    @Test
    void buildsRawPredictForPlainRequestsAndStreamRawPredictForStreams() {
        VertexEndpoint endpoint = VertexEndpoint.of("my-project", "us-east5", null);

        assertThat(endpoint.predict("claude-sonnet-4-5@20250929", false)).hasToString(
                "https://us-east5-aiplatform.googleapis.com/v1/projects/my-project/locations/us-east5"
                        + "/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict");
        assertThat(endpoint.predict("claude-sonnet-4-5@20250929", true)).hasToString(
                "https://us-east5-aiplatform.googleapis.com/v1/projects/my-project/locations/us-east5"
                        + "/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict");
    }

    @Test
    void countsTokensOnTheSharedCountTokensModel() {
        assertThat(VertexEndpoint.of("my-project", "global", null).countTokens()).hasToString(
                "https://aiplatform.googleapis.com/v1/projects/my-project/locations/global"
                        + "/publishers/anthropic/models/count-tokens:rawPredict");
    }

    @Test
    void anEndpointOverrideReplacesOnlyTheHost() {
        VertexEndpoint endpoint = VertexEndpoint.of("my-project", "eu", "http://127.0.0.1:9999/");

        assertThat(endpoint.predict("claude-haiku-4-5@20251001", false)).hasToString(
                "http://127.0.0.1:9999/v1/projects/my-project/locations/eu"
                        + "/publishers/anthropic/models/claude-haiku-4-5@20251001:rawPredict");
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-4-5@20250929", "claude-opus-4-6", "claude-3-5-sonnet-v2@20241022"})
    void acceptsVertexModelIds(String model) {
        assertThat(VertexEndpoint.isValidModelId(model)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "claude/../../x", "claude:rawPredict", "claude sonnet", "claude?x=1", "-leading"})
    void refusesModelIdsThatWouldBendTheUrl(String model) {
        assertThat(VertexEndpoint.isValidModelId(model)).isFalse();
        VertexEndpoint endpoint = VertexEndpoint.of("my-project", "global", null);
        assertThatThrownBy(() -> endpoint.predict(model, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.com/x", "us-east5.evil.com", "US", "us_east5", ""})
    void refusesRegionsThatAreNotRegionNames(String region) {
        assertThatThrownBy(() -> VertexEndpoint.of("my-project", region, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region");
    }

    @Test
    void refusesProjectIdsWithPathCharacters() {
        assertThatThrownBy(() -> VertexEndpoint.of("my-project/../other", "global", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("project_id");
    }
}
