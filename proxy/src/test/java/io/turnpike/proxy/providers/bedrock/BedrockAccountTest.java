package io.turnpike.proxy.providers.bedrock;

import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BedrockAccountTest {
    private static ProviderAccount account(Map<String, String> settings, String secret) {
        return new ProviderAccount("bedrock-1", "bedrock", settings, secret);
    }

    @Test
    void staticKeysWithASessionTokenAndTheRegionalEndpoint() {
        BedrockAccount account = BedrockAccount.of(account(
                Map.of("region", "eu-central-1", "aws_access_key_id", "AKIAEXAMPLE"),
                "{\"aws_secret_access_key\":\"s3cr3t\",\"aws_session_token\":\"tok\"}"));

        assertThat(account.auth()).isEqualTo(BedrockAccount.Auth.SIGV4);
        assertThat(account.hasStaticKeys()).isTrue();
        assertThat(account.accessKeyId()).isEqualTo("AKIAEXAMPLE");
        assertThat(account.secretAccessKey()).isEqualTo("s3cr3t");
        assertThat(account.sessionToken()).isEqualTo("tok");
        assertThat(account.endpoint()).hasToString("https://bedrock-runtime.eu-central-1.amazonaws.com");
        assertThat(account.toString()).doesNotContain("s3cr3t").doesNotContain("tok");
    }

    @Test
    void noKeysAtAllMeansTheDefaultCredentialsChain() {
        BedrockAccount account = BedrockAccount.of(account(Map.of("region", "us-west-2"), null));

        assertThat(account.auth()).isEqualTo(BedrockAccount.Auth.SIGV4);
        assertThat(account.hasStaticKeys()).isFalse();
    }

    @Test
    void apiKeyAuthAndAnEndpointOverride() {
        BedrockAccount account = BedrockAccount.of(account(
                Map.of("region", "us-east-1", "auth", "api_key", "endpoint_url", "http://127.0.0.1:9999/"),
                "{\"api_key\":\"ABSKexample\"}"));

        assertThat(account.auth()).isEqualTo(BedrockAccount.Auth.API_KEY);
        assertThat(account.apiKey()).isEqualTo("ABSKexample");
        assertThat(account.endpoint()).hasToString("http://127.0.0.1:9999");
    }

    @Test
    void misconfigurationsAreApiErrorsThatNameTheProblemButNeverTheSecret() {
        assertThatThrownBy(() -> BedrockAccount.of(account(Map.of(), null)))
                .isInstanceOfSatisfying(ProxyError.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("bedrock-1").contains("settings.region is required");
                });
        assertThatThrownBy(() -> BedrockAccount.of(account(Map.of("region", "us-east-1",
                "aws_access_key_id", "AKIA"), null)))
                .hasMessageContaining("no \"aws_secret_access_key\"");
        assertThatThrownBy(() -> BedrockAccount.of(account(Map.of("region", "us-east-1", "auth", "api_key"),
                "{\"aws_secret_access_key\":\"s3cr3t\"}")))
                .hasMessageContaining("no \"api_key\"").hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> BedrockAccount.of(account(Map.of("region", "us-east-1"), "not-json-s3cr3t")))
                .hasMessageContaining("must be a JSON object").hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> BedrockAccount.of(account(Map.of("region", "us-east-1", "auth", "iam"), null)))
                .hasMessageContaining("settings.auth");
        assertThatThrownBy(() -> BedrockAccount.of(account(Map.of("region", "us-east-1",
                "endpoint_url", "ftp://x"), null)))
                .hasMessageContaining("endpoint_url");
    }
}
