package io.turnpike.proxy.providers.vertex;

import com.google.auth.oauth2.AccessToken;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VertexCredentialsTest {
    private final List<String> created = new ArrayList<>();
    private final VertexCredentials credentials = new VertexCredentials(json -> {
        created.add(json);
        return () -> new AccessToken("token", new Date());
    }, Clock.systemUTC(), Runnable::run);

    @Test
    void oneAccountWithTheSameSecretKeepsOneCredentials() {
        VertexAccessTokens first = credentials.forAccount("vertex-1", "{\"key\":1}");
        VertexAccessTokens second = credentials.forAccount("vertex-1", "{\"key\":1}");

        assertThat(second).isSameAs(first);
        assertThat(created).containsExactly("{\"key\":1}");
    }

    @Test
    void aRotatedSecretReplacesTheAccountsCredentials() {
        VertexAccessTokens before = credentials.forAccount("vertex-1", "{\"key\":1}");
        VertexAccessTokens after = credentials.forAccount("vertex-1", "{\"key\":2}");

        assertThat(after).isNotSameAs(before);
        assertThat(credentials.forAccount("vertex-1", "{\"key\":2}")).isSameAs(after);
        assertThat(created).containsExactly("{\"key\":1}", "{\"key\":2}");
    }

    @Test
    void accountsNeverShareCredentialsEvenWithTheSameSecret() {
        assertThat(credentials.forAccount("vertex-1", null))
                .isNotSameAs(credentials.forAccount("vertex-2", null));
        assertThat(created).containsExactly(null, null);
    }
}
