package io.turnpike.proxy.providers.vertex;

import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VertexAccountSettingsTest {
    private static final Map<String, String> SETTINGS = Map.of("project_id", "my-project", "region", "us-east5");

    @Test
    void withoutASecretTheAccountUsesApplicationDefaultCredentials() {
        VertexAccountSettings settings = VertexAccountSettings.of(new ProviderAccount("v", "vertex", SETTINGS, null));

        assertThat(settings.serviceAccountJson()).isNull();
        assertThat(settings.endpoint()).isEqualTo(
                new VertexEndpoint("https://us-east5-aiplatform.googleapis.com", "my-project", "us-east5"));
    }

    @Test
    void readsTheServiceAccountKeyAsAStringOrAnInlineObject() {
        String asString = "{\"service_account_json\":\"{\\\"type\\\":\\\"service_account\\\"}\"}";
        String inline = "{\"service_account_json\":{\"type\":\"service_account\"}}";

        assertThat(VertexAccountSettings.of(new ProviderAccount("v", "vertex", SETTINGS, asString))
                .serviceAccountJson()).isEqualTo("{\"type\":\"service_account\"}");
        assertThat(VertexAccountSettings.of(new ProviderAccount("v", "vertex", SETTINGS, inline))
                .serviceAccountJson()).isEqualTo("{\"type\":\"service_account\"}");
    }

    @Test
    void missingProjectOrRegionIsAConfigurationErrorNamingTheField() {
        assertThatThrownBy(() -> VertexAccountSettings.of(
                new ProviderAccount("v", "vertex", Map.of("region", "global"), null)))
                .isInstanceOfSatisfying(ProxyError.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("\"v\"", "settings.project_id");
                });
        assertThatThrownBy(() -> VertexAccountSettings.of(
                new ProviderAccount("v", "vertex", Map.of("project_id", "p"), null)))
                .hasMessageContaining("settings.region");
    }

    @Test
    void anUnreadableSecretIsReportedWithoutItsContent() {
        assertThatThrownBy(() -> VertexAccountSettings.of(
                new ProviderAccount("v", "vertex", SETTINGS, "-----BEGIN PRIVATE KEY----- secret-bits")))
                .isInstanceOf(ProxyError.class)
                .hasMessageContaining("not a JSON object")
                .hasMessageNotContaining("secret-bits");
    }
}
