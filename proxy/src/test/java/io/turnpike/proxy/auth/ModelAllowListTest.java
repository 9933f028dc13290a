package io.turnpike.proxy.auth;

import io.turnpike.proxy.InMemoryGatewayDirectory;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.RoutingConfig;
import io.turnpike.proxy.models.ModelCatalogue;
import io.turnpike.proxy.models.ModelInfo;
import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelAllowListTest {
    private final ModelCatalogue catalogue = ModelCatalogue.loadDefault();

    /** Through the parsed config, as the proxy reads it. */
    private ModelAllowList allowList(String document) {
        InMemoryGatewayDirectory directory = new InMemoryGatewayDirectory()
                .provider(new ProviderAccount("mock-1", "mock", Map.of(), null))
                .config(new RoutingConfig("cfg-1", 1, document));
        return new ModelAllowLists(directory, catalogue).forConfig("cfg-1");
    }

    private static String withAllowed(String allowedModels) {
        return "{\"allowed_models\":" + allowedModels + ",\"targets\":[{\"provider\":\"@mock-1\"}]}";
    }

    @Test
    void aConfigWithoutAllowedModelsRestrictsNothingAndListsTheCatalogue() {
        ModelAllowList list = allowList("{\"targets\":[{\"provider\":\"@mock-1\"}]}");
        assertThat(list.restricts()).isFalse();
        assertThat(list.allows("claude-anything-9")).isTrue();
        assertThat(list.models()).isEqualTo(catalogue.all());
    }

    @Test
    void allowsEverySpellingOfAnAllowedModel() {
        ModelAllowList list = allowList(withAllowed("[\"claude-sonnet-4-5\",\"claude-haiku-4-5-20251001\"]"));
        assertThat(list.allows("claude-sonnet-4-5-20250929")).isTrue();
        assertThat(list.allows("global.anthropic.claude-sonnet-4-5-20250929-v1:0")).isTrue();
        assertThat(list.allows("claude-haiku-4-5")).isTrue();
        assertThat(list.allows("claude-opus-4-1")).isFalse();
    }

    @Test
    void refusesAnotherModelNamingItAndTheAllowedOnes() {
        ModelAllowList list = allowList(withAllowed("[\"claude-sonnet-4-5\",\"claude-haiku-4-5\"]"));
        assertThatThrownBy(() -> list.check("claude-opus-4-1"))
                .isInstanceOfSatisfying(ProxyError.class, error -> {
                    assertThat(error.status()).isEqualTo(400);
                    assertThat(error.type()).isEqualTo("invalid_request_error");
                    assertThat(error.getMessage()).contains("\"claude-opus-4-1\"")
                            .contains("claude-sonnet-4-5, claude-haiku-4-5");
                });
    }

    @Test
    void listsExactlyTheAllowedModelsNewestFirstThenUncataloguedOnes() {
        ModelAllowList list = allowList(withAllowed(
                "[\"claude-3-5-haiku\",\"claude-future-9\",\"claude-sonnet-4-5-20250929\"]"));
        assertThat(list.models()).extracting(ModelInfo::id)
                .containsExactly("claude-sonnet-4-5", "claude-3-5-haiku", "claude-future-9");
        assertThat(list.models().get(2).createdAt()).isEqualTo(ModelAllowList.UNKNOWN_CREATED_AT);
        assertThat(list.find("claude-3-5-haiku-20241022")).get().extracting(ModelInfo::id)
                .isEqualTo("claude-3-5-haiku");
        assertThat(list.find("claude-opus-4-1")).isEmpty();
    }

    @Test
    void aMalformedAllowListIsAMisconfiguredConfig() {
        assertThatThrownBy(() -> allowList(withAllowed("\"claude-sonnet-4-5\"")))
                .isInstanceOfSatisfying(ProxyError.class, error -> {
                    assertThat(error.status()).isEqualTo(500);
                    assertThat(error.getMessage()).contains("cfg-1").contains("allowed_models");
                });
        assertThatThrownBy(() -> allowList(withAllowed("[42]"))).isInstanceOf(ProxyError.class);
    }
}
