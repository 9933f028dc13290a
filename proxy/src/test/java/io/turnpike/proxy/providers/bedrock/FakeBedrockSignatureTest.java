package io.turnpike.proxy.providers.bedrock;

import io.turnpike.proxy.fakes.FakeBedrock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake's SigV4 check must be able to fail: signed requests pass, altered ones do not. */
class FakeBedrockSignatureTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final AwsCredentialsIdentity CREDENTIALS = AwsCredentialsIdentity.create("AKIATEST", "secret");
    private static final byte[] BODY = ("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":5,"
            + "\"messages\":[]}").getBytes(StandardCharsets.UTF_8);
    private static FakeBedrock fake;

    @BeforeAll
    static void start() throws Exception {
        fake = FakeBedrock.sigV4("eu-west-1", "AKIATEST", "secret");
    }

    @BeforeEach
    void forgetEarlierRequests() {
        fake.respondWith(FakeBedrock.Script.message(FakeBedrock.DEFAULT_MODEL, "ok", FakeBedrock.Usage.of(1, 1)));
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static int send(URI signedUri, URI sentUri, String region, byte[] signedBody, byte[] sentBody)
            throws Exception {
        Map<String, List<String>> headers = BedrockSigner.sign(signedUri,
                Map.of("content-type", "application/json"), signedBody, CREDENTIALS, region, Clock.systemUTC());
        HttpRequest.Builder request = HttpRequest.newBuilder(sentUri)
                .POST(HttpRequest.BodyPublishers.ofByteArray(sentBody));
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, String.join(",", values));
            }
        });
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static URI invoke(String model) {
        return BedrockRequests.invokeUri(URI.create(fake.endpointUrl()), model, false);
    }

    @Test
    void aCorrectlySignedRequestIsAccepted() throws Exception {
        assertThat(send(invoke("anthropic.m-v1:0"), invoke("anthropic.m-v1:0"), "eu-west-1", BODY, BODY))
                .isEqualTo(200);
        assertThat(fake.takeRequest().authenticated()).isTrue();
    }

    @Test
    void aBodyChangedAfterSigningIsRejected() throws Exception {
        byte[] altered = new String(BODY, StandardCharsets.UTF_8).replace("5", "6").getBytes(StandardCharsets.UTF_8);

        assertThat(send(invoke("anthropic.m-v1:0"), invoke("anthropic.m-v1:0"), "eu-west-1", BODY, altered))
                .isEqualTo(403);
        assertThat(fake.takeRequest().authenticated()).isFalse();
    }

    @Test
    void aPathChangedAfterSigningIsRejected() throws Exception {
        assertThat(send(invoke("anthropic.m-v1:0"), invoke("anthropic.other-v1:0"), "eu-west-1", BODY, BODY))
                .isEqualTo(403);
    }

    @Test
    void aSignatureForAnotherRegionIsRejected() throws Exception {
        assertThat(send(invoke("anthropic.m-v1:0"), invoke("anthropic.m-v1:0"), "us-east-1", BODY, BODY))
                .isEqualTo(403);
    }
}
